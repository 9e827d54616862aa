/**
 * Paper: the time to print each form (DOCX, and PDF through one warm Chromium, with the
 * browser's start apart) from the sample content, and to check and process a stamped scan —
 * a 10-megapixel phone photo (JPEG with EXIF/GPS, held sideways) and a 20-page scanned PDF.
 * Medians of `runs`; the inputs are made once, outside the timings.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { openPrinter } from '../../pipeline/paper/pdf.ts';
import { printRecord, type PrintFormat } from '../../pipeline/paper/print.ts';
import { checkScan } from '../../pipeline/paper/scan/check-scan.ts';
import { makePdf, phonePhoto } from '../../test/security/corpus/scans.ts';
import { REPO_ROOT } from '../generate.ts';

export interface PaperTiming {
  runs: number;
  browserStartMs: number;
  forms: Array<{ id: string; kind: string; format: PrintFormat; ms: number; bytes: number }>;
  photo: { megapixels: number; inBytes: number; outBytes: number; ms: number };
  pdf: { pages: number; inBytes: number; ms: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await f();
    times.push(performance.now() - t);
  }
  return { ms: median(times), last };
}

export async function measurePaper(runs: number): Promise<PaperTiming> {
  const contentDir = join(REPO_ROOT, 'content');
  const ids = ['XM-2026-001', '91350203MA2XT9L15Q', 'XM-2026-001-A01'];
  const t0 = performance.now();
  const printer = await openPrinter();
  const browserStartMs = performance.now() - t0;
  const forms: PaperTiming['forms'] = [];
  try {
    for (const id of ids) {
      for (const format of ['docx', 'pdf'] as const) {
        // Full prints: what an officer or a submitter prints on their own machine.
        const { ms, last } = await timed(runs, () =>
          printRecord({ contentDir, id, format, identities: [], printer, env: {} }),
        );
        forms.push({ id, kind: last.record.kind, format, ms, bytes: last.bytes.length });
      }
    }
  } finally {
    await printer.close();
  }
  const photo = await phonePhoto(4000, 2500, { noise: true });
  const photoRun = await timed(runs, () => checkScan(photo));
  // Twenty scanned pages, each its own JPEG (noise keeps them the size of real scans).
  const pages = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      sharp({
        create: {
          width: 1200,
          height: 1700,
          channels: 3,
          background: '#000',
          noise: { type: 'gaussian', mean: 215 + (i % 5), sigma: 20 },
        },
      })
        .jpeg({ quality: 75 })
        .toBuffer(),
    ),
  );
  const scan = makePdf(20, { images: pages });
  const pdfRun = await timed(runs, () => checkScan(scan));
  return {
    runs,
    browserStartMs,
    forms,
    photo: {
      megapixels: 10,
      inBytes: photo.length,
      outBytes: photoRun.last.ok ? photoRun.last.size : 0,
      ms: photoRun.ms,
    },
    pdf: { pages: 20, inBytes: scan.length, ms: pdfRun.ms },
  };
}

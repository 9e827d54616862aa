/**
 * The whole paper loop on the sample content, for one demand and one application: print the
 * form (PDF), "stamp" it (page 1 rendered by pdftoppm, a red seal drawn on it, photographed
 * sideways with GPS EXIF by the phone generator's encoder), attach the photo with
 * `jiebang attach-scan` naming the revision printed, and `jiebang verify-scan` ties the kept
 * scan back to that revision. The prints and the kept scans are written to
 * test-results/paper/ (generated here, not committed).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContent } from '../../pipeline/content/parse.ts';
import { openPrinter, type Printer } from '../../pipeline/paper/pdf.ts';
import { printRecord } from '../../pipeline/paper/print.ts';
import { revisionOf } from '../../pipeline/paper/revision.ts';
import { shortRevision } from '../../pipeline/paper/verification.ts';
import { jiebang, ROOT } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';

const ARTEFACTS = join(ROOT, 'test-results/paper');
let repo: TestRepo;
let content: string;
let printer: Printer;
const scratch = mkdtempSync(join(tmpdir(), 'jiebang-loop-'));

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  repo = makeRepo({ 'README.md': 'test\n' });
  content = join(repo.dir, 'content');
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'sample content');
  printer = await openPrinter();
});
afterAll(async () => {
  await printer?.close();
  repo?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** Page 1 of a PDF with a red round seal over the 盖章 box, as a phone photo held sideways. */
async function stampedPhoto(pdf: Buffer): Promise<Buffer> {
  writeFileSync(join(scratch, 'form.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-r',
    '100',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(scratch, 'form.pdf'),
    join(scratch, 'page'),
  ]);
  const page = sharp(join(scratch, 'page.png'));
  const { width, height } = await page.metadata();
  const seal = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g transform="translate(${width! * 0.72} ${height! * 0.18})" fill="none" stroke="#d00" stroke-width="6" opacity="0.8"><circle r="70"/><path d="M0 -28 L8 -8 L29 -8 L12 5 L18 26 L0 13 L-18 26 L-12 5 L-29 -8 L-8 -8 Z" fill="#d00"/></g></svg>`,
  );
  const sealed = await page
    .composite([{ input: seal }])
    .png()
    .toBuffer();
  return sharp(sealed)
    .rotate(-90)
    .jpeg({ quality: 88 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone X' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '24/1 28/1 3012/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '118/1 5/1 4488/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('print, stamp, attach and verify', () => {
  for (const [id, record] of [
    ['XM-2026-001', 'demands/XM-2026-001/index.yml'],
    ['XM-2026-001-A01', 'applications/XM-2026-001-A01.yml'],
  ] as const) {
    it(`${id}: the kept scan is processed and tied to the revision printed`, async () => {
      const printed = await printRecord({ contentDir: content, id, format: 'pdf', identities: [], env: {}, printer });
      const docx = await printRecord({ contentDir: content, id, format: 'docx', identities: [], env: {} });
      writeFileSync(join(ARTEFACTS, `loop-${printed.fileName}`), printed.bytes);
      writeFileSync(join(ARTEFACTS, `loop-${docx.fileName}`), docx.bytes);
      const revision = printed.verification.revision;
      expect(revision).toBe(revisionOf(readFileSync(join(content, record))));

      const photo = join(scratch, `${id}.jpg`);
      writeFileSync(photo, await stampedPhoto(printed.bytes));
      const attached = jiebang(['attach-scan', id, photo, '--revision', shortRevision(revision), '--content', content]);
      expect(attached.stderr).toBe('');
      expect(attached.code).toBe(0);
      const stored = join(content, attached.stdout.split('\n')[0]!.replace(/^[^/]*content\//, ''));
      expect(stored).toContain(`${id}-盖章扫描件-${shortRevision(revision)}.jpg`);
      const kept = readFileSync(stored);
      writeFileSync(join(ARTEFACTS, `loop-${id}-scan.jpg`), kept);
      const meta = await sharp(kept).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.height!).toBeGreaterThan(meta.width!); // upright: a portrait page again
      const parsed = parseContent(readFileSync(join(content, record)), 'r.yml');
      const attachments = parsed.ok
        ? (parsed.data as { attachments: Array<{ name: string; sha256: string }> }).attachments
        : [];
      expect(attachments.find((a) => a.name.endsWith('.jpg'))?.sha256).toBe(revisionOf(kept));

      const verified = jiebang([
        'verify-scan',
        stored,
        '--id',
        id,
        '--revision',
        shortRevision(revision),
        '--content',
        content,
      ]);
      expect(verified.stdout).toMatch(/只增加了附件/);
      expect(verified.code).toBe(0);
    });
  }
});

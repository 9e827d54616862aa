/**
 * The files the site serves beside Astro's pages, written from the model: search index,
 * feeds, JSON API, downloads. One function for both users: the dev server writes them to a
 * scratch folder; a build writes them on its second thread (build-worker.ts) into a staging
 * folder, with the privacy scan.
 */
import { join } from 'node:path';
import type { SiteData } from '../data/model.ts';
import { originOf } from '../data/site-url.ts';
import { writeFeeds } from './feeds.ts';
import { writeOpenData } from './open-data.ts';
import { outputFiles, type PrivacyScan } from './privacy-scan.ts';
import { startSearchIndex } from './search.ts';
import type { Timings } from './timings.ts';
import { OutputWriter } from './writer.ts';

/**
 * Write them all into `outDir`. Pagefind gets its records first and indexes in its own
 * process while the rest is done here: `scanner` (the build's privacy scan) is built in that
 * time, every file written goes through it, and Pagefind's own files are read back into it.
 */
export async function writeOutputs<S extends PrivacyScan | undefined>(
  outDir: string,
  data: SiteData,
  base: string,
  timings: Timings,
  scanner?: () => Promise<S>,
): Promise<{ records: number; scan: S }> {
  const origin = originOf(data);
  const searchStarted = performance.now();
  const search = await startSearchIndex(data, base);
  const scan = (await scanner?.()) as S;
  const out = new OutputWriter(outDir, scan);
  await timings.time('feeds', () => writeFeeds(data, { out, base, origin, now: data.now }));
  await timings.time('api', () => writeOpenData(data, { out, base, origin, generatedAt: data.now.toISOString() }));
  await search.finish(outDir);
  timings.mark('search', performance.now() - searchStarted);
  if (scan) {
    await timings.time('scan', () => {
      for (const file of outputFiles(join(outDir, 'pagefind'))) scan.scanFile(outDir, `pagefind/${file}`);
    });
  }
  return { records: search.records, scan };
}

/**
 * The files the site serves beside Astro's pages, written from the model: search index,
 * feeds, JSON API, downloads. The dev server writes them to a scratch folder with this;
 * a build writes them on its second thread (build-worker.ts), with the privacy scan.
 */
import type { SiteData } from '../data/model.ts';
import { writeFeeds } from './feeds.ts';
import { writeOpenData } from './open-data.ts';
import { startSearchIndex } from './search.ts';
import type { Timings } from './timings.ts';
import { OutputWriter } from './writer.ts';

export function originOf(data: SiteData): string {
  return (data.site.siteUrl ?? 'http://localhost:4321').replace(/\/+$/, '');
}

/** Write them all into `outDir`; Pagefind indexes in its own process while the rest is written. */
export async function writeOutputs(outDir: string, data: SiteData, base: string, timings: Timings): Promise<{ records: number }> {
  const origin = originOf(data);
  const out = new OutputWriter(outDir);
  const searchStarted = performance.now();
  const search = await startSearchIndex(data, base);
  await timings.time('feeds', () => writeFeeds(data, { out, base, origin, now: data.now }));
  await timings.time('api', () => writeOpenData(data, { out, base, origin, generatedAt: data.now.toISOString() }));
  await search.finish(outDir);
  timings.mark('search', performance.now() - searchStarted);
  return { records: search.records };
}

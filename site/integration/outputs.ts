/**
 * The files the build writes beside Astro's pages from the model: search index, feeds,
 * JSON API, downloads. One function for the build and for the dev server (which writes
 * them to a scratch folder and serves them).
 */
import type { SiteData } from '../data/model.ts';
import { writeFeeds } from './feeds.ts';
import { writeOpenData } from './open-data.ts';
import { startSearchIndex } from './search.ts';
import type { Timings } from './timings.ts';

export function originOf(data: SiteData): string {
  return (data.site.siteUrl ?? 'http://localhost:4321').replace(/\/+$/, '');
}

/**
 * Write them all. Pagefind indexes in its own process while this one writes the rest
 * (`during`, e.g. the build's demand pages and the first pass of its privacy scan, runs
 * in that time too); the search index is complete when this returns.
 */
export async function writeOutputs(out: string, data: SiteData, base: string, timings: Timings, during: () => Promise<void> | void = () => {}): Promise<{ records: number }> {
  const origin = originOf(data);
  const searchStarted = performance.now();
  const search = await startSearchIndex(data, base);
  await timings.time('feeds', () => writeFeeds(data, { outDir: out, base, origin, now: data.now }));
  await timings.time('api', () => writeOpenData(data, { outDir: out, base, origin, generatedAt: data.now.toISOString() }));
  await during();
  await search.finish(out);
  timings.mark('search', performance.now() - searchStarted);
  return { records: search.records };
}

/**
 * The files the build writes beside Astro's pages from the model: search index, feeds,
 * JSON API, downloads. One function for the build and for the dev server (which writes
 * them to a scratch folder and serves them).
 */
import type { SiteData } from '../data/model.ts';
import { writeFeeds } from './feeds.ts';
import { writeOpenData } from './open-data.ts';
import { writeSearchIndex } from './search.ts';
import type { Timings } from './timings.ts';

export function originOf(data: SiteData): string {
  return (data.site.siteUrl ?? 'http://localhost:4321').replace(/\/+$/, '');
}

export async function writeOutputs(out: string, data: SiteData, base: string, timings: Timings): Promise<{ records: number }> {
  const origin = originOf(data);
  const records = await timings.time('search', () => writeSearchIndex(out, data, base));
  await timings.time('feeds', () => writeFeeds(data, { outDir: out, base, origin, now: data.now }));
  await timings.time('api', () => writeOpenData(data, { outDir: out, base, origin, generatedAt: data.now.toISOString() }));
  return { records };
}

/**
 * The Pagefind index, built from the model with Pagefind's Node API (no HTML crawl of
 * 10,000 demand pages): one record per public demand, carrying the filters the catalogue
 * offers and both languages' cards as metadata, plus the policy pages from their HTML.
 * Everything is indexed as Chinese (one index; the extended Pagefind build segments it),
 * and a `lang` filter tells the two languages' pages apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { DemandView, SiteData } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import { demandCard } from '../render/cards.ts';
import { demandSearchText } from '../render/demand.ts';
import { demandPath, href, pagePath } from '../render/paths.ts';
import { investmentBucket } from '../render/filters.ts';

/** The filters of a demand record (codes; the catalogue shows their labels). */
export function demandFilters(d: DemandView): Record<string, string[]> {
  const data = d.data;
  return {
    lang: ['zh', 'en'],
    kind: ['demand'],
    round: [data.round],
    field: data.field ? [data.field] : [],
    type: data.demandType ? [data.demandType] : [],
    mode: data.cooperationModes ?? [],
    region: data.issuer?.region?.district ? [data.issuer.region.district] : [],
    status: [d.status.state],
    invest: [investmentBucket(data.plannedInvestment)],
  };
}

function demandRecord(d: DemandView, base: string): pagefind.CustomRecord {
  const data = d.data;
  // English labels too, so a query like "aerospace" finds the demands of that field.
  const labels = (['zh', 'en'] as const).flatMap((lang) => [
    data.field ? enumLabel('demand', '/field', data.field, lang) : '',
    data.demandType ? enumLabel('demand', '/demandType', data.demandType, lang) : '',
  ]);
  return {
    url: href(base, 'zh', demandPath(d.id)),
    content: `${d.id}\n${demandSearchText(data)}\n${labels.join(' ')}`,
    language: 'zh',
    meta: {
      title: data.title,
      id: d.id,
      card_zh: demandCard(d, 'zh', base),
      card_en: demandCard(d, 'en', base),
    },
    filters: demandFilters(d),
    sort: { published: d.publishedAt, deadline: d.deadline ?? '9999-12-31', id: d.id },
  };
}

/** Build the index into `<outDir>/pagefind/`; returns the number of records. */
export async function writeSearchIndex(outDir: string, data: SiteData, base: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh', writePlayground: false });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  try {
    const BATCH = 256;
    for (let i = 0; i < data.demands.length; i += BATCH) {
      const added = await Promise.all(data.demands.slice(i, i + BATCH).map((d) => index.addCustomRecord(demandRecord(d, base))));
      const failed = added.flatMap((a) => a.errors);
      if (failed.length) throw new Error(`Pagefind: ${failed.join('; ')}`);
    }
    for (const p of data.pages) {
      const url = href(base, p.lang, pagePath(p.slug));
      const file = join(outDir, p.lang === 'en' ? 'en' : '', pagePath(p.slug), 'index.html');
      const added = await index.addHTMLFile({ url, content: readFileSync(file, 'utf8') });
      if (added.errors.length) throw new Error(`Pagefind ${file}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return data.demands.length + data.pages.length;
  } finally {
    await pagefind.close();
  }
}

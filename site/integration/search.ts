/**
 * The Pagefind index, built from the model with Pagefind's Node API (no HTML crawl of
 * 10,000 demand pages): one record per public demand, language-neutral (its text is
 * Chinese on both sites; the English UI links results to /en/ itself), carrying the filters
 * the catalogue offers and both languages' card labels as metadata, and one record per
 * policy page, marked with its language by a `page` filter that only those few records
 * carry (a filter every demand carried would cost each search session a file listing all
 * of them). Text is cut into words by render/segment.ts (the browser cuts the query the
 * same way), so the one index is built as a space-separated language.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { DemandView, SiteData } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import { cardModel } from '../render/cards.ts';
import { href, pagePath } from '../render/paths.ts';
import { markdownText } from '../render/markdown.ts';
import { words } from '../render/segment.ts';
import { investmentBucket } from '../render/filters.ts';

/** Words are already cut: the index language only sets Latin stemming. */
const INDEX_LANGUAGE = 'en';
const UNUSED = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-highlight.js'];

/** The filters of a demand record (codes; the catalogue shows their labels). */
export function demandFilters(d: DemandView): Record<string, string[]> {
  const data = d.data;
  return {
    round: [data.round],
    field: data.field ? [data.field] : [],
    type: data.demandType ? [data.demandType] : [],
    mode: data.cooperationModes ?? [],
    region: data.issuer?.region?.district ? [data.issuer.region.district] : [],
    status: [d.status.state],
    invest: [investmentBucket(data.plannedInvestment)],
  };
}

/**
 * What a demand is found by: number, title, issuer, field and type (both languages, so
 * "aerospace" works too) and the names of its indicators. Not its long texts: Pagefind's
 * time and memory, and the index chunks every query downloads, follow the indexed text
 * (with the first 200 characters of the key problems too, the 10,000-demand index was
 * three times larger and its build three times slower).
 */
export function demandSearchText(d: DemandView): string {
  const data = d.data;
  const labels = (['zh', 'en'] as const).flatMap((lang) => [
    data.field ? enumLabel('demand', '/field', data.field, lang) : '',
    data.demandType ? enumLabel('demand', '/demandType', data.demandType, lang) : '',
  ]);
  return [
    d.id, data.title, data.anonymousIssuer ? '' : data.issuer?.name, labels.join(' '),
    ...(data.technicalIndicators ?? []).map((i) => i.name),
  ].filter(Boolean).join('\n');
}

function demandRecord(d: DemandView, base: string): pagefind.CustomRecord {
  const zh = cardModel(d, 'zh', base);
  const en = cardModel(d, 'en', base);
  return {
    url: zh.href,
    content: words(demandSearchText(d)),
    language: INDEX_LANGUAGE,
    // What the catalogue's script needs to draw the card (render/card-html.ts) in either language.
    meta: {
      title: zh.title, id: d.id, state: zh.state, issuer: d.data.anonymousIssuer ? '' : zh.issuer, region: zh.region,
      state_zh: zh.stateLabel, state_en: en.stateLabel, facts_zh: zh.facts, facts_en: en.facts, deadline: zh.deadline ?? '',
    },
    filters: demandFilters(d),
    sort: { published: d.publishedAt, deadline: d.deadline ?? '9999-12-31' },
  };
}

export interface SearchBuild {
  records: number;
  /** Wait for Pagefind to take every record, then write the index into `<outDir>/pagefind/`. */
  finish: (outDir: string) => Promise<void>;
}

/**
 * Hand every record to Pagefind (a separate process) and return at once: the build writes
 * the demand pages, feeds and API while Pagefind indexes on the other core.
 */
export async function startSearchIndex(data: SiteData, base: string): Promise<SearchBuild> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE, writePlayground: false });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const pages = data.pages.map((p) => ({
    url: href(base, p.lang, pagePath(p.slug)),
    content: words(`${p.data.title}\n${p.data.description}\n${markdownText(p.body.replace(/^(import|export)\s.*$/gm, '').replace(/<[^>]+>/g, ' '))}`),
    language: INDEX_LANGUAGE,
    meta: { title: p.data.title, description: p.data.description },
    filters: { page: [p.lang] },
  }));
  const added = Promise.all([...data.demands.map((d) => demandRecord(d, base)), ...pages].map((r) => index.addCustomRecord(r)));
  added.catch(() => {}); // reported by finish()
  return {
    records: data.demands.length + pages.length,
    finish: async (outDir) => {
      try {
        const failed = (await added).flatMap((a) => a.errors);
        if (failed.length) throw new Error(`Pagefind: ${failed.slice(0, 5).join('; ')}`);
        const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
        // The site draws its own results (scripts/finder.ts): Pagefind's UI bundles are not shipped.
        for (const f of UNUSED) rmSync(join(outDir, 'pagefind', f), { force: true });
      } finally {
        await pagefind.close();
      }
    },
  };
}

/** Build the index into `<outDir>/pagefind/`; returns the number of records. */
export async function writeSearchIndex(outDir: string, data: SiteData, base: string): Promise<number> {
  const search = await startSearchIndex(data, base);
  await search.finish(outDir);
  return search.records;
}

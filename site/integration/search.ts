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
import { demandPath, href, pagePath } from '../render/paths.ts';
import { regionText } from '../render/card-html.ts';
import { markdownText } from '../render/markdown.ts';
import { words } from '../render/segment.ts';
import { packCard } from '../render/card-meta.ts';
import { currentRounds, investmentBucket } from '../render/filters.ts';

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
 * What a demand is found by: its title, issuer and the names of its indicators, cut into
 * words. Not its number (typed whole, the search opens that demand: scripts/finder.ts), its
 * field and type (filters), nor its long texts: Pagefind's time and memory, and the index
 * chunks a search downloads, follow the indexed text (with the first 200 characters of the
 * key problems and the labels in both languages, the 10,000-demand index was three times
 * larger and its build three times slower).
 */
export function demandSearchText(d: DemandView): string {
  const data = d.data;
  // An entry of the national catalogue is found by where it is from, too (江苏, 苏州, 全国目录).
  const from = d.external ? ['全国目录', d.external.province, d.external.city] : [];
  return [data.title, data.anonymousIssuer ? '' : data.issuer?.name, ...(data.technicalIndicators ?? []).map((i) => i.name), ...from].filter(Boolean).join('\n');
}

function demandRecord(d: DemandView, base: string): pagefind.CustomRecord {
  const data = d.data;
  return {
    url: href(base, 'zh', demandPath(d.id)),
    content: words(demandSearchText(d)),
    language: INDEX_LANGUAGE,
    meta: {
      card: packCard({
        id: d.id, title: data.title, state: d.status.state, issuer: data.anonymousIssuer ? '' : data.issuer?.name ?? '', region: d.external ? `全国目录 · ${regionText(data.issuer?.region)}` : regionText(data.issuer?.region),
        deadline: d.deadline ?? '', field: data.field ?? '', type: data.demandType ?? '', invest: data.plannedInvestment ?? null,
      }),
    },
    filters: demandFilters(d),
    sort: { published: d.publishedAt, deadline: d.deadline ?? '9999-12-31' },
  };
}

/** Where the other rounds' index lives, beside the current one (Pagefind merges it on request). */
export const ARCHIVE_BUNDLE = 'pagefind/archive/';

export interface SearchBuild {
  records: number;
  /** Wait for Pagefind to take every record, write the indexes into `<outDir>/pagefind/` and stop Pagefind. */
  finish: (outDir: string) => Promise<void>;
}

async function newIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE, writePlayground: false });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  return index;
}

/**
 * Hand every record to Pagefind (a separate process) and return at once: the build writes
 * feeds and the API while Pagefind indexes on the other core. Two indexes: the current
 * rounds with the policy pages (pagefind/), and every other round (pagefind/archive/).
 */
export async function startSearchIndex(data: SiteData, base: string): Promise<SearchBuild> {
  const current = new Set(currentRounds(data));
  const main = await newIndex();
  const archived = data.demands.filter((d) => !current.has(d.data.round));
  const archive = archived.length ? await newIndex() : undefined;
  const pages = data.pages.map((p) => ({
    url: href(base, p.lang, pagePath(p.slug)),
    content: words(`${p.data.title}\n${p.data.description}\n${markdownText(p.body.replace(/^(import|export)\s.*$/gm, '').replace(/<[^>]+>/g, ' '))}`),
    language: INDEX_LANGUAGE,
    meta: { title: p.data.title, description: p.data.description },
    filters: { page: [p.lang] },
  }));
  const added = Promise.all([
    ...data.demands.map((d) => (current.has(d.data.round) ? main : archive!).addCustomRecord(demandRecord(d, base))),
    ...pages.map((r) => main.addCustomRecord(r)),
  ]);
  added.catch(() => {}); // reported by finish()
  return {
    records: data.demands.length + pages.length,
    finish: async (outDir) => {
      try {
        const failed = (await added).flatMap((a) => a.errors);
        if (failed.length) throw new Error(`Pagefind: ${failed.slice(0, 5).join('; ')}`);
        for (const [index, dir] of [[main, 'pagefind/'], [archive, ARCHIVE_BUNDLE]] as const) {
          if (!index) continue;
          const written = await index.writeFiles({ outputPath: join(outDir, dir) });
          if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
          // The site draws its own results (scripts/finder.ts): Pagefind's UI bundles are not shipped.
          for (const f of UNUSED) rmSync(join(outDir, dir, f), { force: true });
        }
      } finally {
        // Pagefind's memory goes with its process, before the build's own peak.
        await pagefind.close();
      }
    },
  };
}

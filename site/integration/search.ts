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

/**
 * Words are already cut (render/segment.ts), so the index's language only chooses a stemmer:
 * `und` (BCP 47 "undetermined") has none, so a search fetches Pagefind's WebAssembly without
 * one (55 KB gzip instead of the English build's 60 KB); demands are Chinese, and their
 * Latin words are codes (IGBT, 5G, SiC) that no stemmer improves.
 */
const INDEX_LANGUAGE = 'und';
const UNUSED = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
  'pagefind-worker.js', // the finder runs Pagefind on the page's thread (scripts/finder.ts)
];

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

/** How much of each long text is indexed: its opening, where what the demand is about is said. */
export const OPENING_CHARS = 160;

/** The opening of a long text (Markdown marks are not words: the segmenter drops them). */
function opening(text: string | undefined): string {
  return text ? text.slice(0, OPENING_CHARS) : '';
}

/** A demand's short texts: its title, issuer (unless hidden) and the names of its indicators. */
export function demandSearchText(d: DemandView): string {
  const data = d.data;
  // An entry of the national catalogue is found by where it is from, too (江苏, 苏州, 全国目录).
  const from = d.external ? ['全国目录', d.external.province, d.external.city] : [];
  return [
    data.title,
    data.anonymousIssuer ? '' : data.issuer?.name,
    ...(data.technicalIndicators ?? []).map((i) => i.name),
    ...from,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The openings of the long texts, as search words. */
export function demandOpeningText(d: DemandView): string {
  const data = d.data;
  return [opening(data.background), opening(data.keyProblems), opening(data.expectedOutcome)].join('\n');
}

const SINGLE_HAN = /^\p{Script=Han}$/u;

/**
 * What a demand is found by: its title, issuer, the names of its indicators and the opening
 * passages of its background, key problems and expected outcome (where the technology is
 * named), cut into words. Not its number (typed whole, the search opens that demand:
 * scripts/finder.ts), its field and type (filters), nor the rest of its long texts:
 * Pagefind's time and memory, the index chunks a search downloads and each result's
 * fragment follow the indexed text (docs/performance.md has the search session's budget).
 *
 * Each word once (Pagefind stores every occurrence's position, which only excerpts use, and
 * the finder draws its own cards), and in the openings without the lone characters the
 * segmenter leaves between words (的, 和, 已: particles, not what anyone searches for; a
 * one-character query still matches the pairs it begins).
 */
export function demandWords(
  d: DemandView,
  common: ReadonlySet<string> = new Set(),
  openings = openingWords(d),
): string {
  const seen = new Set(words(demandSearchText(d)).split(' '));
  for (const w of openings.split(' ')) if (!common.has(w)) seen.add(w);
  seen.delete('');
  return [...seen].join(' ');
}

/**
 * The distinct words of a demand's openings, without lone characters, space-separated (a
 * string, not a set: the build keeps every demand's until the last record is composed).
 */
function openingWords(d: DemandView): string {
  return [
    ...new Set(
      words(demandOpeningText(d))
        .split(' ')
        .filter((w) => w && !SINGLE_HAN.test(w)),
    ),
  ].join(' ');
}

/** Share of demands whose openings may use a word before it stops being indexed from them. */
export const COMMON_SHARE = 0.02;

/**
 * Words of the openings that most demands use (公司, 需要, 技术…): they tell no demand
 * from another, yet their page lists make most of the index a search downloads. Kept where
 * they are in a title, issuer or indicator. Only over a few hundred demands: a small
 * catalogue keeps every word.
 */
export function commonOpeningWords(
  demands: readonly DemandView[],
  openings: ReadonlyMap<DemandView, string> = new Map(demands.map((d) => [d, openingWords(d)])),
): Set<string> {
  const limit = Math.max(20, demands.length * COMMON_SHARE);
  const df = new Map<string, number>();
  for (const d of demands) for (const w of (openings.get(d) ?? '').split(' ')) if (w) df.set(w, (df.get(w) ?? 0) + 1);
  return new Set([...df].filter(([, n]) => n > limit).map(([w]) => w));
}

function demandRecord(
  d: DemandView,
  base: string,
  common: ReadonlySet<string>,
  openings: string,
): pagefind.CustomRecord {
  const data = d.data;
  return {
    url: href(base, 'zh', demandPath(d.id)),
    content: demandWords(d, common, openings),
    language: INDEX_LANGUAGE,
    meta: {
      card: packCard({
        id: d.id,
        title: data.title,
        state: d.status.state,
        issuer: data.anonymousIssuer ? '' : (data.issuer?.name ?? ''),
        region: d.external ? `全国目录 · ${regionText(data.issuer?.region)}` : regionText(data.issuer?.region),
        deadline: d.deadline ?? '',
        field: data.field ?? '',
        type: data.demandType ?? '',
        invest: data.plannedInvestment ?? null,
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
    content: words(
      `${p.data.title}\n${p.data.description}\n${markdownText(p.body.replace(/^(import|export)\s.*$/gm, '').replace(/<[^>]+>/g, ' '))}`,
    ),
    language: INDEX_LANGUAGE,
    meta: { title: p.data.title, description: p.data.description },
    filters: { page: [p.lang] },
  }));
  // Each demand's openings cut once: the common words need all of them before the first record.
  const openings = new Map(data.demands.map((d) => [d, openingWords(d)]));
  const common = commonOpeningWords(data.demands, openings);
  const added = Promise.all([
    ...data.demands.map((d) =>
      (current.has(d.data.round) ? main : archive!).addCustomRecord(demandRecord(d, base, common, openings.get(d)!)),
    ),
    ...pages.map((r) => main.addCustomRecord(r)),
  ]);
  added.catch(() => {}); // reported by finish()
  return {
    records: data.demands.length + pages.length,
    finish: async (outDir) => {
      try {
        const failed = (await added).flatMap((a) => a.errors);
        if (failed.length) throw new Error(`Pagefind: ${failed.slice(0, 5).join('; ')}`);
        for (const [index, dir] of [
          [main, 'pagefind/'],
          [archive, ARCHIVE_BUNDLE],
        ] as const) {
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

/**
 * Read the content the site publishes from, and nothing more. At 10,000 demands a content
 * folder holds some 200,000 files — every act of the ledger, every application (5–30
 * thousand characters each), every SME profile — and YAML parsing costs 0.1–3 ms a file.
 * Which files matter follows from locations alone (decisions/<subject>/<seq>.yml,
 * applications/<id>.yml), so choosing costs no parsing:
 *   1. settings, officers, rounds, pages, the entries of the national catalogue (content/catalogue/,
 *      public as a whole: MIIT published them), and the last decision of every demand: only a
 *      demand whose recorded state is 入选目录 (catalogued) can be on the site;
 *   2. those demands and their whole ledgers (status, public timeline);
 *   3. for public ones whose round's application phase is over, the last decision of each
 *      application: only a selected application changes the demand's status (已遴选 and on);
 *   4. the ledgers of the applications ever selected (a replacement, a drop-out and an ended
 *      cooperation make the path from 入选 more than one line, so they are read whole), and
 *      the head of each application (its number and the applicant's name, which the site
 *      publishes — not its 5–30 thousand characters).
 * Never read: drafts and demands not catalogued, other applications, SME profiles — the
 * build cannot publish what it does not read, and the privacy scan covers what it reads.
 * Every record read whole is parsed and validated by the pipeline's recordFromBytes; many
 * files are spread over worker threads.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join, sep } from 'node:path';
import {
  demandOfId,
  hasApplicationSuffix,
  kindForPath,
  SELECTED_OR_LATER,
  isCalendarDate,
  phaseEnd,
  type Kind,
} from '../../pipeline/face/core.ts';
import { type LoadedRecord } from '../../pipeline/face/node.ts';
import { PARALLEL_FROM, ParsePool, type FileEntry } from './parse-pool.ts';
import type { ReadMode } from './read.ts';
import { RecordCache } from './record-cache.ts';

/**
 * The states of an application that was selected at some point (a drop-out too: its
 * `select` still counts towards the demand's three and the end of its selection).
 */
const EVER_SELECTED: ReadonlySet<string> = new Set<string>([...SELECTED_OR_LATER, 'dropped_out']);

interface Entry {
  path: string;
  kind: Kind;
  id: string;
}

export interface SiteContent {
  records: LoadedRecord[];
  /** Every application's id (from its file name), read or not: the statistics count them. */
  applicationIds: string[];
}

/**
 * The files of one folder the site could read, by kind and location id, in name order.
 * A file's kind follows from its folder and extension (and two names): `kinds` keeps the
 * answers, per folder, or shared by folders of one kind (the ledger's).
 */
function listFolder(
  folder: string,
  out: Entry[],
  walk?: (folder: string, name: string) => void,
  kinds = new Map<string, Kind | undefined>(),
): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  const id = basename(folder);
  const within = folder.endsWith(sep) ? folder : folder + sep; // names from readdir need no normalizing: join's cost, 160,000 times, is not needed
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walk?.(within + e.name, e.name);
      continue;
    }
    if (!e.isFile()) continue;
    const ext = extname(e.name);
    const key = e.name === 'officers.yml' || e.name === 'site.yml' ? e.name : ext;
    if (!kinds.has(key)) kinds.set(key, kindForPath(within + e.name));
    const kind = kinds.get(key);
    if (!kind) continue;
    // A decision's id here is its subject (its folder); other records' their location id.
    const name = e.name.slice(0, e.name.length - ext.length);
    out.push({ path: within + e.name, kind, id: kind === 'decision' || name === 'index' ? id : name });
  }
}

/**
 * The content folder, listed as the stages need it. A plain synchronous walk of everything
 * but the ledger (content/decisions/, one folder per subject: some 40,000 at 10,000
 * demands) and the SME profiles (content/enterprises/, never read); a ledger's folder is
 * listed when its subject is first asked about, so the ledgers of applications that cannot
 * matter are never listed.
 */
export class ContentListing {
  readonly entries: Entry[] = [];
  readonly subjects: string[] = [];
  private readonly ledgers = new Map<string, Entry[]>();
  /** Every ledger folder is in decisions/: the kinds its files' names give are the same in all of them. */
  private readonly ledgerKinds = new Map<string, Kind | undefined>();
  private readonly decisions: string;

  constructor(dir: string) {
    this.decisions = join(dir, 'decisions');
    const walk = (folder: string) => listFolder(folder, this.entries, walk);
    listFolder(dir, this.entries, (folder, name) => {
      if (name === 'decisions') for (const subject of readdirSync(folder).sort()) this.subjects.push(subject);
      else if (name !== 'enterprises') walk(folder);
    });
  }

  /** A subject's decision files in ledger order. */
  ledger(subject: string): Entry[] {
    let list = this.ledgers.get(subject);
    if (!list) {
      const found: Entry[] = [];
      try {
        listFolder(join(this.decisions, subject), found, undefined, this.ledgerKinds);
      } catch {
        /* not a folder */
      }
      list = found.filter((e) => e.kind === 'decision');
      this.ledgers.set(subject, list);
    }
    return list;
  }
}

/**
 * Ledger folders listed before their last files are handed to the parsers: twice the
 * pool's PARALLEL_FROM, so a full slice is always parsed on the threads (2,000).
 */
const LEDGER_SLICE = 2 * PARALLEL_FROM;

const files = (entries: readonly Entry[]): FileEntry[] => entries.map((e) => [e.path, e.kind] as const);

export interface LoadHooks {
  /** Called with the records of the catalogued demands as soon as they are read (the build stages their images then). */
  onCatalogued?: (demands: LoadedRecord[]) => void;
}

export async function loadSiteContent(
  dir: string,
  now: Date,
  hooks: LoadHooks = {},
  pool = new ParsePool(),
  /** Keep parsed records between builds (record-cache.ts): the loader's process asks for it. */
  caching: boolean | Parameters<typeof RecordCache.open>[1] = false,
): Promise<SiteContent> {
  // Git is asked which files are unchanged while the folder is listed. A cache is never worth
  // failing a build: one that cannot be opened is none.
  const opening = caching
    ? RecordCache.open(dir, caching === true ? {} : caching).catch(() => undefined)
    : Promise.resolve(undefined);
  try {
    const content = await loadWith(dir, now, hooks, async (entries, mode = 'whole') =>
      cachedParse(entries, mode, await opening, pool),
    );
    (await opening)?.save();
    return content;
  } finally {
    await pool.close();
  }
}

/** The records of `entries`: those an earlier build parsed from the same bytes from the cache, the rest parsed. */
async function cachedParse(
  entries: readonly Entry[],
  mode: ReadMode,
  cache: RecordCache | undefined,
  pool: ParsePool,
): Promise<LoadedRecord[]> {
  if (!cache) return pool.parse(files(entries), mode);
  const records: Array<LoadedRecord | undefined> = entries.map((e) => cache.take(e.path, mode));
  const missing = files(entries.filter((_, i) => !records[i]));
  const parsed: LoadedRecord[] = [];
  let at = 0;
  for (const batch of await pool.parseBatches(missing, mode)) {
    cache.keep(
      missing.slice(at, at + batch.records.length).map(([path]) => path),
      mode,
      batch,
    );
    at += batch.records.length;
    parsed.push(...batch.records);
  }
  let next = 0;
  return records.map((r) => r ?? parsed[next++]!);
}

async function loadWith(
  dir: string,
  now: Date,
  hooks: LoadHooks,
  load: (entries: readonly Entry[], mode?: ReadMode) => Promise<LoadedRecord[]>,
): Promise<SiteContent> {
  const listing = new ContentListing(dir);
  const all = listing.entries;
  const lastOf = (subjects: Iterable<string>) =>
    [...subjects].map((s) => listing.ledger(s).at(-1)).filter((e): e is Entry => !!e);
  // Listing tens of thousands of ledger folders takes this thread about a second, and the
  // parser threads, handed their next batch by it, would wait: the folders are listed a
  // slice at a time, each slice's files handed over at once, the threads' answers taken in
  // between. A slice is large enough to go to the threads rather than parse here.
  const lastOfInSlices = async (subjects: string[]) => {
    const parts: Array<Promise<LoadedRecord[]>> = [];
    for (let i = 0; i < subjects.length; i += LEDGER_SLICE) {
      parts.push(load(lastOf(subjects.slice(i, i + LEDGER_SLICE))));
      await new Promise(setImmediate);
    }
    return (await Promise.all(parts)).flat();
  };
  const restOf = (subjects: Iterable<string>) => [...subjects].flatMap((s) => listing.ledger(s).slice(0, -1));
  const lastState = (records: LoadedRecord[]) =>
    new Map(records.filter((r) => r.data).map((r) => [String(r.data!.subject), String(r.data!.to)]));

  // 1. Settings, rounds, pages; where every demand's ledger ends.
  const first = (
    await Promise.all([
      load(all.filter((e) => ['site', 'officers', 'round', 'page', 'external'].includes(e.kind))),
      lastOfInSlices(listing.subjects.filter((s) => !hasApplicationSuffix(s))),
    ])
  ).flat();
  // Catalogued by an act at or before `now`: a build for an earlier moment (JIEBANG_NOW) must
  // not read, nor stage the images of, a demand catalogued after it.
  const catalogued = new Set(
    first
      .filter(
        (r) => r.kind === 'decision' && r.data?.to === 'catalogued' && Date.parse(String(r.data.at)) <= now.getTime(),
      )
      .map((r) => String(r.data!.subject)),
  );

  // 2. The catalogued demands, then (while the parsers read them) their whole ledgers.
  const demands = await load(all.filter((e) => e.kind === 'demand' && catalogued.has(e.id)));
  hooks.onCatalogued?.(demands);
  const ledgers = load(restOf(catalogued));

  // 3. Where their selection can have happened, where each application's ledger ends.
  const applyOf = new Map(
    first
      .filter((r) => r.kind === 'round' && r.data)
      .map((r) => [
        String(r.data!.id),
        (r.data!.phases as { apply?: { end?: string; endTime?: string } } | undefined)?.apply,
      ]),
  );
  const selectable = new Set<string>();
  for (const r of demands) {
    if (!r.data || r.data.isPublic !== true) continue;
    const apply = applyOf.get(String(r.data.round));
    // A round whose notice gives no application phase takes selections at any time.
    if (
      !apply ||
      (typeof apply.end === 'string' &&
        isCalendarDate(apply.end) &&
        (!apply.endTime || /^([01]\d|2[0-3]):[0-5]\d$/.test(apply.endTime)) &&
        phaseEnd({ end: apply.end, ...(apply.endTime ? { endTime: apply.endTime } : {}) }) < now)
    )
      selectable.add(String(r.data.id));
  }
  const third = await lastOfInSlices(
    listing.subjects.filter((s) => hasApplicationSuffix(s) && selectable.has(demandOfId(s))),
  );
  const selected = new Set([...lastState(third)].filter(([, to]) => EVER_SELECTED.has(to)).map(([s]) => s));

  // 4. The applications ever selected: their whole ledgers, and their heads.
  const applications = all.filter((e) => e.kind === 'application');
  const [fourth, heads] = await Promise.all([
    load(restOf(selected)),
    load(
      applications.filter((e) => selected.has(e.id)),
      'head',
    ),
  ]);
  return {
    records: [...first, ...demands, ...(await ledgers), ...third, ...fourth, ...heads],
    applicationIds: applications.map((e) => e.id),
  };
}

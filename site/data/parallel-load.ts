/**
 * Read the content the site publishes from, and nothing more. At 10,000 demands a content
 * folder holds some 200,000 files — every act of the ledger, every application (5–30
 * thousand characters each), every SME profile — and YAML parsing costs 0.1–3 ms a file.
 * Which files matter follows from locations alone (decisions/<subject>/<seq>.yml,
 * applications/<id>.yml), so choosing costs no parsing:
 *   1. settings, officers, rounds, pages, and the last decision of every demand: only a demand whose
 *      recorded state is 入选目录 (catalogued) can be on the site;
 *   2. those demands and their whole ledgers (status, public timeline);
 *   3. for public ones whose round's application phase is over, the last decision of each
 *      application: only a selected application changes the demand's status (已遴选 and on);
 *   4. the selected applications' ledgers from their `select` on (the status rules read only
 *      those acts; how many there are follows from the last state), and the head of each
 *      application (its number and the applicant's name, which the site publishes — not its
 *      5–30 thousand characters).
 * Never read: drafts and demands not catalogued, other applications, SME profiles — the
 * build cannot publish what it does not read, and the privacy scan covers what it reads.
 * Every record read whole is parsed and validated by the pipeline's recordFromBytes; many
 * files are spread over worker threads.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { kindForPath } from '../../pipeline/content/kinds.ts';
import { recordFromBytes, type LoadedRecord } from '../../pipeline/content/load.ts';
import { RECORDED, type State } from '../../pipeline/review/machines.ts';
import { endOfShanghaiDay } from '../../pipeline/rules/shanghai.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';

const PARALLEL_FROM = 2000;
/**
 * For each state an application can reach from 入选 (selected), how many acts its ledger
 * has from the `select` on: the machine is a single path from there (machines.ts).
 */
const ACTS_SINCE_SELECTED: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>([['selected', 1]]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of RECORDED.application) {
      const n = t.from.map((f) => out.get(f)).find((x) => x !== undefined);
      if (n !== undefined && !out.has(t.to)) { out.set(t.to, n + 1); grew = true; }
    }
  }
  return out;
})();

interface Entry { path: string; kind: Kind; id: string }
/** How much of a file to read: all of it (validated), or an application's head. */
export type ReadMode = 'whole' | 'head';

export interface SiteContent {
  records: LoadedRecord[];
  /** Every application's id (from its file name), read or not: the statistics count them. */
  applicationIds: string[];
}

async function listContent(dir: string): Promise<Entry[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const out: Entry[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    if (path.split(sep).some((p) => p === 'node_modules' || p === '.git')) continue;
    const kind = kindForPath(path);
    if (!kind) continue;
    // A decision's id here is its subject (its folder); other records' their location id.
    const name = basename(path).replace(/\.(ya?ml|mdx?)$/, '');
    out.push({ path, kind, id: kind === 'decision' || name === 'index' ? basename(dirname(path)) : name });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * The part of an application the site publishes: the lines before its first top-level key
 * after `applicant` (formatYaml writes keys in schema order), parsed by the pipeline's parser.
 */
const AFTER_APPLICANT = /^(?:directed|chapters|indicatorResponses|attachments|sealed):/m;
export function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const cut = AFTER_APPLICANT.exec(text);
    return cut ? Buffer.from(text.slice(0, cut.index)) : readFileSync(path);
  } finally {
    closeSync(fd);
  }
}

export function readRecord(path: string, kind: Kind, mode: ReadMode): LoadedRecord {
  return mode === 'head'
    ? { ...recordFromBytes(path, kind, readHead(path), { validate: false }), bytes: new Uint8Array(0) }
    : { ...recordFromBytes(path, kind, readFileSync(path)), bytes: new Uint8Array(0) };
}

/** Parse files with the pipeline, on worker threads when there are many. */
async function load(entries: Entry[], mode: ReadMode = 'whole'): Promise<LoadedRecord[]> {
  const script = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  const threads = Math.min(4, availableParallelism());
  if (entries.length < PARALLEL_FROM || threads < 2 || !existsSync(script)) return entries.map((e) => readRecord(e.path, e.kind, mode));
  const shares = Array.from({ length: threads }, (_, w) => entries.filter((_, i) => i % threads === w).map((e) => [e.path, e.kind]));
  const results = await Promise.all(shares.map((files) => new Promise<LoadedRecord[]>((resolve, reject) => {
    const w = new Worker(script, { workerData: { files, mode } });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`content loader thread exited with ${code}`)); });
  })));
  return results.flat();
}

const isApplicationId = (id: string) => /-A\d{2}$/.test(id);
const demandOf = (applicationId: string) => applicationId.replace(/-A\d{2}$/, '');

export async function loadSiteContent(dir: string, now: Date): Promise<SiteContent> {
  const all = await listContent(dir);
  const ledgers = new Map<string, Entry[]>();
  for (const e of all) if (e.kind === 'decision') ledgers.set(e.id, [...(ledgers.get(e.id) ?? []), e]);
  const lastOf = (subjects: Iterable<string>) => [...subjects].map((s) => ledgers.get(s)?.at(-1)).filter((e): e is Entry => !!e);
  const restOf = (subjects: Iterable<string>) => [...subjects].flatMap((s) => ledgers.get(s)?.slice(0, -1) ?? []);
  /** The acts before the last one, back to `count` acts from the end. */
  const tailOf = (subject: string, count: number) => ledgers.get(subject)?.slice(-count, -1) ?? [];
  const lastState = (records: LoadedRecord[]) => new Map(records.filter((r) => r.data).map((r) => [String(r.data!.subject), String(r.data!.to)]));

  // 1. Settings, rounds, pages; where every demand's ledger ends.
  const demandSubjects = [...ledgers.keys()].filter((s) => !isApplicationId(s));
  const first = await load([...all.filter((e) => ['site', 'officers', 'round', 'page'].includes(e.kind)), ...lastOf(demandSubjects)]);
  const catalogued = new Set([...lastState(first.filter((r) => r.kind === 'decision'))].filter(([, to]) => to === 'catalogued').map(([s]) => s));

  // 2. The catalogued demands and their whole ledgers.
  const second = await load([...all.filter((e) => e.kind === 'demand' && catalogued.has(e.id)), ...restOf(catalogued)]);

  // 3. Where their selection can have happened, where each application's ledger ends.
  const applyEnd = new Map(first.filter((r) => r.kind === 'round' && r.data).map((r) => [String(r.data!.id), (r.data!.phases as { apply?: { end?: string } } | undefined)?.apply?.end]));
  const selectable = new Set<string>();
  for (const r of second) {
    if (r.kind !== 'demand' || !r.data || r.data.isPublic !== true) continue;
    const end = applyEnd.get(String(r.data.round));
    if (end && /^\d{4}-\d{2}-\d{2}$/.test(end) && endOfShanghaiDay(end) < now) selectable.add(String(r.data.id));
  }
  const appSubjects = [...ledgers.keys()].filter((s) => isApplicationId(s) && selectable.has(demandOf(s)));
  const third = await load(lastOf(appSubjects));
  const selected = new Map([...lastState(third)].filter(([, to]) => ACTS_SINCE_SELECTED.has(to)).map(([s, to]) => [s, ACTS_SINCE_SELECTED.get(to)!]));

  // 4. The selected applications: their ledgers from the `select` on, and their heads.
  const applications = all.filter((e) => e.kind === 'application');
  const fourth = await load([...selected].flatMap(([s, acts]) => tailOf(s, acts)));
  const heads = await load(applications.filter((e) => selected.has(e.id)), 'head');
  return { records: [...first, ...second, ...third, ...fourth, ...heads], applicationIds: applications.map((e) => e.id) };
}

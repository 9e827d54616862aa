/**
 * Read the content the site publishes from, and nothing more. At 10,000 demands a content
 * folder holds some 150,000 files — every act of the ledger, every application (5–30
 * thousand characters each) and every SME profile — and YAML parsing costs 0.1–3 ms a
 * file. The site needs:
 *   - the settings, rounds, pages and every demand with its own decisions (status, timeline);
 *   - the decisions of a demand's applications only when its selection can have happened
 *     (catalogued, public, its round's application phase over): they decide 已遴选 and after;
 *   - an application itself only when it was selected (its name is published);
 *   - no SME profile at all (the site shows none).
 * Subjects and ids come from file locations (decisions/<subject>/<seq>.yml,
 * applications/<id>.yml), so choosing costs no parsing. Every file read is parsed and
 * validated by the pipeline's own recordFromBytes; many files are spread over worker threads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { kindForPath } from '../../pipeline/content/kinds.ts';
import { recordFromBytes, type LoadedRecord } from '../../pipeline/content/load.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import type { State } from '../../pipeline/review/machines.ts';
import { endOfShanghaiDay } from '../../pipeline/rules/shanghai.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';

const PARALLEL_FROM = 2000;
const SELECTED: ReadonlySet<State> = new Set<State>(['selected', 'contracted', 'in_progress', 'accepted', 'acceptance_failed', 'supplier_listed', 'cooperation_deepened']);

interface Entry { path: string; kind: Kind; id: string }

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
    // A decision's subject is its folder; an application's id its file name.
    const id = kind === 'decision' ? basename(dirname(path)) : basename(path).replace(/\.(ya?ml|mdx?)$/, '').replace(/^index$/, basename(dirname(path)));
    out.push({ path, kind, id });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Parse and validate files with the pipeline, on worker threads when there are many. */
class Loader {
  private readonly script = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  private readonly threads = Math.min(4, availableParallelism());

  async load(entries: Entry[]): Promise<LoadedRecord[]> {
    if (entries.length < PARALLEL_FROM || this.threads < 2 || !existsSync(this.script)) {
      // Synchronous reads: small files, where an async read costs more than it reads.
      return entries.map((e) => recordFromBytes(e.path, e.kind, readFileSync(e.path)));
    }
    const shares = Array.from({ length: this.threads }, (_, w) => entries.filter((_, i) => i % this.threads === w).map((e) => [e.path, e.kind]));
    const results = await Promise.all(shares.map((files) => new Promise<LoadedRecord[]>((resolve, reject) => {
      const w = new Worker(this.script, { workerData: { files } });
      w.once('message', resolve);
      w.once('error', reject);
      w.once('exit', (code) => { if (code !== 0) reject(new Error(`content loader thread exited with ${code}`)); });
    })));
    return results.flat();
  }
}

const isApplicationId = (id: string) => /-A\d{2}$/.test(id);

export async function loadSiteContent(dir: string, now: Date): Promise<SiteContent> {
  const all = await listContent(dir);
  const loader = new Loader();
  const wanted = (e: Entry) => ['site', 'round', 'page', 'demand'].includes(e.kind) || (e.kind === 'decision' && !isApplicationId(e.id));
  const records = await loader.load(all.filter(wanted));

  // Which demands' selections can have happened by `now`?
  const rounds = new Map<string, string>();
  for (const r of records) if (r.kind === 'round' && r.data) rounds.set(String(r.data.id), String((r.data.phases as { apply?: { end?: string } } | undefined)?.apply?.end ?? ''));
  const chains = new Map<string, Decision[]>();
  for (const r of records) {
    if (r.kind !== 'decision' || !r.data) continue;
    const subject = String(r.data.subject);
    const list = chains.get(subject) ?? [];
    list.push(r.data as unknown as Decision);
    chains.set(subject, list);
  }
  const selectable = new Set<string>();
  for (const r of records) {
    if (r.kind !== 'demand' || !r.data || r.data.isPublic !== true) continue;
    const chain = (chains.get(String(r.data.id)) ?? []).sort((a, b) => a.seq - b.seq);
    const applyEnd = rounds.get(String(r.data.round));
    if (chain.at(-1)?.to === 'catalogued' && applyEnd && /^\d{4}-\d{2}-\d{2}$/.test(applyEnd) && endOfShanghaiDay(applyEnd) < now) selectable.add(String(r.data.id));
  }
  const demandOf = (applicationId: string) => applicationId.replace(/-A\d{2}$/, '');
  const appDecisions = await loader.load(all.filter((e) => e.kind === 'decision' && isApplicationId(e.id) && selectable.has(demandOf(e.id))));
  records.push(...appDecisions);

  // The applications selected (their names are published once the selection is announced).
  const selected = new Set<string>();
  for (const r of appDecisions) if (r.data && SELECTED.has(r.data.to as State)) selected.add(String(r.data.subject));
  const applications = all.filter((e) => e.kind === 'application');
  records.push(...(await loader.load(applications.filter((e) => selected.has(e.id)))));
  return { records, applicationIds: applications.map((e) => e.id) };
}

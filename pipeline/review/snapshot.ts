/**
 * What an act needs to be judged, read at one commit through the forge: the officers
 * registry, the subject, its demand and round, every application to that demand with the
 * applicants' profiles, and all their decision chains. Everything comes from the same
 * commit, so the decision that is then committed on top of it (compare-and-swap on that
 * commit) was judged against exactly what its parent holds.
 */
import { buildCatalog, type Catalog } from '../content/catalog.ts';
import { recordFromBytes, type LoadedRecord } from '../content/load.ts';
import type { Forge } from '../forge/types.ts';
import type { Kind } from '../schema/registry.ts';
import { demandOf } from './authorize.ts';
import { DECISIONS_DIR } from './ledger.ts';
import { subjectKindOf } from './machines.ts';

export const OFFICERS_PATH = 'content/officers.yml';

export function subjectPath(subject: string): string {
  return subjectKindOf(subject) === 'application' ? `content/applications/${subject}.yml` : `content/demands/${subject}/index.yml`;
}

export interface Snapshot {
  /** The commit everything was read at. */
  head: string;
  records: LoadedRecord[];
  catalog: Catalog;
  /** The subject's own file, if it exists at this commit. */
  subject?: LoadedRecord;
  /** Each chain's decision files by subject, in file-name order. */
  chainFiles: Map<string, LoadedRecord[]>;
}

/** Where a snapshot is read from: a commit through the forge, or records held in memory. */
export interface ContentSource {
  /** Repository paths of the files under `dir`. */
  list(dir: string): Promise<string[]>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>>;
}

/** Many files through the forge, in one round trip when it can. */
export async function readAll(forge: Forge, paths: readonly string[], ref: string): Promise<Map<string, Uint8Array | undefined>> {
  if (forge.readFiles) return forge.readFiles(paths, ref);
  const out = new Map<string, Uint8Array | undefined>();
  await Promise.all(paths.map(async (p) => out.set(p, await forge.readFile(p, ref))));
  return out;
}

export function forgeSource(forge: Forge, ref: string): ContentSource {
  return { list: (dir) => forge.listFiles(dir, ref), read: (paths) => readAll(forge, paths, ref) };
}

/** Files held in memory by repository path (the replay of sample acts, the benchmark). */
export function memorySource(files: ReadonlyMap<string, Uint8Array>): ContentSource {
  return {
    list: async (dir) => [...files.keys()].filter((p) => p.startsWith(`${dir}/`)).sort(),
    read: async (paths) => new Map(paths.map((p) => [p, files.get(p)])),
  };
}

const KIND_OF: Array<[RegExp, Kind]> = [
  [/^content\/officers\.yml$/, 'officers'],
  [/^content\/rounds\//, 'round'],
  [/^content\/demands\//, 'demand'],
  [/^content\/applications\//, 'application'],
  [/^content\/enterprises\//, 'enterprise'],
  [/^content\/decisions\//, 'decision'],
];

function toRecords(files: Map<string, Uint8Array | undefined>): LoadedRecord[] {
  const out: LoadedRecord[] = [];
  for (const [path, bytes] of files) {
    const kind = KIND_OF.find(([re]) => re.test(path))?.[1];
    if (bytes && kind) out.push(recordFromBytes(path, kind, bytes));
  }
  return out;
}

/** The neighbourhood of `subject` at commit `head` of the forge. */
export function loadSnapshot(forge: Forge, head: string, subject: string): Promise<Snapshot> {
  return snapshotFrom(forgeSource(forge, head), head, subject);
}

/** The neighbourhood of `subject` in `source`; `head` names what was read (a commit sha, or a label). */
export async function snapshotFrom(source: ContentSource, head: string, subject: string): Promise<Snapshot> {
  const demandId = demandOf(subject);
  const [appPaths, decisionPaths] = await Promise.all([
    source.list('content/applications'),
    source.list(DECISIONS_DIR),
  ]);
  const apps = appPaths.filter((p) => p.startsWith(`content/applications/${demandId}-A`) && p.endsWith('.yml'));
  const appIds = apps.map((p) => p.slice('content/applications/'.length, -'.yml'.length));
  const subjects = new Set([demandId, ...appIds, subject]);
  const chains = decisionPaths.filter((p) => subjects.has(p.split('/')[2]!) && /\/\d{4}\.yml$/.test(p));
  const roundGuess = `content/rounds/${demandId.replace(/-\d{3}$/, '')}.yml`;
  const first = await source.read([OFFICERS_PATH, subjectPath(demandId), roundGuess, ...apps, ...chains]);
  const records = toRecords(first);

  // Second round: the applicants' profiles, and the round if the demand names another.
  const catalog0 = buildCatalog(records);
  const more = new Set<string>();
  for (const app of catalog0.applications.values()) more.add(`content/enterprises/${app.applicant.uscc}/index.yml`);
  const demand = catalog0.demands.get(demandId);
  if (demand && `content/rounds/${demand.round}.yml` !== roundGuess) more.add(`content/rounds/${demand.round}.yml`);
  if (more.size) records.push(...toRecords(await source.read([...more].filter(safePath))));

  return assembleSnapshot(head, records, subject);
}

export function assembleSnapshot(head: string, records: LoadedRecord[], subject: string): Snapshot {
  const catalog = buildCatalog(records);
  const chainFiles = new Map<string, LoadedRecord[]>();
  for (const r of records) {
    if (r.kind !== 'decision') continue;
    const s = r.file.split('/')[2]!;
    chainFiles.set(s, [...(chainFiles.get(s) ?? []), r].sort((a, b) => a.file.localeCompare(b.file)));
  }
  const subjectFile = records.find((r) => r.file === subjectPath(subject));
  return { head, records, catalog, ...(subjectFile ? { subject: subjectFile } : {}), chainFiles };
}

/** The snapshot with a decision just made added, to judge a second act in the same commit. */
export function withDecision(snap: Snapshot, path: string, text: string, subject: string): Snapshot {
  return assembleSnapshot(snap.head, [...snap.records, recordFromBytes(path, 'decision', new TextEncoder().encode(text))], subject);
}

// A profile path built from a record's uscc field: only when that field is a plain id.
const safePath = (p: string) => /^content\/[a-z]+\/[A-Za-z0-9-]+(\/index)?\.yml$/.test(p);

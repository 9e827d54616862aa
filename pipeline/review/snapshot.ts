/**
 * What an act needs to be judged, read at one commit through the forge: the officers
 * registry, the deployment's settings, the subject, its demand and round, every application to that demand with the
 * applicants' profiles, and all their decision chains. Everything comes from the same
 * commit, so the decision that is then committed on top of it (compare-and-swap on that
 * commit) was judged against exactly what its parent holds.
 */
import { readAll } from '../content/at-commit.ts';
import { buildCatalog, type Catalog } from '../content/catalog.ts';
import { recordFromBytes, type LoadedRecord } from '../content/load.ts';
import type { Forge } from '../forge/types.ts';
import type { Site } from '../generated/types.ts';
import { kindForPath } from '../domain/kinds.ts';
import { demandOf } from './authorize.ts';
import { DECISIONS_DIR } from './ledger.ts';
import { subjectKindOf } from '../domain/machines.ts';

import { OFFICERS_PATH, SITE_PATH, subjectPath } from '../domain/layout.ts';
import { roundOfDemandId } from '../domain/ids.ts';
import { demandOfApplicationFile, subjectOfDecisionFile } from '../domain/layout.ts';
import { byCodeUnits } from '../domain/order.ts';
export { OFFICERS_PATH, subjectPath };

export interface Snapshot {
  /** The commit everything was read at. */
  head: string;
  records: LoadedRecord[];
  catalog: Catalog;
  /** The subject's own file, if it exists at this commit. */
  subject?: LoadedRecord;
  /** Each chain's decision files by subject, in file-name order. */
  chainFiles: Map<string, LoadedRecord[]>;
  /**
   * The deployment's settings, for how the ledger writes (seal-act.ts). Kept out of
   * `records`: the acts are judged as they always were, without the intake's area rule.
   */
  site?: Site;
}

/** Where a snapshot is read from: a commit through the forge, or records held in memory. */
export interface ContentSource {
  /** The application files of a demand (content/applications/<demand>-Ann.yml). */
  applications(demandId: string): Promise<string[]>;
  /** The decision files of these subjects. */
  decisions(subjects: ReadonlySet<string>): Promise<string[]>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>>;
}

const APPS_DIR = 'content/applications';
const subjectOfDecision = (path: string) => path.split('/')[2]!;

export function forgeSource(forge: Forge, ref: string): ContentSource {
  return {
    applications: async (demandId) =>
      (await forge.listFiles(APPS_DIR, ref)).filter(
        (p) => p.startsWith(`${APPS_DIR}/${demandId}-A`) && p.endsWith('.yml'),
      ),
    decisions: async (subjects) =>
      (await forge.listFiles(DECISIONS_DIR, ref)).filter(
        (p) => subjects.has(subjectOfDecision(p)) && /\/\d{4}\.yml$/.test(p),
      ),
    read: (paths) => readAll(forge, paths, ref),
  };
}

/**
 * Content held in memory by repository path, indexed the way snapshots look it up (the
 * replay of acts, the audit, the benchmark): thousands of acts over tens of thousands of
 * files cost a lookup each, not a scan.
 */
export class MemoryContent implements ContentSource {
  private readonly files = new Map<string, Uint8Array>();
  private readonly byDemand = new Map<string, Set<string>>();
  private readonly bySubject = new Map<string, Set<string>>();

  constructor(files: Iterable<[string, Uint8Array]> = []) {
    for (const [p, b] of files) this.set(p, b);
  }

  set(path: string, bytes: Uint8Array): void {
    this.files.set(path, bytes);
    const demand = demandOfApplicationFile(path);
    if (demand) (this.byDemand.get(demand) ?? this.byDemand.set(demand, new Set()).get(demand)!).add(path);
    const subject = subjectOfDecisionFile(path);
    if (subject) (this.bySubject.get(subject) ?? this.bySubject.set(subject, new Set()).get(subject)!).add(path);
  }

  delete(path: string): void {
    this.files.delete(path);
    for (const index of [this.byDemand, this.bySubject]) for (const set of index.values()) set.delete(path);
  }

  get(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }

  entries(): IterableIterator<[string, Uint8Array]> {
    return this.files.entries();
  }

  async applications(demandId: string): Promise<string[]> {
    return [...(this.byDemand.get(demandId) ?? [])].sort();
  }

  async decisions(subjects: ReadonlySet<string>): Promise<string[]> {
    return [...subjects].flatMap((s) => [...(this.bySubject.get(s) ?? [])]).sort();
  }

  async read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>> {
    return new Map(paths.map((p) => [p, this.files.get(p)]));
  }
}

// Parsed once per bytes object: content held in memory is judged many times over.
const parsed = new WeakMap<Uint8Array, LoadedRecord>();

/** Records already parsed elsewhere (named by repository path), so snapshots reuse them. */
export function rememberParsed(records: Iterable<LoadedRecord>): void {
  for (const r of records) parsed.set(r.bytes, r);
}

function toRecords(files: Map<string, Uint8Array | undefined>): LoadedRecord[] {
  const out: LoadedRecord[] = [];
  for (const [path, bytes] of files) {
    const kind = kindForPath(path);
    if (!bytes || !kind) continue;
    let r = parsed.get(bytes);
    if (!r || r.file !== path) parsed.set(bytes, (r = recordFromBytes(path, kind, bytes)));
    out.push(r);
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
  const apps = await source.applications(demandId);
  const appIds = apps.map((p) => p.slice(`${APPS_DIR}/`.length, -'.yml'.length));
  const roundId = roundOfDemandId(demandId);
  // The round's own chain too: a closed round takes only documented acts.
  const chains = await source.decisions(new Set([demandId, ...appIds, subject, roundId]));
  const roundGuess = `content/rounds/${roundId}.yml`;
  // site.yml: whether the ledger seals acts on withheld records (seal-act.ts).
  const first = await source.read([OFFICERS_PATH, SITE_PATH, subjectPath(demandId), roundGuess, ...apps, ...chains]);
  const siteBytes = first.get(SITE_PATH);
  first.delete(SITE_PATH);
  const site = siteBytes && (recordFromBytes(SITE_PATH, 'site', siteBytes).data as Site | undefined);
  const records = toRecords(first);

  // Second round: the applicants' profiles, and the round if the demand names another.
  const catalog0 = buildCatalog(records);
  const more = new Set<string>();
  for (const app of catalog0.applications.values()) more.add(`content/enterprises/${app.applicant.uscc}/index.yml`);
  const demand = catalog0.demands.get(demandId) ?? catalog0.externals.get(demandId);
  if (demand && `content/rounds/${demand.round}.yml` !== roundGuess) more.add(`content/rounds/${demand.round}.yml`);
  if (more.size) records.push(...toRecords(await source.read([...more].filter(safePath))));

  return { ...assembleSnapshot(head, records, subject), ...(site ? { site } : {}) };
}

export function assembleSnapshot(head: string, records: LoadedRecord[], subject: string): Snapshot {
  const catalog = buildCatalog(records);
  const chainFiles = new Map<string, LoadedRecord[]>();
  for (const r of records) {
    if (r.kind !== 'decision') continue;
    const s = subjectOfDecision(r.file);
    chainFiles.set(
      s,
      [...(chainFiles.get(s) ?? []), r].sort((a, b) => byCodeUnits(a.file, b.file)),
    );
  }
  const subjectFile = records.find((r) => r.file === subjectPath(subject));
  return { head, records, catalog, ...(subjectFile ? { subject: subjectFile } : {}), chainFiles };
}

/** The snapshot with a decision just made added, to judge a second act in the same commit. */
export function withDecision(snap: Snapshot, path: string, text: string, subject: string): Snapshot {
  return {
    ...assembleSnapshot(
      snap.head,
      [...snap.records, recordFromBytes(path, 'decision', new TextEncoder().encode(text))],
      subject,
    ),
    ...(snap.site ? { site: snap.site } : {}),
  };
}

// A profile path built from a record's uscc field: only when that field is a plain id.
const safePath = (p: string) => /^content\/[a-z]+\/[A-Za-z0-9-]+(\/index)?\.yml$/.test(p);

/**
 * Validating content files at any scale, as `jiebang validate` does: each file is read,
 * parsed and validated as it streams past (on worker threads when there are many), and of
 * it only what the cross-record rules need is kept — its issues if it has any, and its
 * facts in the compact cross-record index (content/cross-record.ts) — never its bytes or data.
 * Memory follows the number of files, not their size; the cross-record rules run on the
 * index at the end.
 *
 * With `sealAtRest` (site.yml's `privacy.sealAtRest`), a restricted value in the clear is
 * an issue; with identities, sealed fields are opened in memory before the rules run and
 * what the rules say is redacted (it may end up in a CI log).
 */
import { readFileSync } from 'node:fs';
import type { Kind } from '../schema/registry.ts';
import { cleartextIssues, redactIssues } from '../seal/cleartext.ts';
import { sealAtRest } from '../privacy/visibility.ts';
import type { Issue } from '../domain/issue.ts';
import {
  CrossIndex,
  crossFacts,
  crossRecordWarnings,
  indexIssues,
  locationIssues,
  type Facts,
  type FileIssue,
} from '../content/cross-record.ts';
import { display, listContent, recordFromBytes, type LoadedRecord } from '../content/load.ts';
import { settingsAbove, settingsFromBytes } from '../content/settings.ts';
import { mapOrdered, threadsFor } from '../content/workers.ts';

/** `warnings`: what an officer should look at; never makes a file invalid. */
export interface FileResult {
  file: string;
  kind: Kind | 'unknown';
  valid: boolean;
  errors: Issue[];
  warnings?: Issue[];
}

export interface CheckOptions {
  sealAtRest: boolean;
  /** age identities: open sealed fields in memory before the rules run. */
  identities?: readonly string[];
}

/** What is kept of one checked file: its own issues, its id's agreement with its location, its facts. */
export interface FileCheck {
  issues: Issue[];
  located: FileIssue[];
  /** Only for a record valid on its own (the cross-record rules relate valid records). */
  facts?: Facts;
}

/** One file read, parsed, validated (and opened, with identities), reduced to what is kept of it. */
export async function checkFile(file: string, kind: Kind, options: CheckOptions): Promise<FileCheck> {
  const record = await openRecord(recordFromBytes(file, kind, readFileSync(file)), options);
  if (!record.data || record.issues.length) return { issues: record.issues, located: [] };
  const facts = crossFacts(kind, record.data);
  return {
    issues: [],
    located: locationIssues(kind, record.file, record.locationId, record.data),
    ...(facts ? { facts } : {}),
  };
}

/** The record as the rules see it: restricted values in the clear flagged, sealed fields opened with the identities. */
async function openRecord(loaded: LoadedRecord, options: CheckOptions): Promise<LoadedRecord> {
  let r = loaded;
  // At rest in a public repository, restricted values may only be there sealed.
  if (options.sealAtRest && r.data) r = { ...r, issues: [...r.issues, ...cleartextIssues(r.kind, r.data)] };
  if (options.identities) {
    const { unsealRecords } = await import('../seal/content.ts'); // loads age only when a key is given
    r = (await unsealRecords([r], options.identities)).records[0]!;
  }
  return r;
}

/** Files per task sent to a worker thread, and how many files are worth starting threads for. */
const CHUNK = 256;
const THREADS_FROM = 4000;

export interface ValidateOptions {
  identities?: string[];
  /** Worker threads (0: all on this thread); by default both cores once there are thousands of files. */
  threads?: number;
}

export interface Validation {
  files: number;
  invalid: number;
  /** Each file's result, in the order the files were given and found (unknown files last). */
  results(): Generator<FileResult>;
}

export async function validateFiles(paths: string[], options: ValidateOptions = {}): Promise<Validation> {
  const { known, unknown, irregular } = await listContent(paths);
  const files = known.map(([f]) => display(f));
  const kinds = known.map(([, k]) => k);
  const siteAt = kinds.indexOf('site');
  const check: CheckOptions = {
    sealAtRest: sealAtRest(siteAt >= 0 ? siteData(readFileSync(files[siteAt]!)) : await siteAbove(paths)),
    ...(options.identities ? { identities: options.identities } : {}),
  };

  const own = new Map<number, Issue[]>();
  const crossByFile = new Map<string, Issue[]>();
  const addCross = (i: FileIssue) => {
    const { file, ...rest } = i;
    (crossByFile.get(file) ?? crossByFile.set(file, []).get(file)!).push(rest);
  };
  const index = new CrossIndex();
  const take = (c: FileCheck, i: number) => {
    if (c.issues.length) own.set(i, c.issues);
    c.located.forEach(addCross);
    if (c.facts) index.add(files[i]!, c.facts);
  };

  const threads = options.threads ?? threadsFor(files.length, THREADS_FROM);
  if (threads > 0) {
    const chunks: Array<{ files: string[]; kinds: Kind[] }> = [];
    for (let i = 0; i < files.length; i += CHUNK)
      chunks.push({ files: files.slice(i, i + CHUNK), kinds: kinds.slice(i, i + CHUNK) });
    await mapOrdered<{ files: string[]; kinds: Kind[] }, FileCheck[]>(
      new URL('./validate-worker.ts', import.meta.url),
      chunks,
      (checks, c) => {
        checks.forEach((check, j) => take(check, c * CHUNK + j));
      },
      { threads, workerData: check },
    );
  } else {
    for (let i = 0; i < files.length; i++) take(await checkFile(files[i]!, kinds[i]!, check), i);
  }
  indexIssues(index).forEach(addCross);
  const warningsByFile = new Map<string, Issue[]>();
  for (const { file, ...rest } of crossRecordWarnings(index))
    (warningsByFile.get(file) ?? warningsByFile.set(file, []).get(file)!).push(rest);

  // Rules quoting what they checked may quote restricted values: with identities, those are
  // masked, reading again the (few) records the rules spoke about.
  if (options.identities && crossByFile.size) {
    for (const [i, file] of files.entries()) {
      const said = crossByFile.get(file);
      if (!said) continue;
      const r = await openRecord(recordFromBytes(file, kinds[i]!, readFileSync(file)), check);
      if (r.data) crossByFile.set(file, redactIssues(kinds[i]!, r.data, said));
    }
  }

  const errorsOf = (i: number) => [...(own.get(i) ?? []), ...(crossByFile.get(files[i]!) ?? [])];
  let invalid = unknown.length + irregular.length;
  for (let i = 0; i < files.length; i++) if (own.has(i) || crossByFile.has(files[i]!)) invalid++;
  return {
    files: files.length + unknown.length + irregular.length,
    invalid,
    *results() {
      for (let i = 0; i < files.length; i++) {
        const errors = errorsOf(i);
        const warnings = warningsByFile.get(files[i]!);
        yield {
          file: files[i]!,
          kind: kinds[i]!,
          valid: errors.length === 0,
          errors,
          ...(warnings ? { warnings } : {}),
        };
      }
      for (const file of unknown) yield { file, kind: 'unknown', valid: false, errors: [UNKNOWN_KIND] };
      for (const file of irregular) yield { file, kind: 'unknown', valid: false, errors: [IRREGULAR] };
    },
  };
}

const IRREGULAR: Issue = {
  path: '',
  keyword: 'file-type',
  params: {},
  message:
    '不是普通文件（符号链接、设备或管道）：content/ 中只能放普通文件——符号链接可能指向仓库之外或其他需求的文件。请换成文件本身。',
  messageEn:
    'Not a regular file (a symlink, device or pipe): content/ holds regular files only; a symlink may point outside the repository or at another record’s files. Put the file itself there.',
};

const UNKNOWN_KIND: Issue = {
  path: '',
  keyword: 'kind',
  params: {},
  message:
    '无法从位置判断记录类型：请放在 content/ 的 demands、enterprises、applications、decisions、rounds 或 pages 目录下。',
  messageEn:
    'Cannot tell the record kind from the location: put it under content/demands, enterprises, applications, decisions, rounds or pages.',
};

const siteData = settingsFromBytes;

/** The deployment's settings when no site.yml is among the files: the nearest one above the first path. */
const siteAbove = (paths: string[]) => settingsAbove(paths[0] ?? '.', { contentSubfolder: true });

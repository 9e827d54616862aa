/**
 * Load content files into records: kind from location, parsed safely, validated once.
 * Folders are walked recursively; files that are not records (images) are skipped.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';
import { validateRecord } from '../validate/index.ts';
import { idFromPath, kindForPath } from '../domain/kinds.ts';
import { parseContent } from './parse.ts';

export interface LoadedRecord {
  /** Path as given or found, with forward slashes, relative to the working directory when inside it. */
  file: string;
  kind: Kind;
  /** The id the location gives (folder or file name). */
  locationId: string;
  data: Record<string, unknown> | undefined;
  /** The page body (MDX) when the record is a page. */
  body?: string;
  bytes: Uint8Array;
  /** `revisionOf(bytes)`, kept by a reader that drops the bytes (the site's loader). */
  revision?: string;
  issues: Issue[];
}

/** A record file's revision, as the ledger and printed forms name it: the sha256 of its bytes. */
export const revisionOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface LoadOptions {
  /** Skip schema validation (callers that validate later or only need data). */
  validate?: boolean;
}

const IGNORED_DIRS = new Set(['node_modules', '.git']);

/**
 * The regular files under a path, and the entries that are not regular files (symlinks,
 * devices, pipes): content is read from regular files only — a symlink could point outside
 * the repository or at another record's files.
 */
async function listFiles(path: string): Promise<{ files: string[]; irregular: string[] }> {
  // The path the caller names is taken as given (a content folder may be a link to elsewhere); inside it, links are refused.
  const info = await stat(path);
  if (!info.isDirectory()) return info.isFile() ? { files: [path], irregular: [] } : { files: [], irregular: [path] };
  const files: string[] = [];
  const irregular: string[] = [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const full = join(e.parentPath, e.name);
    if (full.split(sep).some((p) => IGNORED_DIRS.has(p))) continue;
    (e.isFile() ? files : irregular).push(full);
  }
  return { files: files.sort(), irregular: irregular.sort() };
}

/** A path as messages name it: relative to the working directory when inside it, forward slashes. */
export const display = (p: string) => {
  const rel = relative(process.cwd(), p);
  return (rel.startsWith('..') ? p : rel).split(sep).join('/');
};

export async function loadRecord(file: string, kind: Kind, options: LoadOptions = {}): Promise<LoadedRecord> {
  return recordFromBytes(file, kind, await readFile(file), options);
}

/** A record from bytes read elsewhere (a git object, a forge's API): parsed and validated the same way. */
export function recordFromBytes(file: string, kind: Kind, bytes: Uint8Array, options: LoadOptions = {}): LoadedRecord {
  const parsed = parseContent(bytes, file);
  const base = { file: display(file), kind, locationId: idFromPath(file), bytes };
  if (!parsed.ok) return { ...base, data: undefined, issues: [parsed.issue] };
  const data = parsed.data;
  const issues = options.validate === false ? [] : validateRecord(kind, data);
  const record = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  return { ...base, data: record, ...(parsed.body !== undefined ? { body: parsed.body } : {}), issues };
}

/** The record files under the given files or folders with their kinds, and (as displayed) the files that look like records but lie where no kind is known. */
export async function listContent(paths: string[]): Promise<{ known: Array<[string, Kind]>; unknown: string[]; irregular: string[] }> {
  const listed = await Promise.all(paths.map(listFiles));
  const unknown: string[] = [];
  const known: Array<[string, Kind]> = [];
  for (const f of listed.flatMap((l) => l.files)) {
    const kind = kindForPath(f);
    if (kind) known.push([f, kind]);
    else if (/\.(ya?ml|json|mdx?)$/i.test(f)) unknown.push(display(f));
  }
  return { known, unknown, irregular: listed.flatMap((l) => l.irregular).map(display) };
}

/** Load every record under the given files or folders. Unknown files are reported by `unknown`. */
export async function loadPaths(paths: string[], options: LoadOptions = {}): Promise<{ records: LoadedRecord[]; unknown: string[] }> {
  const { known, unknown } = await listContent(paths);
  const records: LoadedRecord[] = [];
  // Bounded concurrency: thousands of small files, one disk.
  const BATCH = 64;
  for (let i = 0; i < known.length; i += BATCH) {
    records.push(...(await Promise.all(known.slice(i, i + BATCH).map(([f, k]) => loadRecord(f, k, options)))));
  }
  return { records, unknown };
}

/**
 * Reading the catalogue at one commit through the Forge, only as much as a submission
 * needs: one listing of content/, then batches of files (one `git cat-file --batch` locally,
 * parallel requests on GitHub). Files are parsed and validated like `jiebang validate`
 * does; a broken file becomes a record with issues, never a throw.
 */
import type { Forge } from '../forge/types.ts';
import type { Site } from '../generated/types.ts';
import { kindForPath } from '../domain/kinds.ts';
import { recordFromBytes, type LoadedRecord } from '../content/load.ts';

export interface ContentReader {
  /** The commit read. */
  readonly sha: string;
  /** Every path under content/ (sorted). */
  paths(): Promise<string[]>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>>;
}

type BatchReader = Forge & { readFiles?: (paths: readonly string[], ref: string) => Promise<Map<string, Uint8Array | undefined>> };

export function forgeReader(forge: Forge, sha: string): ContentReader {
  let listing: Promise<string[]> | undefined;
  const cache = new Map<string, Uint8Array | undefined>();
  return {
    sha,
    paths: () => (listing ??= forge.listFiles('content', sha).catch(() => [])),
    async read(paths) {
      const missing = [...new Set(paths)].filter((p) => !cache.has(p));
      if (missing.length) {
        const batch = (forge as BatchReader).readFiles;
        const got = batch
          ? await batch.call(forge, missing, sha)
          : new Map(await Promise.all(missing.map(async (p) => [p, await forge.readFile(p, sha)] as const)));
        for (const p of missing) cache.set(p, got.get(p));
      }
      return new Map(paths.map((p) => [p, cache.get(p)]));
    },
  };
}

/** A record from bytes at a repository path (its kind from where it lives), parsed and validated as `jiebang validate` does. */
export function recordAt(path: string, bytes: Uint8Array): LoadedRecord | undefined {
  const kind = kindForPath(path);
  return kind ? recordFromBytes(path, kind, bytes) : undefined;
}

export async function loadRecords(reader: ContentReader, paths: readonly string[]): Promise<LoadedRecord[]> {
  const files = await reader.read(paths);
  const out: LoadedRecord[] = [];
  for (const p of paths) {
    const bytes = files.get(p);
    const record = bytes ? recordAt(p, bytes) : undefined;
    if (record) out.push(record);
  }
  return out;
}

export const SITE_PATH = 'content/site.yml';

export async function loadSite(reader: ContentReader): Promise<Site | undefined> {
  const [site] = await loadRecords(reader, [SITE_PATH]);
  return site?.data && site.issues.length === 0 ? (site.data as unknown as Site) : undefined;
}

/** Where each kind of submission lives. Ids are checked against their patterns before use. */
export function entryPath(kind: 'demand' | 'application' | 'enterprise', id: string): string {
  const safe = kind === 'enterprise' ? /^[0-9A-Z]{18}$/ : kind === 'demand' ? /^[A-Z]{2,4}-\d{4}-\d{3}$/ : /^[A-Z]{2,4}-\d{4}-\d{3}-A\d{2}$/;
  if (!safe.test(id)) throw new Error(`refusing to build a path from ${JSON.stringify(id)}`);
  switch (kind) {
    case 'demand': return `content/demands/${id}/index.yml`;
    case 'enterprise': return `content/enterprises/${id}/index.yml`;
    case 'application': return `content/applications/${id}.yml`;
  }
}

/** The decision files of a subject, in order, from a listing of content/. */
export function decisionFiles(paths: readonly string[], subject: string): string[] {
  const prefix = `content/decisions/${subject}/`;
  return paths.filter((p) => p.startsWith(prefix) && /^\d{4}\.yml$/.test(p.slice(prefix.length))).sort();
}

/** Subjects that have a ledger chain, from a listing of content/. */
export function ledgerSubjects(paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const m = /^content\/decisions\/([^/]+)\/\d{4}\.yml$/.exec(p);
    if (m) out.add(m[1]!);
  }
  return out;
}

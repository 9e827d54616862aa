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
import { SITE_PATH } from '../domain/layout.ts';

export interface ContentReader {
  /** The commit read. */
  readonly sha: string;
  /** Every path under content/ (sorted). */
  paths(): Promise<string[]>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>>;
}

type BatchReader = Forge & {
  readFiles?: (paths: readonly string[], ref: string) => Promise<Map<string, Uint8Array | undefined>>;
};

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

export { SITE_PATH };

export async function loadSite(reader: ContentReader): Promise<Site | undefined> {
  const [site] = await loadRecords(reader, [SITE_PATH]);
  return site?.data && site.issues.length === 0 ? (site.data as unknown as Site) : undefined;
}

export { decisionFiles, entryPath, ledgerSubjects } from '../domain/layout.ts';

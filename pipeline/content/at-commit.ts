/**
 * The catalogue at one commit through the Forge — the one reader the intake, the pull-request
 * check and the review's snapshots share. Only as much as a decision needs: one listing of
 * content/, then batches of files (one `git cat-file --batch` locally, parallel requests on
 * GitHub). Files are parsed and validated like `jiebang validate` does; a broken file becomes
 * a record with issues, never a throw.
 */
import { kindForPath } from '../domain/kinds.ts';
import type { Forge } from '../forge/types.ts';
import { recordFromBytes, type LoadedRecord } from './load.ts';

/** Many files at `ref`, in one round trip when the forge can batch. */
export async function readAll(
  forge: Forge,
  paths: readonly string[],
  ref: string,
): Promise<Map<string, Uint8Array | undefined>> {
  if (forge.readFiles) return forge.readFiles(paths, ref);
  const out = new Map<string, Uint8Array | undefined>();
  await Promise.all(paths.map(async (p) => out.set(p, await forge.readFile(p, ref))));
  return new Map(paths.map((p) => [p, out.get(p)]));
}

export interface ContentReader {
  /** The commit read. */
  readonly sha: string;
  /** Every path under content/ (sorted). */
  paths(): Promise<string[]>;
  read(paths: readonly string[]): Promise<Map<string, Uint8Array | undefined>>;
}

/** A reader of one commit that lists once and reads each file once. */
export function forgeReader(forge: Forge, sha: string): ContentReader {
  let listing: Promise<string[]> | undefined;
  const cache = new Map<string, Uint8Array | undefined>();
  return {
    sha,
    paths: () => (listing ??= forge.listFiles('content', sha).catch(() => [])),
    async read(paths) {
      const missing = [...new Set(paths)].filter((p) => !cache.has(p));
      if (missing.length) {
        const got = await readAll(forge, missing, sha);
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

/** The records at these paths, in their order (missing files and non-record paths left out). */
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

/**
 * Load a content folder with the pipeline's recordFromBytes, spread over worker threads: YAML
 * parsing dominates the build at scale (≈100 µs a file, 50,000 files for 10,000 demands and
 * their ledgers) and the machine's other core is otherwise idle. Small folders load in
 * this thread. File bytes are not kept: the site needs the data only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { kindForPath } from '../../pipeline/content/kinds.ts';
import { recordFromBytes, type LoadedRecord } from '../../pipeline/content/load.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';

const PARALLEL_FROM = 2000;

async function contentFiles(dir: string): Promise<Array<[string, Kind]>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const out: Array<[string, Kind]> = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    if (full.split(sep).some((p) => p === 'node_modules' || p === '.git')) continue;
    const kind = kindForPath(full);
    if (kind) out.push([full, kind]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

export async function loadContent(dir: string): Promise<LoadedRecord[]> {
  const files = await contentFiles(dir);
  const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  const threads = Math.min(4, availableParallelism());
  // Synchronous reads: tens of thousands of small files, where each async read costs more than it reads.
  if (files.length < PARALLEL_FROM || threads < 2 || !existsSync(worker)) return files.map(([f, k]) => recordFromBytes(f, k, readFileSync(f)));
  // Interleave so every worker gets a mix of demands and ledger files.
  const shares = Array.from({ length: threads }, (_, w) => files.filter((_, i) => i % threads === w));
  const results = await Promise.all(shares.map((share) => new Promise<LoadedRecord[]>((resolve, reject) => {
    const w = new Worker(worker, { workerData: { files: share } });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`content loader worker exited with ${code}`)); });
  })));
  return results.flat().sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * A worker of parallel-load.ts: loads (reads, parses, validates) its share of the content
 * files with the pipeline's own loadRecord and posts the records back without their bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRecord } from '../../pipeline/content/load.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';

const files = (workerData as { files: Array<[string, Kind]> }).files;
const out = [];
const BATCH = 32;
for (let i = 0; i < files.length; i += BATCH) {
  const loaded = await Promise.all(files.slice(i, i + BATCH).map(([f, k]) => loadRecord(f, k)));
  for (const r of loaded) out.push({ ...r, bytes: new Uint8Array(0) });
}
const t0 = performance.now(); parentPort!.postMessage(out); if (process.env.JIEBANG_DEBUG_LOAD) console.error("worker", files.length, "files; post", Math.round(performance.now() - t0), "ms; total", Math.round(performance.now()), "ms");

/**
 * A worker of parallel-load.ts: reads, parses and validates its share of the content files
 * with the pipeline's own recordFromBytes, and posts the records back without their bytes.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { recordFromBytes } from '../../pipeline/content/load.ts';
import type { Kind } from '../../pipeline/schema/registry.ts';

const files = (workerData as { files: Array<[string, Kind]> }).files;
parentPort!.postMessage(files.map(([f, k]) => ({ ...recordFromBytes(f, k, readFileSync(f)), bytes: new Uint8Array(0) })));

/**
 * A worker of parallel-load.ts: reads, parses and validates its share of the content files
 * with the pipeline's own recordFromBytes, and posts the records back without their bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Kind } from '../../pipeline/schema/registry.ts';
import { readRecord, type ReadMode } from './parallel-load.ts';

const { files, mode } = workerData as { files: Array<[string, Kind]>; mode: ReadMode };
parentPort!.postMessage(files.map(([f, k]) => readRecord(f, k, mode)));

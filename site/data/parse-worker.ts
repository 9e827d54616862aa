/**
 * A thread of parse-pool.ts: reads, parses and validates the batches of content files it
 * is sent with the pipeline's own recordFromBytes, and posts the records back without bytes.
 */
import { parentPort } from 'node:worker_threads';
import type { FileEntry } from './parse-pool.ts';
import { readRecord, type ReadMode } from './read.ts';

parentPort!.on('message', ({ files, mode }: { files: FileEntry[]; mode: ReadMode }) => {
  parentPort!.postMessage(files.map(([path, kind]) => readRecord(path, kind, mode)));
});

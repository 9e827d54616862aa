/**
 * A thread of parse-pool.ts: reads, parses and validates the batches of content files it
 * is sent with the pipeline's own recordFromBytes, and posts the records back without their
 * files' bytes, serialized (handed over, not copied).
 */
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { FileEntry } from './parse-pool.ts';
import { readRecord, type ReadMode } from './read.ts';

parentPort!.on('message', ({ files, mode }: { files: FileEntry[]; mode: ReadMode }) => {
  const bytes = serialize(files.map(([path, kind]) => readRecord(path, kind, mode)));
  // A Buffer may share a larger pool's memory: hand over a buffer of its own.
  const own = bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  parentPort!.postMessage(own, [own.buffer as ArrayBuffer]);
});

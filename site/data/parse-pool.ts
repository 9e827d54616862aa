/**
 * Worker threads that read, parse and validate content files with the pipeline's own
 * recordFromBytes (parse-worker.ts). One pool serves every stage of a load: a thread costs
 * about 150 ms to start (it imports the pipeline and its compiled validators), so threads
 * are started once and handed batches, the next batch to whichever thread is free.
 * A thread posts each batch's records as v8.serialize bytes (what postMessage would do to
 * them anyway): the record cache (record-cache.ts) keeps those bytes as they are.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { LoadedRecord } from '../../pipeline/face/node.ts';
import type { Kind } from '../../pipeline/face/core.ts';
import { readRecord, type ReadMode } from './read.ts';

/** Below this many files a stage is parsed on the calling thread. */
export const PARALLEL_FROM = 1000;
const BATCH = 400;
/**
 * Parsing allocates hard and keeps little: a young generation of its own, larger than the
 * 8 MB semi-spaces the site build gives its other threads (site/build-memory.ts), lets most
 * of it die young (measured: the build's time unchanged, its peak memory 350 MB lower).
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 64 };

export type FileEntry = readonly [path: string, kind: Kind];

/** A batch's records, and their serialized bytes when a thread parsed them. */
export interface ParsedBatch {
  records: LoadedRecord[];
  bytes?: Uint8Array;
}

interface Job {
  files: FileEntry[];
  mode: ReadMode;
  resolve: (r: ParsedBatch) => void;
  reject: (e: Error) => void;
}

export class ParsePool {
  private workers: Worker[] = [];
  private started = false;
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private failed: Error | undefined;

  private readonly size: number;
  private readonly parallelFrom: number;

  /** `size` threads (default: one per core), started when a stage first has `parallelFrom` files (or by `warm`). */
  constructor(size = availableParallelism(), parallelFrom = PARALLEL_FROM) {
    this.size = size;
    this.parallelFrom = parallelFrom;
  }

  /**
   * Start the threads now, not when a stage first has `parallelFrom` files: a loader that
   * knows its content is large has them import the pipeline while it lists the folders.
   * None when the worker script is not beside this module (a bundled copy).
   */
  warm(): void {
    if (this.started) return;
    this.started = true;
    const script = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));
    if (this.size < 2 || !existsSync(script)) return;
    for (let i = 0; i < this.size; i++) {
      const w = new Worker(script, { resourceLimits: THREAD_LIMITS });
      w.on('message', (bytes: Uint8Array) => {
        const job = this.running.get(w)!;
        this.running.delete(w);
        job.resolve({ records: deserialize(bytes) as LoadedRecord[], bytes });
        this.idle.push(w);
        this.next();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`content parser thread exited with ${code}`));
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  private closed = false;

  private fail(e: Error): void {
    this.failed ??= e;
    for (const job of [...this.queue, ...this.running.values()]) job.reject(e);
    this.queue.length = 0;
    this.running.clear();
  }

  private next(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage({ files: job.files, mode: job.mode });
    }
  }

  /** The records of `files`, in order (`head`: only an application's head, unvalidated). */
  async parse(files: readonly FileEntry[], mode: ReadMode = 'whole'): Promise<LoadedRecord[]> {
    return (await this.parseBatches(files, mode)).flatMap((b) => b.records);
  }

  /** The same, in batches of consecutive files, each with its serialized bytes when a thread parsed it. */
  async parseBatches(files: readonly FileEntry[], mode: ReadMode = 'whole'): Promise<ParsedBatch[]> {
    if (this.failed) throw this.failed;
    if (files.length >= this.parallelFrom) this.warm();
    // Once the threads run, every stage goes to them: this thread stays free to hand out batches.
    if (!this.workers.length) return [{ records: files.map(([path, kind]) => readRecord(path, kind, mode)) }];
    const batches: Array<Promise<ParsedBatch>> = [];
    for (let i = 0; i < files.length; i += BATCH) {
      batches.push(
        new Promise((resolve, reject) => this.queue.push({ files: files.slice(i, i + BATCH), mode, resolve, reject })),
      );
    }
    this.next();
    return Promise.all(batches);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

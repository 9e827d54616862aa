/**
 * Turning planned records into files: canonical YAML (formatYaml), the decision chains
 * (writeChain), and the writes. This is most of the generator's cost, and it depends only
 * on each unit's own data, so it runs in worker threads (materialize-worker.ts) while the
 * main thread goes on planning; the bytes are the same whichever thread writes them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { formatYaml } from '../pipeline/content/format.ts';
import type { Kind } from '../pipeline/schema/registry.ts';
import { writeChain, type PlannedAct } from './lifecycle.ts';

export type FileKind = Kind | 'image';

export type Unit =
  | { kind: 'file'; path: string; bytes: Uint8Array | string }
  | {
      kind: 'record';
      record: Kind;
      path: string;
      data: unknown;
      /** The subject's review: its acts, and the versions judged when they differ from `data`. */
      chain?: { subject: string; acts: PlannedAct[]; final?: unknown; first?: unknown };
    };

/** Write `units` under `root`; returns the bytes written. */
export function materialize(root: string, units: readonly Unit[], dirs: Set<string>): number {
  let bytes = 0;
  const write = (path: string, content: Uint8Array | string) => {
    const full = join(root, path);
    const dir = dirname(full);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(full, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  };
  for (const u of units) {
    if (u.kind === 'file') {
      write(u.path, u.bytes);
      continue;
    }
    const text = Buffer.from(formatYaml(u.record, u.data));
    write(u.path, text);
    if (!u.chain || u.chain.acts.length === 0) continue;
    const { subject, acts, final, first } = u.chain;
    const needsFirst = acts.some((a) => a.version === 'first');
    writeChain(
      subject,
      acts,
      {
        final: final === undefined ? text : Buffer.from(formatYaml(u.record, final)),
        first: needsFirst ? Buffer.from(formatYaml(u.record, first)) : undefined,
      },
      write,
    );
  }
  return bytes;
}

/**
 * Units batched to worker threads, each batch to the least busy worker, with at most a few
 * batches waiting per worker so memory stays flat however large the archive. With no
 * workers, units are written on the calling thread.
 */
export class Materializer {
  readonly files: Record<FileKind, number> = {
    demand: 0,
    enterprise: 0,
    application: 0,
    decision: 0,
    round: 0,
    officers: 0,
    page: 0,
    site: 0,
    external: 0,
    image: 0,
  };
  bytes = 0;
  private batch: Unit[] = [];
  private batchSize = 0;
  private readonly workers: Array<{ worker: Worker; pending: Map<number, () => void> }> = [];
  private readonly dirs = new Set<string>();
  private nextId = 0;
  private failure: Error | undefined;
  private readonly waiters: Array<() => void> = [];
  private readonly root: string;

  constructor(root: string, workers: number) {
    this.root = root;
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./materialize-worker.ts', import.meta.url), { workerData: { root } });
      const slot = { worker, pending: new Map<number, () => void>() };
      worker.on('message', (m: { id: number; bytes?: number; error?: string }) => {
        if (m.error) this.failure ??= new Error(m.error);
        this.bytes += m.bytes ?? 0;
        slot.pending.get(m.id)?.();
        slot.pending.delete(m.id);
        this.waiters.splice(0).forEach((w) => w());
      });
      worker.on('error', (e) => {
        this.failure ??= e;
        this.waiters.splice(0).forEach((w) => w());
      });
      this.workers.push(slot);
    }
  }

  /** Queue a unit; counts it now, writes it soon. */
  async add(unit: Unit, fileKind: FileKind): Promise<void> {
    this.files[fileKind]++;
    if (unit.kind === 'record' && unit.chain) this.files.decision += unit.chain.acts.length;
    this.batch.push(unit);
    this.batchSize += unit.kind === 'file' ? 1 : 1 + (unit.chain?.acts.length ?? 0);
    if (this.batchSize >= 200) await this.flush();
  }

  private async flush(): Promise<void> {
    const units = this.batch;
    this.batch = [];
    this.batchSize = 0;
    if (units.length === 0) return;
    if (this.workers.length === 0) {
      this.bytes += materialize(this.root, units, this.dirs);
      return;
    }
    for (;;) {
      if (this.failure) throw this.failure;
      const slot = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      if (slot.pending.size < 3) {
        const id = this.nextId++;
        slot.pending.set(id, () => {});
        slot.worker.postMessage({ id, units });
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Write what is queued, wait for every worker, and stop them. */
  async close(): Promise<void> {
    await this.flush();
    while (this.workers.some((w) => w.pending.size > 0) && !this.failure)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    if (this.failure) throw this.failure;
  }
}

/**
 * Work spread over worker threads with results taken in order: tasks go out a few at a
 * time per thread, and each result is handed to `onResult` in task order as soon as every
 * earlier one has been, so the caller folds an archive in file order while both cores parse.
 * Tasks are sent no further ahead than a small window, so results waiting for an earlier
 * one never pile up.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

interface Reply<R> { id: number; result?: R; error?: string }

export interface OrderedOptions {
  threads: number;
  /** Passed to every worker as `workerData`. */
  workerData?: unknown;
}

/** Threads worth starting for `tasks` tasks: none below `minTasks` (starting a thread costs more than it saves). */
export function threadsFor(tasks: number, minTasks: number): number {
  return tasks < minTasks ? 0 : Math.min(availableParallelism(), 4, tasks);
}

export function mapOrdered<T, R>(script: URL, tasks: readonly T[], onResult: (result: R, index: number) => void, options: OrderedOptions): Promise<void> {
  if (tasks.length === 0) return Promise.resolve();
  const window = options.threads * 4;
  const workers = Array.from({ length: options.threads }, () => new Worker(script, { workerData: options.workerData }));
  const ready = new Map<number, R>();
  const idle: Worker[] = [];
  let sent = 0;
  let delivered = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error === undefined) resolve(); else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const feed = (w: Worker) => {
      if (sent < tasks.length && sent < delivered + window) w.postMessage({ id: sent, task: tasks[sent++] });
      else idle.push(w);
    };
    for (const w of workers) {
      w.on('message', (m: Reply<R>) => {
        if (m.error !== undefined) return finish(new Error(m.error));
        ready.set(m.id, m.result as R);
        try {
          while (ready.has(delivered)) {
            const r = ready.get(delivered)!;
            ready.delete(delivered);
            onResult(r, delivered++);
          }
        } catch (e) {
          return finish(e);
        }
        if (delivered === tasks.length) return finish();
        feed(w);
        while (idle.length && sent < tasks.length && sent < delivered + window) feed(idle.shift()!);
      });
      w.on('error', finish);
      w.on('exit', (code) => { if (!settled) finish(new Error(`worker thread exited (${code}) before its work was done`)); });
    }
    // Two tasks per thread to start: one in work, one waiting, so no thread idles between messages.
    for (let k = 0; k < 2; k++) for (const w of workers) feed(w);
  });
}

/** In a worker: answer each task with `handle`'s result (errors go back as messages, with their stack). */
export function serveTasks<T, R>(handle: (task: T) => R | Promise<R>): void {
  if (isMainThread || !parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  port.on('message', async ({ id, task }: { id: number; task: T }) => {
    try {
      port.postMessage({ id, result: await handle(task) } satisfies Reply<R>);
    } catch (e) {
      port.postMessage({ id, error: (e as Error)?.stack ?? String(e) } satisfies Reply<R>);
    }
  });
}

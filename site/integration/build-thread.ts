/**
 * The main thread's handle on the build's second thread (build-worker.ts): the messages
 * both ways, and promises for what the thread delivers. The thread is started at the very
 * beginning of `astro build`, so loading the content overlaps Astro's own start.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { SiteData } from '../data/model.ts';
import { UserError } from '../env.ts';
import type { DemandShells } from './demand-pages.ts';
import type { DemandImageFiles } from '../images/public-images.ts';
import type { ScanPart, ScanSnapshot } from './privacy-scan.ts';

/** Main thread → build thread. */
export type ToThread =
  | { type: 'outputs'; base: string; staging: string }
  | { type: 'pages'; outDir: string; shells: DemandShells; next: Int32Array };

/** Build thread → main thread. */
export type ThreadMessage =
  | { type: 'images'; files: DemandImageFiles[] }
  | { type: 'model'; bytes: Uint8Array }
  | { type: 'scanner'; snapshot: ScanSnapshot }
  | { type: 'outputs'; records: number; timings: Record<string, number> }
  | {
      type: 'done';
      written: number;
      part: ScanPart;
      timings: Record<string, number>;
      spans: Record<string, [number, number]>;
      rss: Record<string, number>;
    }
  | { type: 'error'; message: string; user: boolean };

type Payload<T extends ThreadMessage['type']> = Extract<ThreadMessage, { type: T }>;

export interface BuildThread {
  images: Promise<Payload<'images'>>;
  /** The model, deserialized here from the bytes the thread hands over (which are then let go). */
  model: Promise<SiteData>;
  scanner: Promise<Payload<'scanner'>>;
  outputs: Promise<Payload<'outputs'>>;
  done: Promise<Payload<'done'>>;
  send: (m: ToThread) => void;
  /** Stop the thread (after `done`, or when the build fails). */
  close: () => Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./build-worker.ts', import.meta.url));

/** Whether the thread can run here (its script sits beside this module, not in a bundle). */
export const canStartBuildThread = () => existsSync(SCRIPT);

export function startBuildThread(): BuildThread {
  const worker = new Worker(SCRIPT);
  const settle = new Map<ThreadMessage['type'], { resolve: (m: never) => void; reject: (e: Error) => void }>();
  const promise = <T extends ThreadMessage['type']>(type: T) => {
    const p = new Promise<Payload<T>>((resolve, reject) =>
      settle.set(type, { resolve: resolve as (m: never) => void, reject }),
    );
    p.catch(() => {}); // whoever awaits it reports the failure
    return p;
  };
  const thread: BuildThread = {
    images: promise('images'),
    model: promise('model').then(({ bytes }) => deserialize(bytes) as SiteData),
    scanner: promise('scanner'),
    outputs: promise('outputs'),
    done: promise('done'),
    send: (m) => worker.postMessage(m),
    close: async () => {
      settle.clear();
      await worker.terminate();
    },
  };
  const failAll = (e: Error) => {
    for (const { reject } of settle.values()) reject(e);
    settle.clear();
  };
  worker.on('message', (m: ThreadMessage) => {
    if (m.type === 'error') return failAll(m.user ? new UserError(m.message) : new Error(`build thread: ${m.message}`));
    settle.get(m.type)?.resolve(m as never);
    settle.delete(m.type);
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', (code) => failAll(new Error(`the build thread exited (code ${code}) before it finished`)));
  return thread;
}

/** A worker thread of the generator: writes the batches of units the main thread plans (see materialize.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { materialize, type Unit } from './materialize.ts';

const dirs = new Set<string>();
parentPort!.on('message', ({ id, units }: { id: number; units: Unit[] }) => {
  try {
    parentPort!.postMessage({ id, bytes: materialize((workerData as { root: string }).root, units, dirs) });
  } catch (e) {
    parentPort!.postMessage({ id, error: (e as Error).stack ?? String(e) });
  }
});

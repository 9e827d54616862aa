/** A worker thread of validate-files.ts: checks a chunk of files and sends back what is kept of each. */
import { workerData } from 'node:worker_threads';
import type { Kind } from '../schema/registry.ts';
import { checkFile, type CheckOptions, type FileCheck } from './validate-files.ts';
import { serveTasks } from '../content/workers.ts';

const options = workerData as CheckOptions;

serveTasks(async ({ files, kinds }: { files: string[]; kinds: Kind[] }) => {
  const out: FileCheck[] = [];
  for (const [i, file] of files.entries()) out.push(await checkFile(file, kinds[i]!, options));
  return out;
});

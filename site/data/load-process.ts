/**
 * Load the site's model in a child process that ends before the model is handed over.
 * Reading 10,000 demands' content parses some 200,000 records, and the memory that takes
 * (parser threads, the records, the allocator's arenas) is not given back to the system
 * by a process that goes on living: in the build's own process it stayed resident to the
 * end of the build and set its peak. In a process of its own it is returned when the
 * process ends. The model comes back as a file written by v8.serialize (the structured
 * clone postMessage uses: Maps and Dates survive), read only after the loader has exited,
 * so the loader's memory and the model's copy here are never resident together.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { loaderEnv, LOADER_V8_FLAGS } from '../build-memory.ts';
import type { DemandImageFiles } from '../images/public-images.ts';
import { contentDir, UserError } from '../env.ts';
import type { SiteData } from './model.ts';

/** Loader process → its parent (the model itself goes through the file). */
export type LoaderMessage =
  | { type: 'images'; files: DemandImageFiles[] }
  | { type: 'written' }
  | { type: 'error'; message: string; user: boolean };

const SCRIPT = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** The model, and its serialized bytes (for another thread: `deserialize(bytes)`, no second serialization). */
export interface LoadedModel {
  data: SiteData;
  bytes: Uint8Array;
}

/** Small buffers may be slices of Node's shared pool: copied, so the caller may transfer them. */
function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/**
 * The model of the configured content at the configured moment (env.ts), loaded in a
 * child process; `onImages` gets the listed demands' images as soon as they are known.
 */
export function loadSiteDataInProcess(onImages: (files: DemandImageFiles[]) => void): Promise<LoadedModel> {
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-model-'));
  const file = join(dir, 'model.bin');
  return new Promise<LoadedModel>((resolve, reject) => {
    let failure: Error | undefined;
    const child = fork(SCRIPT, [file], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...LOADER_V8_FLAGS],
      env: loaderEnv(),
    });
    child.on('message', (m: LoaderMessage) => {
      if (m.type === 'images') onImages(m.files);
      else if (m.type === 'error')
        failure ??= m.user ? new UserError(m.message) : new Error(`content loader: ${m.message}`);
    });
    child.on('error', (e) => {
      failure ??= e;
    });
    child.on('exit', (code, signal) => {
      if (failure) return reject(failure);
      if (code !== 0)
        return reject(
          new Error(`the content loader exited (${signal ?? `code ${code}`}) before it delivered the model`),
        );
      try {
        const read = readFileSync(file);
        resolve({ data: deserialize(read) as SiteData, bytes: transferable(read) });
      } catch (e) {
        reject(e as Error);
      }
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/**
 * Up to this many demand folders the content is loaded in the calling thread: its memory is
 * tens of megabytes, and a process of its own would cost a Node start and a second load of
 * the pipeline's modules on the way to the first images (a city's redeploy waits for them).
 */
export const IN_THREAD_DEMANDS = 1_000;

/** Whether the configured content is small enough to load in the calling thread. */
export function smallContent(dir = contentDir()): boolean {
  try {
    return readdirSync(join(dir, 'demands')).length <= IN_THREAD_DEMANDS;
  } catch {
    return true; // no demands folder: nothing large to read (the load reports what is missing)
  }
}

/** The same model and bytes as loadSiteDataInProcess, loaded in the calling thread. */
export async function loadSiteDataHere(onImages: (files: DemandImageFiles[]) => void): Promise<LoadedModel> {
  const [{ loadSiteData }, { listedImageFiles }] = await Promise.all([
    import('./load.ts'),
    import('./listed-images.ts'),
  ]);
  const data = await loadSiteData(undefined, undefined, {
    onCatalogued: (demands) => onImages(listedImageFiles(demands)),
  });
  return { data, bytes: transferable(serialize(data)) };
}

/**
 * The build's second thread (build-thread.ts starts it when `astro build` begins). While the
 * main thread runs Astro — content sync, bundling, its own pages and images — this thread:
 *   1. has the content loaded into the site model by a child process (data/load-process.ts:
 *      the memory of reading some 200,000 files goes back to the system when it ends), or,
 *      for a city's tens of demands, loads it itself (no process to start),
 *      posting the listed demands' images as soon as the catalogued demands are read (the
 *      module that lists them for Astro waits for their stage) and then the model's bytes,
 *      which Astro's pages render from;
 *   2. hands every search record to Pagefind (another process), builds the privacy scan's
 *      automaton once and shares it (shared memory);
 *   3. while Pagefind indexes, writes the feeds, the JSON API and the downloads into a
 *      staging folder, each file scanned from the bytes written; then the index is written,
 *      Pagefind is closed (its memory goes with it) and its files are read back and scanned;
 *   4. when Astro's pages are done, writes demand pages with the main thread (each takes the
 *      next batch from a shared counter) until none is left.
 * It ends by posting what it scanned and its timings. A mistake in the content is posted as
 * a message (the main thread reports it without a stack); anything else as an error.
 */
import { parentPort } from 'node:worker_threads';
import { loadSiteDataHere, loadSiteDataInProcess, smallContent } from '../data/load-process.ts';
import type { DemandImageFiles } from '../images/public-images.ts';
import { UserError } from '../env.ts';
import type { ThreadMessage, ToThread } from './build-thread.ts';
import { Timings } from './timings.ts';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);

/** The next message of a type from the main thread (messages may arrive before they are awaited). */
const inbox: ToThread[] = [];
const waiting = new Map<string, (m: ToThread) => void>();
port.on('message', (m: ToThread) => {
  const resolve = waiting.get(m.type);
  if (resolve) {
    waiting.delete(m.type);
    resolve(m);
  } else inbox.push(m);
});
function next<T extends ToThread['type']>(type: T): Promise<Extract<ToThread, { type: T }>> {
  const i = inbox.findIndex((m) => m.type === type);
  if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as Extract<ToThread, { type: T }>);
  return new Promise((resolve) => waiting.set(type, resolve as (m: ToThread) => void));
}

async function run(): Promise<void> {
  const timings = new Timings();
  const onImages = (files: DemandImageFiles[]) => post({ type: 'images', files });
  // The loader starts before this thread's own modules (the outputs with Pagefind's client and
  // the Excel writer, the scan, the demand pages) load: Astro waits for the images it lists.
  const loaded = timings.time('load', () =>
    smallContent() ? loadSiteDataHere(onImages) : loadSiteDataInProcess(onImages),
  );
  const modules = Promise.all([
    import('./outputs.ts'),
    import('./privacy-scan.ts'),
    import('./demand-pages.ts'),
    import('./writer.ts'),
  ]);
  modules.catch(() => {}); // awaited below
  const { data, bytes } = await loaded;
  const [{ writeOutputs }, { PrivacyScan }, { writeDemandPages }, { OutputWriter }] = await modules;
  // The main thread deserializes the loader's bytes itself: handed over, not copied or serialized again.
  port.postMessage({ type: 'model', bytes } satisfies ThreadMessage, [bytes.buffer as ArrayBuffer]);

  // Pagefind first: it indexes in its own process while this thread builds the scan's automaton.
  const { base, staging } = await next('outputs');
  const { records, scan } = await writeOutputs(staging, data, base, timings, async () => {
    const built = await timings.time('scanSetup', () => new PrivacyScan(data));
    post({ type: 'scanner', snapshot: built.snapshot() });
    return built;
  });
  post({ type: 'outputs', records, timings: timings.phases });

  const { outDir, shells, next: counter } = await next('pages');
  const pages = new OutputWriter(outDir, scan);
  const written = await timings.time('demandPagesThread', () => writeDemandPages(pages, data, base, shells, counter));
  post({ type: 'done', written, part: scan.part(), timings: timings.phases, spans: timings.spans, rss: timings.rss });
}

run().catch((e: unknown) => {
  post(
    e instanceof UserError
      ? { type: 'error', message: e.message, user: true }
      : { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false },
  );
});

/**
 * The content loader's process (load-process.ts forks it with the model file's path):
 * loads the model (records parsed by an earlier build from the same git blobs taken from
 * the record cache, record-cache.ts), posting the listed demands' images as soon as the
 * catalogued demands are read, writes the model to the file and ends. A mistake in the content is posted as
 * a message (the build reports it without a stack) and the process ends with code 1; so
 * does it, at once, when the build that started it has gone, removing the model's folder.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { serialize } from 'node:v8';
import { UserError } from '../env.ts';
import { listedImageFiles } from './listed-images.ts';
import { loadSiteData } from './load.ts';
import { loadSiteContent } from './parallel-load.ts';
import { ParsePool } from './parse-pool.ts';
import { recordCacheWanted } from './record-cache.ts';
import type { LoaderMessage } from './load-process.ts';

/** Post a message; resolves with the error when the build can no longer be reached. */
const send = (m: LoaderMessage) => new Promise<Error | null>((done) => process.send!(m, undefined, {}, (e) => done(e)));
const modelFile = process.argv[2]!;
// The build has gone (stopped, or failed elsewhere): no one will read the model, nor remove
// the folder the build made for it.
const orphaned = () => {
  rmSync(dirname(modelFile), { recursive: true, force: true });
  process.exit(1);
};
process.on('disconnect', orphaned);
// Only content of more than a thousand demands is loaded in this process: the parser threads
// start at once, importing the pipeline while the folders are listed.
const pool = new ParsePool();
pool.warm();

try {
  const data = await loadSiteData(
    undefined,
    undefined,
    { onCatalogued: (demands) => void send({ type: 'images', files: listedImageFiles(demands) }) },
    // Content this large is worth keeping parsed between builds; a city's tens of demands,
    // loaded in the build's thread, parse in less time than git takes to answer.
    (dir, now, hooks) => loadSiteContent(dir, now, hooks, pool, recordCacheWanted()),
  );
  writeFileSync(modelFile, serialize(data));
  // A build that has gone while the model was being made is found out here: the message cannot be sent.
  if (await send({ type: 'written' })) orphaned();
} catch (e) {
  await send(
    e instanceof UserError
      ? { type: 'error', message: e.message, user: true }
      : { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false },
  );
  process.exitCode = 1;
}
process.off('disconnect', orphaned);
process.disconnect();

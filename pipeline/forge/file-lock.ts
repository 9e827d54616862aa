/**
 * A lock file shared by processes on one machine (O_EXCL create, like git's own
 * `index.lock`): the outbox and the work-tree sync of the local git adapter are
 * read-modify-write steps that concurrent `jiebang` processes must take in turn.
 * A lock whose process is gone (or older than STALE_MS) was left by a crash and is taken over.
 */
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const STALE_MS = 30_000;
const TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the lock's holder has died: its pid no longer runs, or the lock is very old. */
async function isStale(lockPath: string): Promise<boolean> {
  const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
  if (age > STALE_MS) return true;
  const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(lockPath), { recursive: true });
  const started = Date.now();
  const tmp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, `${process.pid}\n`);
  for (let attempt = 0; ; attempt++) {
    try {
      // Written aside and linked into place: the lock exists only with its owner's pid in it.
      await link(tmp, lockPath);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') { await unlink(tmp).catch(() => {}); throw e; }
      if (await isStale(lockPath)) await unlink(lockPath).catch(() => {});
      else if (Date.now() - started > TIMEOUT_MS) { await unlink(tmp).catch(() => {}); throw new Error(`timed out waiting for the lock ${lockPath}`); }
      else await sleep(Math.min(50, 2 + attempt) + Math.random() * 10);
    }
  }
  await unlink(tmp).catch(() => {});
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => {});
  }
}

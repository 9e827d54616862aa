/**
 * A lock file shared by processes on one machine (O_EXCL create, like git's own
 * `index.lock`): the outbox and the work-tree sync of the local git adapter are
 * read-modify-write steps that concurrent `jiebang` processes must take in turn.
 * A lock whose process is gone was left by a crash and is taken over. Waiting is bounded by
 * progress, not by the clock: a waiter waits as long as the holder's process lives, however
 * slow a busy machine makes it, and gives up only when one live holder has kept the lock for
 * HUNG_MS (a hang, not slowness: no act holds it for more than seconds).
 */
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A lock file with no readable pid (a crash between create and write) is stale after this. */
const NO_PID_STALE_MS = 30_000;
const HUNG_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The current holder: its pid and when it took the lock (the file's inode tells holders apart). */
async function holder(lockPath: string): Promise<{ id: string; pid: number; age: number } | null> {
  const st = await stat(lockPath).catch(() => null);
  if (!st) return null;
  const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
  return { id: `${st.ino}:${st.mtimeMs}`, pid, age: Date.now() - st.mtimeMs };
}

/** Whether the lock's holder has died: its pid no longer runs (or it never wrote one). */
function isStale(h: { pid: number; age: number }): boolean {
  const pid = h.pid;
  if (!pid) return h.age > NO_PID_STALE_MS;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(lockPath), { recursive: true });
  let seen = '';
  let seenSince = Date.now();
  const tmp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, `${process.pid}\n`);
  for (let attempt = 0; ; attempt++) {
    try {
      // Written aside and linked into place: the lock exists only with its owner's pid in it.
      await link(tmp, lockPath);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        await unlink(tmp).catch(() => {});
        throw e;
      }
      const h = await holder(lockPath);
      if (!h) continue;
      if (h.id !== seen) {
        seen = h.id;
        seenSince = Date.now();
      }
      if (isStale(h)) await unlink(lockPath).catch(() => {});
      else if (Date.now() - seenSince > HUNG_MS) {
        await unlink(tmp).catch(() => {});
        throw new Error(
          `the lock ${lockPath} has been held by process ${h.pid} for ${Math.round(HUNG_MS / 60_000)} minutes`,
        );
      } else await sleep(Math.min(50, 2 + attempt) + Math.random() * 10);
    }
  }
  await unlink(tmp).catch(() => {});
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => {});
  }
}

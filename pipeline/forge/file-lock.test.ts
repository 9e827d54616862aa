import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.ts';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'jiebang-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('withFileLock', () => {
  it('takes over a lock whose process has ended', async () => {
    const lock = join(scratch(), 'x.lock');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lock, `${dead}\n`);
    expect(await withFileLock(lock, async () => 'mine')).toBe('mine');
  });

  it('waits for a live holder however old its lock is (a slow machine is not a crash)', async () => {
    const lock = join(scratch(), 'x.lock');
    const order: string[] = [];
    let release!: () => void;
    let held!: () => void;
    const isHeld = new Promise<void>((r) => {
      held = r;
    });
    const first = withFileLock(lock, async () => {
      held();
      await new Promise<void>((r) => {
        release = r;
      });
      order.push('first done');
    });
    await isHeld;
    // The holder looks an hour old: before, a waiter took such a lock from a live process.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, anHourAgo, anHourAgo);
    const second = withFileLock(lock, async () => {
      order.push('second in');
    });
    await new Promise((r) => setTimeout(r, 300)); // room for a wrong takeover to happen
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'second in']);
  });
});

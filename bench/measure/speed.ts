/**
 * How fast this machine is right now, in two numbers a run can be compared by: the same
 * build here has taken 17 s and 25 s hours apart, as the (shared, virtual) machine slowed
 * down. A loop of additions times the processor; reading small cached files times the
 * system calls, which the build makes some 150,000 of.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MachineSpeed {
  /** ms for 3·10⁸ additions in a fresh Node process (about 310 ms here when the machine is fast). */
  loopMs: number;
  /** µs to read one small cached file (about 4 µs here when fast, 8 µs when slow). */
  smallReadUs: number;
}

const LOOP =
  'const t=performance.now();let x=0;for(let i=0;i<3e8;i++)x+=i%7;process.stdout.write(String(performance.now()-t+(x&0)))';

export function machineSpeed(files = 2000): MachineSpeed {
  const loopMs = Math.min(
    ...[0, 1].map(() =>
      Number(execFileSync(process.execPath, ['-e', LOOP], { env: { ...process.env, NODE_OPTIONS: '' } }).toString()),
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-speed-'));
  try {
    const paths = Array.from({ length: files }, (_, i) => join(dir, `${i}.yml`));
    for (const p of paths) writeFileSync(p, 'subject: XM-2026-001\nseq: 1\naction: submit\n'.repeat(12));
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t = performance.now();
      for (const p of paths) readFileSync(p);
      best = Math.min(best, performance.now() - t);
    }
    return { loopMs: Math.round(loopMs), smallReadUs: Math.round(((best * 1000) / files) * 10) / 10 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How fast this machine is right now, in numbers a run can be compared by: the same build
 * here has taken 17 s and 42 s on different days, as the (shared, virtual) machine changed.
 * A loop of additions times the processor; reading small cached files times the system
 * calls, which the build makes over a million of; creating small files times what a new
 * inode costs (it grows with the files deleted in the last minutes, on a filesystem without
 * a journal), and the build creates 40,000; touching fresh memory times a page fault, which
 * the build takes some 800,000 of.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MachineSpeed {
  /** ms for 3·10⁸ additions in a fresh Node process (about 310 ms here when the machine is fast). */
  loopMs: number;
  /** µs to read one small cached file (about 4 µs here when fast, 15 µs when slow). */
  smallReadUs: number;
  /** µs to create and write one small file in a new folder. */
  createUs: number;
  /** µs for the first write to a 4 KB page of fresh memory (a page fault). */
  faultUs: number;
}

/** µs per item, to a tenth, of `ms` spent on `items`. */
const microsEach = (ms: number, items: number) => Math.round(((ms * 1000) / items) * 10) / 10;

/** The first write to each page of fresh memory, timed: the best of three 32 MB blocks. */
function faultMicros(): number {
  const size = 32 << 20;
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    const block = new Uint8Array(size); // large: mapped afresh, its pages untouched until written
    for (let i = 0; i < size; i += 4096) block[i] = 1;
    best = Math.min(best, performance.now() - t);
  }
  return microsEach(best, size / 4096);
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
    const created = performance.now();
    for (const p of paths) writeFileSync(p, 'subject: XM-2026-001\nseq: 1\naction: submit\n'.repeat(12));
    const createUs = microsEach(performance.now() - created, files);
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t = performance.now();
      for (const p of paths) readFileSync(p);
      best = Math.min(best, performance.now() - t);
    }
    return {
      loopMs: Math.round(loopMs),
      smallReadUs: microsEach(best, files),
      createUs,
      faultUs: faultMicros(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

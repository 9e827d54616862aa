/**
 * Waiting for a state, not for a clock: `eventually` polls until the condition holds, however
 * long a busy machine takes. A test that never gets there is stopped by the test runner's
 * own timeout, which guards against hangs, not against slowness (see vitest.config.ts).
 */
export async function eventually(ok: () => boolean | Promise<boolean>, intervalMs = 100): Promise<void> {
  while (!(await ok())) await new Promise((r) => setTimeout(r, intervalMs));
}

/** Room for a wrong effect to show itself before asserting it did not happen (never for a wanted one). */
export const quiet = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Wait until another process has finished writing `path`: it exists, is not empty, and its
 * size held between two looks (a writer creates the file before it fills it).
 */
export async function writtenFile(path: string, intervalMs = 100): Promise<void> {
  const { statSync } = await import('node:fs');
  const size = () => {
    try {
      return statSync(path).size;
    } catch {
      return -1;
    }
  };
  let last = -1;
  await eventually(() => {
    const now = size();
    const done = now > 0 && now === last;
    last = now;
    return done;
  }, intervalMs);
}

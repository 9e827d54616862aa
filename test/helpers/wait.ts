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

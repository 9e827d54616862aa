/**
 * The optimistic write loop every writer uses: read the branch head, decide what to write
 * from what is there, commit with compare-and-swap on that head, and when someone else
 * moved the branch first, decide again from the new head. Deciding again (not replaying
 * the same files) is what keeps invariants true: the second writer sees the first's work.
 */
import type { CommitRequest, CommitResult, FileChange, Forge } from './types.ts';

export type Plan<T> =
  | { write: { message: string; files: FileChange[]; author?: CommitRequest['author'] }; result: T }
  /** Nothing to write (refused, or already done): stop with this result. */
  | { write?: undefined; result: T };

export interface Written<T> {
  result: T;
  sha?: string;
  attempts: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function commitWithRetry<T>(
  forge: Forge,
  branch: string,
  plan: (head: string) => Promise<Plan<T>>,
  maxAttempts = 200,
  /**
   * The head the caller has just read, for the first attempt on a forge without `exclusive`
   * (a round trip saved; compare-and-swap still refuses it if the branch has moved since).
   */
  knownHead?: string,
): Promise<Written<T>> {
  const turn = forge.exclusive ? <R>(fn: () => Promise<R>) => forge.exclusive!(fn) : <R>(fn: () => Promise<R>) => fn();
  let known = forge.exclusive ? undefined : knownHead;
  for (let attempt = 1; ; attempt++) {
    const step = await turn(async () => {
      const head = known ?? (await forge.head(branch));
      known = undefined;
      if (!head) throw new Error(`branch ${branch} does not exist`);
      const p = await plan(head);
      if (!p.write) return { done: { result: p.result, attempts: attempt } as Written<T> };
      const r: CommitResult = await forge.commit({ branch, expectedHead: head, ...p.write });
      return r.ok ? { done: { result: p.result, sha: r.sha, attempts: attempt } as Written<T> } : { moved: r.head };
    });
    if (step.done) return step.done;
    if (attempt >= maxAttempts)
      throw new Error(`gave up writing to ${branch} after ${attempt} attempts: it kept moving`);
    // A little jitter so writers that collided do not collide again in lockstep.
    await sleep(Math.random() * Math.min(50, attempt * 5));
  }
}

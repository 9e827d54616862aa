/**
 * Stable ids for accepted submissions: XM-2026-017 for the 17th demand of round XM-2026,
 * XM-2026-017-A02 for the second application to it. An id is never reused: the next one
 * is one past the highest ever used, counting entries and ledger chains alike (every
 * accepted submission has a `submit` decision, and the ledger is never deleted).
 * Two intakes racing for the same id cannot both win: the commit that records it is a
 * compare-and-swap on the branch, and the loser allocates again on the new head.
 */
import { entryIdOfPath, ledgerSubjects } from '../domain/layout.ts';
import { MAX_APPLICATIONS_PER_DEMAND, MAX_DEMANDS_PER_ROUND } from '../domain/limits.ts';

function highest(ids: Iterable<string>, pattern: RegExp): number {
  let max = 0;
  for (const id of ids) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

function usedIds(paths: readonly string[]): Set<string> {
  const ids = ledgerSubjects(paths);
  for (const p of paths) {
    const id = entryIdOfPath(p);
    if (id) ids.add(id);
  }
  return ids;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The next demand id of a round, or undefined when its 999 numbers are spent. */
export function nextDemandId(round: string, paths: readonly string[]): string | undefined {
  const n = highest(usedIds(paths), new RegExp(`^${escape(round)}-(\\d{3})$`)) + 1;
  return n <= MAX_DEMANDS_PER_ROUND ? `${round}-${String(n).padStart(3, '0')}` : undefined;
}

/** The next application id of a demand, or undefined when its 99 numbers are spent. */
export function nextApplicationId(demandId: string, paths: readonly string[]): string | undefined {
  const n = highest(usedIds(paths), new RegExp(`^${escape(demandId)}-A(\\d{2})$`)) + 1;
  return n <= MAX_APPLICATIONS_PER_DEMAND ? `${demandId}-A${String(n).padStart(2, '0')}` : undefined;
}

/**
 * What is still open in a round, and what is overdue: each demand and application whose
 * state waits for someone's act, with the phase it belongs to, who is to act, and when it
 * was due. A state waits (as data below) until the end of its phase; work under way waits
 * until the demand's own completion time (completionMonths from the first contract), not
 * a round-wide acceptance phase. States nobody needs to act on (final ones, 流榜, expiry,
 * a catalogued demand waiting for the calendar) are not open.
 */
import type { Catalog } from '../content/catalog.ts';
import type { Decision } from '../generated/types.ts';
import type { PhaseId } from '../rules/phases.ts';
import { endOfShanghaiDay, phaseEnd } from '../rules/shanghai.ts';
import type { Role, State, SubjectKind } from '../domain/machines.ts';
import { chainAsOf, computeStatuses } from './status.ts';
import { byCodeUnits } from '../domain/order.ts';

interface Waiting {
  phase: PhaseId;
  by: Role;
}

/** Open states: the phase whose end they are due by, and who is to act. */
export const OPEN: Record<'demand' | 'application', Partial<Record<State, Waiting>>> = {
  demand: {
    submitted: { phase: 'precheck', by: 'bureau' },
    returned: { phase: 'precheck', by: 'submitter' },
    prechecked: { phase: 'precheck', by: 'bureau' },
    recommended: { phase: 'catalogue', by: 'miit' },
    closed: { phase: 'selection', by: 'issuer' },
  },
  application: {
    submitted: { phase: 'review', by: 'bureau' },
    returned: { phase: 'review', by: 'submitter' },
    bureau_passed: { phase: 'review', by: 'bureau' },
    recommended: { phase: 'review', by: 'bureau' },
    forwarded: { phase: 'selection', by: 'issuer' },
    selected: { phase: 'implementation', by: 'issuer' },
    contracted: { phase: 'implementation', by: 'issuer' },
    in_progress: { phase: 'implementation', by: 'issuer' },
    accepted: { phase: 'acceptance', by: 'issuer' },
  },
};

export interface OpenItem {
  id: string;
  kind: Exclude<SubjectKind, 'round'>;
  state: State;
  phase: PhaseId;
  by: Role;
  /** When it was due (ISO), if the round's calendar or the demand's completion time says. */
  due?: string;
  overdue: boolean;
}

/** Contract date + months, at the end of that Beijing day. */
function plusMonths(iso: string, months: number): Date {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return endOfShanghaiDay(d.toISOString().slice(0, 10));
}

export function openItems(catalog: Catalog, roundId: string, now: Date): OpenItem[] {
  const round = catalog.rounds.get(roundId);
  const statuses = computeStatuses(catalog, now);
  const dueBy = (phase: PhaseId) => {
    const range = round?.phases[phase];
    return range ? phaseEnd(range) : undefined;
  };
  const out: OpenItem[] = [];
  const add = (id: string, kind: OpenItem['kind'], state: State, due: Date | undefined) => {
    const w = OPEN[kind][state];
    if (!w) return;
    out.push({
      id,
      kind,
      state,
      phase: w.phase,
      by: w.by,
      ...(due ? { due: due.toISOString() } : {}),
      overdue: !!due && due < now,
    });
  };
  const demands = [...catalog.demands.values()]
    .filter((d) => d.round === roundId)
    .sort((a, b) => byCodeUnits(a.id, b.id));
  for (const d of demands) {
    const state = statuses.demands.get(d.id)?.state ?? 'draft';
    if (OPEN.demand[state]) add(d.id, 'demand', state, dueBy(OPEN.demand[state]!.phase));
    const apps = catalog.applicationsByDemand.get(d.id) ?? [];
    // The demand's own completion time runs from its first contract.
    const contracts = apps
      .map((a) => chainAsOf(catalog.decisions.get(a.id) ?? [], now).find((x: Decision) => x.action === 'contract')?.at)
      .filter((t): t is string => !!t)
      .sort();
    const workDue = contracts[0] ? plusMonths(contracts[0], d.completionMonths) : undefined;
    for (const a of [...apps].sort((x, y) => byCodeUnits(x.id, y.id))) {
      const s = statuses.applications.get(a.id)?.state ?? 'draft';
      const w = OPEN.application[s];
      if (!w) continue;
      const working = s === 'contracted' || s === 'in_progress';
      add(a.id, 'application', s, working ? workDue : dueBy(w.phase));
    }
  }
  return out;
}

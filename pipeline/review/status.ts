/**
 * Status is never typed by hand: it is the last recorded transition of the subject's
 * ledger chain, then the derived transitions of machines.ts applied for the given moment.
 * Each status comes with the time it was entered, and each demand with its public
 * timeline (acts and dates, never who acted).
 */
import type { Application, Decision, Demand, External, Round } from '../generated/types.ts';
import type { Catalog } from '../content/catalog.ts';
import { phaseEnd, startOfShanghaiDay } from '../rules/shanghai.ts';
import type { Action, State } from '../domain/machines.ts';
import { CONTRACTED_OR_LATER, SELECTED_OR_LATER } from '../domain/states.ts';
import { MAX_SELECTED } from '../domain/limits.ts';

export interface Status {
  state: State;
  /** ISO time the state was entered (a decision's `at` or a phase boundary); undefined for drafts. */
  since?: string;
}

export interface TimelineEvent {
  at: string;
  state: State;
  /** The recorded act, when the step was an act rather than a date or a consequence. */
  action?: Action;
  reason?: string;
}

export { CONTRACTED_OR_LATER, SELECTED_OR_LATER };
const STILL_WORKING = new Set<State>(['contracted', 'in_progress']);
const PASSED = new Set<State>(['accepted', 'supplier_listed', 'cooperation_deepened']);
const FINAL = new Set<State>(['acceptance_failed', 'supplier_listed', 'cooperation_deepened', 'terminated']);
/** Where a returned submission had to be resubmitted by: the end of the phase it was returned in. */
const RESUBMIT_BY: Record<'demand' | 'application', 'precheck' | 'review'> = {
  demand: 'precheck',
  application: 'review',
};

/** The acts of a chain made up to `now`: a report as of a moment counts nothing later. */
export function chainAsOf(chain: readonly Decision[], now: Date): readonly Decision[] {
  const t = now.getTime();
  const cut = chain.findIndex((d) => Date.parse(d.at) > t);
  return cut < 0 ? chain : chain.slice(0, cut);
}

/** A returned submission not resubmitted by the end of its phase has expired (a derived state). */
export function expiredAt(
  recorded: Status,
  round: Round | undefined,
  kind: 'demand' | 'application',
  now: Date,
): Date | undefined {
  const phase = round?.phases[RESUBMIT_BY[kind]];
  if (recorded.state !== 'returned' || !phase) return undefined;
  const at = new Date(phaseEnd(phase).getTime() + 1);
  return at <= now ? new Date(Math.max(at.getTime(), Date.parse(recorded.since!))) : undefined;
}

const iso = (d: Date) => d.toISOString();

/** The state a chain of decisions ends in (draft when there is none). */
export function recordedStatus(chain: readonly Decision[] | undefined): Status {
  const last = chain?.at(-1);
  return last ? { state: last.to, since: last.at } : { state: 'draft' };
}

interface DemandContext {
  demand: Demand;
  round: Round | undefined;
  chain: readonly Decision[];
  applications: ReadonlyArray<{ app: Application; chain: readonly Decision[] }>;
  now: Date;
}

/** When the demand's selection was over: the end of the selection phase, or the last selection allowed (the third). */
export function selectionClosedAt(ctx: Omit<DemandContext, 'demand' | 'chain'>): Date | undefined {
  const selections = ctx.applications
    .map(({ chain }) => chain.find((d) => d.action === 'select'))
    .filter((d): d is Decision => !!d)
    .map((d) => new Date(d.at))
    .sort((a, b) => a.getTime() - b.getTime());
  const third = selections[MAX_SELECTED - 1];
  const selection = ctx.round?.phases.selection;
  const selectionEnd = selection ? phaseEnd(selection) : undefined;
  const candidates = [
    third,
    selectionEnd && selectionEnd.getTime() < ctx.now.getTime() ? selectionEnd : undefined,
  ].filter((d): d is Date => !!d && d.getTime() <= ctx.now.getTime());
  return candidates.sort((a, b) => a.getTime() - b.getTime())[0];
}

/** A demand's timeline up to `now`: recorded acts, then what the calendar and its applications made of it. */
export function demandTimeline(ctx: DemandContext): TimelineEvent[] {
  const events: TimelineEvent[] = ctx.chain.map((d) => ({
    at: d.at,
    state: d.to,
    action: d.action,
    ...(d.reason ? { reason: d.reason } : {}),
  }));
  const recorded = recordedStatus(ctx.chain);
  const expired = expiredAt(recorded, ctx.round, 'demand', ctx.now);
  if (expired) events.push({ at: iso(expired), state: 'expired' });
  if (recorded.state !== 'catalogued' || !ctx.round) return events;
  const { now } = ctx;
  const phases = ctx.round.phases;
  // A round whose notice gives no application phase opens a catalogued demand at once and
  // never closes it by date.
  const applyStart = phases.apply ? startOfShanghaiDay(phases.apply.start) : new Date(recorded.since!);
  const applyEnd = phases.apply ? phaseEnd(phases.apply) : undefined;
  if (ctx.demand.isPublic) {
    const openedAt = new Date(Math.max(applyStart.getTime(), new Date(recorded.since!).getTime()));
    if (openedAt <= now) events.push({ at: iso(openedAt), state: 'published' });
    if (applyEnd && applyEnd < now) events.push({ at: iso(new Date(applyEnd.getTime() + 1)), state: 'closed' });
  }
  const apps = ctx.applications.map(({ app, chain }) => ({ app, chain, status: recordedStatus(chain) }));
  const selectedCount = apps.filter((a) => SELECTED_OR_LATER.has(a.status.state)).length;
  const closedAt = selectionClosedAt(ctx);
  if (selectedCount > 0 && closedAt) events.push({ at: iso(closedAt), state: 'matched' });
  // 流榜: the selection phase is over and nobody is selected (an SME that dropped out does not count).
  const selectionEnd = phases.selection ? phaseEnd(phases.selection) : undefined;
  if (selectedCount === 0 && selectionEnd && selectionEnd < now && (!applyEnd || applyEnd < selectionEnd)) {
    events.push({ at: iso(new Date(selectionEnd.getTime() + 1)), state: 'unmatched' });
  }
  const contracted = apps.filter((a) => CONTRACTED_OR_LATER.has(a.status.state));
  if (contracted.length > 0 && closedAt) {
    const firstContract = contracted.map((a) => a.chain.find((d) => d.action === 'contract')!.at).sort()[0]!;
    const startedAt = new Date(Math.max(new Date(firstContract).getTime(), closedAt.getTime()));
    events.push({ at: iso(startedAt), state: 'in_progress' });
    if (!contracted.some((a) => STILL_WORKING.has(a.status.state))) {
      const resolvedAt = (to: ReadonlySet<State>) =>
        contracted
          .map((a) => a.chain.find((d) => to.has(d.to))?.at)
          .filter((t): t is string => !!t)
          .sort()
          .at(-1);
      const accepted = contracted.some((a) => PASSED.has(a.status.state));
      const acceptanceDone = resolvedAt(new Set<State>(['accepted', 'acceptance_failed']));
      if (accepted && acceptanceDone) events.push({ at: acceptanceDone, state: 'accepted' });
      if (contracted.every((a) => FINAL.has(a.status.state)))
        events.push({ at: resolvedAt(FINAL)!, state: 'archived' });
    }
  }
  // By instant (acts carry +08:00, derived steps UTC); a step derived at the very moment of an act follows it.
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function demandStatus(ctx: DemandContext): Status {
  const last = demandTimeline(ctx).at(-1);
  return last ? { state: last.state, since: last.at } : { state: 'draft' };
}

/** An application's status: its chain, and not_selected once its demand's selection is over without it. */
export function applicationStatus(
  chain: readonly Decision[],
  demandSelectionClosedAt: Date | undefined,
  round?: Round,
  now?: Date,
): Status {
  const recorded = recordedStatus(chain);
  if (recorded.state === 'forwarded' && demandSelectionClosedAt)
    return { state: 'not_selected', since: iso(demandSelectionClosedAt) };
  const expired = now ? expiredAt(recorded, round, 'application', now) : undefined;
  if (expired) return { state: 'expired', since: iso(expired) };
  return recorded;
}

export interface Statuses {
  demands: Map<string, Status>;
  /** Entries of the national catalogue (catalog.externals): open while the round takes applications. */
  externals: Map<string, Status>;
  applications: Map<string, Status>;
  timelines: Map<string, TimelineEvent[]>;
}

/** Every demand's and application's status at `now`, from the acts made up to `now` only. */
export function computeStatuses(catalog: Catalog, now: Date): Statuses {
  const out: Statuses = { demands: new Map(), externals: new Map(), applications: new Map(), timelines: new Map() };
  const chainOf = (id: string) => chainAsOf(catalog.decisions.get(id) ?? [], now);
  for (const demand of catalog.demands.values()) {
    const applications = (catalog.applicationsByDemand.get(demand.id) ?? []).map((app) => ({
      app,
      chain: chainOf(app.id),
    }));
    const ctx: DemandContext = {
      demand,
      round: catalog.rounds.get(demand.round),
      chain: chainOf(demand.id),
      applications,
      now,
    };
    const timeline = demandTimeline(ctx);
    out.timelines.set(demand.id, timeline);
    const last = timeline.at(-1);
    out.demands.set(demand.id, last ? { state: last.state, since: last.at } : { state: 'draft' });
    const closedAt = selectionClosedAt(ctx);
    for (const { app, chain } of applications)
      out.applications.set(app.id, applicationStatus(chain, closedAt, ctx.round, now));
  }
  for (const entry of catalog.externals.values()) {
    const applications = (catalog.applicationsByDemand.get(entry.id) ?? []).map((app) => ({
      app,
      chain: chainOf(app.id),
    }));
    const round = catalog.rounds.get(entry.round);
    out.externals.set(entry.id, externalStatus(entry, round, now));
    const closedAt = selectionClosedAt({ round, applications, now });
    for (const { app, chain } of applications) out.applications.set(app.id, applicationStatus(chain, closedAt));
  }
  return out;
}

/**
 * An entry of the national catalogue has no ledger here (MIIT published it): it is
 * catalogued until the round's application phase opens, published (揭榜中) during it
 * (from the import on where the round sets no such phase), closed after it, and closed from the moment a later list withdrew it.
 */
export function externalStatus(entry: External, round: Round | undefined, now: Date): Status {
  const imported = entry.source.importedAt;
  if (entry.withdrawn && new Date(entry.withdrawn.at) <= now) return { state: 'closed', since: entry.withdrawn.at };
  if (!round) return { state: 'catalogued', since: imported };
  // A round whose notice sets no application phase takes applications from the import on.
  const apply = round.phases.apply;
  if (!apply) return { state: 'published', since: imported };
  const start = startOfShanghaiDay(apply.start);
  const end = phaseEnd(apply);
  if (end < now) return { state: 'closed', since: iso(new Date(end.getTime() + 1)) };
  if (start <= now)
    return { state: 'published', since: iso(new Date(Math.max(start.getTime(), new Date(imported).getTime()))) };
  return { state: 'catalogued', since: imported };
}

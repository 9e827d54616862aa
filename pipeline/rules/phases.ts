/**
 * A round's phases: each starts no later than it ends, and they follow one another in the
 * programme's order without overlapping (the next may start the day after the previous ends).
 * Dates are Beijing calendar days, both ends inclusive (see shanghai.ts).
 */
import round from '../../schemas/round.schema.json' with { type: 'json' };
import type { RuleResult } from '../domain/issue.ts';
import { isCalendarDate, phaseEnd, startOfShanghaiDay } from './shanghai.ts';

export const PHASE_ORDER = [
  'call',
  'precheck',
  'catalogue',
  'apply',
  'review',
  'selection',
  'implementation',
  'acceptance',
] as const;
export type PhaseId = (typeof PHASE_ORDER)[number];
export interface DateRange {
  start: string;
  end: string;
  endTime?: string;
}
export type Phases = Record<PhaseId, DateRange>;

const PHASE_SCHEMAS: Record<string, { title?: string; 'x-title-en'?: string }> = round.properties.phases.properties;

/** The phase's Chinese and English titles, as the round schema gives them. */
export function phaseTitle(id: PhaseId): { zh: string; en: string } {
  const node = PHASE_SCHEMAS[id];
  return { zh: node?.title ?? id, en: node?.['x-title-en'] ?? id };
}

/** The phase's dates when both are real calendar days; the schema reports anything else. */
function datesOf(phases: Record<string, unknown>, id: PhaseId): DateRange | undefined {
  const p = phases[id];
  if (p === null || typeof p !== 'object') return undefined;
  const { start, end } = p as Record<string, unknown>;
  return typeof start === 'string' && typeof end === 'string' && isCalendarDate(start) && isCalendarDate(end)
    ? { start, end }
    : undefined;
}

/**
 * Issues carry no path (the dispatcher points them at the phases field); `params.phase` and
 * `params.field` say which date to fix.
 */
export function checkPhases(phases: Record<string, unknown>): RuleResult {
  const issues: RuleResult = [];
  let previous: { id: PhaseId; reached: string } | undefined;
  for (const id of PHASE_ORDER) {
    const dates = datesOf(phases, id);
    if (!dates) continue;
    const t = phaseTitle(id);
    if (dates.start > dates.end) {
      issues.push({
        keyword: 'phases',
        params: { rule: 'start-after-end', phase: id, field: 'end' },
        message: `“${t.zh}”阶段的截止日期 ${dates.end} 早于开始日期 ${dates.start}，请把两个日期改正。`,
        messageEn: `The “${t.en}” phase ends on ${dates.end}, before it starts on ${dates.start}; correct the dates.`,
      });
    }
    if (previous && dates.start <= previous.reached) {
      const p = phaseTitle(previous.id);
      issues.push({
        keyword: 'phases',
        params: { rule: 'order', phase: id, field: 'start', previous: previous.id },
        message: `“${t.zh}”阶段（${dates.start} 开始）与“${p.zh}”阶段（到 ${previous.reached}）重叠或顺序颠倒：“${t.zh}”最早只能在 ${nextDay(previous.reached)} 开始。`,
        messageEn: `The “${t.en}” phase (starting ${dates.start}) overlaps or precedes the “${p.en}” phase (running to ${previous.reached}); it can start on ${nextDay(previous.reached)} at the earliest.`,
      });
    }
    // Later phases are compared with the latest day reached so far (a reversed phase counts
    // by its later date), so one wrong phase does not hide a conflict with another.
    const reached = dates.start > dates.end ? dates.start : dates.end;
    if (!previous || reached > previous.reached) previous = { id, reached };
  }
  return issues;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Which phase an instant falls in: the phase id, or 'before' the first, 'after' the last, or
 * 'between' two phases. Only the phases the round gives count (a notice may give only
 * some); phases are assumed valid (checkPhases passes).
 */
export function phaseAt(phases: Partial<Phases>, instant: Date): PhaseId | 'before' | 'between' | 'after' {
  const t = instant.getTime();
  const given = PHASE_ORDER.filter((id) => phases[id]);
  for (const id of given) {
    const range = phases[id]!;
    if (t >= startOfShanghaiDay(range.start).getTime() && t <= phaseEnd(range).getTime()) return id;
  }
  if (!given.length || t < startOfShanghaiDay(phases[given[0]!]!.start).getTime()) return 'before';
  if (t > phaseEnd(phases[given.at(-1)!]!).getTime()) return 'after';
  return 'between';
}

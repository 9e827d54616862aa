/**
 * The rounds of the synthetic archive and their calendars. Rounds go back from the
 * reference moment year by year across several regions; the newest are caught in each
 * phase of the programme (one open for 揭榜), older ones are played out. Dates are Beijing
 * calendar days; acts are placed inside the phase they belong to and never after `now`.
 */
import { PHASE_ORDER, type PhaseId, type Phases } from '../pipeline/rules/phases.ts';
import { shanghaiDate, startOfShanghaiDay, endOfShanghaiDay } from '../pipeline/rules/shanghai.ts';
import type { Random } from './random.ts';
import { REGIONS, type Region } from './vocab.ts';

/** Where a round is at the reference moment: inside a phase, or played out. */
export type Stage = PhaseId | 'after';

/** Days each phase lasts (the notice's rhythm, roughly). */
const LENGTH: Record<PhaseId, number> = {
  call: 45,
  precheck: 30,
  catalogue: 30,
  apply: 60,
  review: 30,
  selection: 45,
  implementation: 365,
  acceptance: 60,
};

/** The stages the newest rounds are caught in, by age in years (0 = this year), region by region. */
const STAGES_BY_AGE: readonly (readonly Stage[])[] = [
  ['apply', 'precheck', 'call', 'catalogue'],
  ['selection', 'implementation', 'review', 'implementation'],
  ['acceptance', 'after'],
];

export const MAX_DEMANDS_PER_ROUND = 999;

export interface RoundPlan {
  id: string;
  year: number;
  region: Region;
  stage: Stage;
  phases: Phases;
  demands: number;
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  shanghaiDate(new Date(startOfShanghaiDay(date).getTime() + days * DAY + 12 * 3_600_000));

/** Consecutive phases from `callStart`, each starting the day after the previous ends. */
function layOut(callStart: string): Phases {
  const phases = {} as Phases;
  let start = callStart;
  for (const id of PHASE_ORDER) {
    const end = addDays(start, LENGTH[id] - 1);
    phases[id] = { start, end };
    start = addDays(end, 1);
  }
  return phases;
}

/** Phases placing `now` inside `stage` (a fifth to four fifths in), or played out for `after`. */
function phasesFor(rng: Random, stage: Stage, year: number, now: Date): Phases {
  if (stage === 'after') return layOut(addDays(`${year}-03-01`, rng.int(0, 60)));
  const today = shanghaiDate(now);
  const before = PHASE_ORDER.slice(0, PHASE_ORDER.indexOf(stage)).reduce((s, id) => s + LENGTH[id], 0);
  const into = Math.floor(LENGTH[stage] * (0.2 + 0.6 * rng.next()));
  return layOut(addDays(today, -(before + into)));
}

/**
 * How many rounds and regions for `n` demands: about 800 demands a round, at least eight
 * rounds (so every stage is present), regions growing with the archive.
 */
export function planRounds(rng: Random, n: number, now: Date, perRound = 800): RoundPlan[] {
  const count = Math.max(8, Math.ceil(n / perRound));
  const regionCount = Math.min(REGIONS.length, Math.max(3, Math.ceil(count / 6)));
  const nowYear = Number(shanghaiDate(now).slice(0, 4));
  if (nowYear - Math.floor((count - 1) / regionCount) < 2018)
    throw new Error(`${n} demands need rounds before 2018; raise the demands per round`);
  // Split n as evenly as rounds allow, with some rounds larger than others.
  const weights = Array.from({ length: count }, () => 0.7 + 0.6 * rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.min(MAX_DEMANDS_PER_ROUND, Math.floor((w / total) * n)));
  if (count * MAX_DEMANDS_PER_ROUND < n)
    throw new Error(
      `${n} demands do not fit ${count} rounds of at most ${MAX_DEMANDS_PER_ROUND} (ids have three digits)`,
    );
  for (let i = 0, left = n - sizes.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % count) {
    if (sizes[i]! < MAX_DEMANDS_PER_ROUND) {
      sizes[i]!++;
      left--;
    }
  }
  return sizes.map((demands, i) => {
    const region = REGIONS[i % regionCount]!;
    const age = Math.floor(i / regionCount);
    const year = nowYear - age;
    const stages = STAGES_BY_AGE[age];
    const stage: Stage = stages ? stages[(i % regionCount) % stages.length]! : 'after';
    return { id: `${region.code}-${year}`, year, region, stage, phases: phasesFor(rng, stage, year, now), demands };
  });
}

/** Has the round reached `phase` (started it) by `now`? */
export function reached(plan: RoundPlan, phase: PhaseId, now: Date): boolean {
  return startOfShanghaiDay(plan.phases[phase].start).getTime() <= now.getTime();
}

/** The span of `phase`, cut at `now`: [start, end] as instants. */
export function window(plan: RoundPlan, phase: PhaseId, now: Date): [number, number] {
  const start = startOfShanghaiDay(plan.phases[phase].start).getTime();
  const end = Math.min(endOfShanghaiDay(plan.phases[phase].end).getTime(), now.getTime());
  return [start, end];
}

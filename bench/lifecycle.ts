/**
 * What happened to each demand and application, as real decision chains: a fate is
 * chosen for the stage its round is in and played out act by act (the plan), then written
 * through the ledger's own `nextDecision` (writeChain), so every transition is legal and
 * every `prev`/`revision` hash is the one an audit recomputes. Each act is placed inside the phase it belongs to, never after
 * `now`; the first subjects of every round walk through every fate, so even a small
 * archive has every state of both machines.
 */
import type { Decision } from '../pipeline/generated/types.ts';
import { nextDecision, type Act } from '../pipeline/review/ledger.ts';
import type { Role } from '../pipeline/domain/machines.ts';
import type { PhaseId } from '../pipeline/rules/phases.ts';
import type { Random } from './random.ts';
import { window, type RoundPlan, type Stage } from './schedule.ts';
import { FAIL_REASONS, REJECT_REASONS, RETURN_REASONS } from './vocab.ts';

const STAGE_ORDER: readonly Stage[] = [
  'call',
  'precheck',
  'catalogue',
  'apply',
  'review',
  'selection',
  'implementation',
  'acceptance',
  'after',
];
export const stageIndex = (s: Stage) => STAGE_ORDER.indexOf(s);
export const atLeast = (s: Stage, than: Stage) => stageIndex(s) >= stageIndex(than);

export type DemandFate =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'resubmitted'
  | 'withdrawn'
  | 'rejected'
  | 'prechecked'
  | 'recommended'
  | 'not_catalogued'
  | 'catalogued';

/**
 * Fates by weight for each stage, and the fates the first subjects of a round walk through
 * before weights take over, so even a small archive has every state.
 */
interface Fates<F extends string> {
  weights: Partial<Record<F, number>>;
  leads: readonly F[];
}

const DEMAND_FATES: Partial<Record<Stage, Fates<DemandFate>>> = {
  call: {
    weights: { draft: 10, submitted: 63, returned: 15, resubmitted: 10, withdrawn: 2 },
    leads: ['draft', 'returned', 'submitted', 'withdrawn'],
  },
  precheck: {
    weights: { recommended: 25, prechecked: 27, rejected: 8, returned: 10, draft: 3, submitted: 20, resubmitted: 7 },
    leads: ['recommended', 'prechecked', 'rejected', 'submitted', 'returned', 'draft'],
  },
  catalogue: {
    weights: { catalogued: 50, recommended: 30, not_catalogued: 10, rejected: 8, returned: 2 },
    leads: ['catalogued', 'recommended', 'not_catalogued'],
  },
};
const LATE_DEMAND_FATES: Fates<DemandFate> = {
  weights: { catalogued: 85, not_catalogued: 8, rejected: 6, returned: 1 },
  leads: ['catalogued', 'catalogued', 'catalogued', 'not_catalogued', 'catalogued', 'catalogued', 'returned'],
};

function fate<F extends string>(rng: Random, fates: Fates<F>, k: number): F {
  return fates.leads[k] ?? rng.weighted(fates.weights as Record<F, number>);
}

/** The fate of the k-th demand of a round. */
export function demandFate(rng: Random, stage: Stage, k: number): DemandFate {
  return fate(rng, DEMAND_FATES[stage] ?? LATE_DEMAND_FATES, k);
}

/** What becomes of an application at the bureau (before the issuer's selection). */
export type BureauFate =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'resubmitted'
  | 'withdrawn'
  | 'bureau_rejected'
  | 'bureau_passed'
  | 'recommended'
  | 'forwarded';

const BUREAU_FATES: Partial<Record<Stage, Fates<BureauFate>>> = {
  apply: {
    weights: { submitted: 68, returned: 14, draft: 4, resubmitted: 12, withdrawn: 2 },
    leads: ['submitted', 'returned', 'draft', 'withdrawn'],
  },
  review: {
    weights: {
      forwarded: 30,
      recommended: 20,
      bureau_passed: 20,
      bureau_rejected: 10,
      submitted: 10,
      returned: 5,
      resubmitted: 5,
    },
    leads: ['forwarded', 'recommended', 'bureau_passed', 'bureau_rejected', 'submitted'],
  },
};
const LATE_BUREAU_FATES: Fates<BureauFate> = {
  weights: { forwarded: 82, bureau_rejected: 12, bureau_passed: 3, recommended: 3 },
  leads: ['forwarded', 'bureau_rejected', 'forwarded', 'bureau_passed', 'forwarded', 'recommended', 'returned'],
};

/** The fate of the k-th application of a round at the bureau. */
export function bureauFate(rng: Random, stage: Stage, k: number): BureauFate {
  return fate(rng, BUREAU_FATES[stage] ?? LATE_BUREAU_FATES, k);
}

/** After selection: how far a selected application got by `now`. */
export type WorkFate =
  | 'selected'
  | 'contracted'
  | 'in_progress'
  | 'accepted'
  | 'acceptance_failed'
  | 'supplier_listed'
  | 'cooperation_deepened'
  | 'dropped_out'
  | 'terminated';

const WORK_FATES: Partial<Record<Stage, Partial<Record<WorkFate, number>>>> = {
  selection: { selected: 1 },
  implementation: { in_progress: 72, contracted: 20, selected: 8 },
  acceptance: {
    accepted: 30,
    in_progress: 35,
    acceptance_failed: 9,
    supplier_listed: 10,
    cooperation_deepened: 10,
    contracted: 3,
    selected: 3,
  },
  after: {
    supplier_listed: 40,
    cooperation_deepened: 35,
    acceptance_failed: 12,
    accepted: 8,
    selected: 3,
    contracted: 2,
  },
};

/**
 * The outcome each stage's first selecting demands walk through, one selected application
 * each, so the demand's derived state is the one named: selected → 已遴选 (matched),
 * contracted/in_progress → 实施中, accepted → 验收通过, supplier/deepen → 已归档;
 * undecided: the issuer has not chosen yet, its applications stay forwarded (流榜 once the
 * selection phase is over); dropped_out: selected, then out; terminated: the work ended early.
 */
const LEADING_OUTCOMES: Partial<Record<Stage, ReadonlyArray<WorkFate | 'undecided'>>> = {
  selection: ['undecided', 'selected'],
  implementation: ['contracted', 'selected', 'in_progress', 'undecided', 'dropped_out'],
  acceptance: ['accepted', 'acceptance_failed', 'in_progress', 'terminated', 'selected', 'undecided'],
  after: [
    'supplier_listed',
    'cooperation_deepened',
    'accepted',
    'acceptance_failed',
    'selected',
    'terminated',
    'dropped_out',
    'undecided',
  ],
};

/** The outcome the j-th selecting demand of a round leads with, if it is one of the first. */
export function leadingOutcome(stage: Stage, j: number): WorkFate | 'undecided' | undefined {
  return LEADING_OUTCOMES[stage]?.[j];
}

export function workFate(rng: Random, stage: Stage): WorkFate {
  return rng.weighted((WORK_FATES[stage] ?? { selected: 1 }) as Record<WorkFate, number>);
}

export interface Actors {
  system: Act['actor'];
  /** The enterprise that submitted (withdrawing on its own issue). */
  submitter: Act['actor'];
  bureau: Array<Act['actor']>;
  miit: Array<Act['actor']>;
}

/** Issue and comment numbers, handed out in the order acts are planned. */
export interface Numbers {
  nextIssue(): number;
  nextComment(): number;
  repoUrl: string;
}

/** Which file an act judged: the one first submitted (before a return) or the one resubmitted. */
export type Version = 'first' | 'final';

/** An act as planned: everything a decision records but the hashes, which need the files. */
export interface PlannedAct extends Omit<Act, 'subject'> {
  version: Version;
}

const MINUTE = 60_000;

/** ISO time in Beijing time, to the second, as officers' acts are recorded. */
export function beijingIso(t: number): string {
  return `${new Date(t + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * One subject's chain as planned: who did what when, each act later than the last. The
 * random choices are all made here; `writeChain` turns the plan into decision files.
 */
export class Chain {
  readonly acts: PlannedAct[] = [];
  private cursor = 0;
  private readonly issue: number;
  private readonly plan: RoundPlan;
  private readonly now: Date;
  private readonly rng: Random;
  private readonly numbers: Numbers;

  constructor(plan: RoundPlan, now: Date, rng: Random, numbers: Numbers) {
    this.plan = plan;
    this.now = now;
    this.rng = rng;
    this.numbers = numbers;
    this.issue = numbers.nextIssue();
  }

  /** A moment in `phases` (first to last, cut at now), after the previous act. */
  private when(from: PhaseId, to: PhaseId = from): number {
    const start = Math.max(window(this.plan, from, this.now)[0], this.cursor + MINUTE);
    const end = Math.max(window(this.plan, to, this.now)[1], start);
    // Acts cluster early in their window, as work does after a phase opens.
    const t = Math.floor(start + (end - start) * this.rng.next() ** 2);
    this.cursor = Math.min(t, this.now.getTime() - MINUTE);
    return Math.max(this.cursor, start);
  }

  act(
    action: Act['action'],
    actor: Act['actor'],
    version: Version,
    phases: [PhaseId, PhaseId?],
    extra: Pick<Act, 'reason' | 'scores'> = {},
  ): void {
    const at = this.when(phases[0], phases[1]);
    const byBot = actor.role === 'system';
    const comment = byBot ? undefined : this.numbers.nextComment();
    const url = `${this.numbers.repoUrl}/issues/${this.issue}${comment ? `#issuecomment-${comment}` : ''}`;
    // A resubmission is the same issue edited: the intake numbers it <issue>.<seq>, so no event is recorded twice.
    const botId = this.acts.length === 0 ? String(this.issue) : `${this.issue}.${this.acts.length + 1}`;
    const source: Act['source'] = byBot
      ? { kind: 'issues', id: botId, url }
      : { kind: 'issue_comment', id: String(comment), url };
    this.acts.push({ action, actor, at: beijingIso(at), ...extra, source, version });
  }
}

/**
 * Append a planned chain through the ledger's nextDecision: legal transitions only, `prev`
 * the hash of the previous decision file, `revision` the hash of the file version judged.
 */
export function writeChain(
  subject: string,
  acts: readonly PlannedAct[],
  versions: Record<Version, Uint8Array | undefined>,
  write: (path: string, bytes: Uint8Array) => void,
): void {
  const chain: Decision[] = [];
  let last: Uint8Array | undefined;
  for (const { version, ...act } of acts) {
    const subjectBytes = versions[version];
    if (!subjectBytes) throw new Error(`${subject}: no ${version} version to judge`);
    const result = nextDecision({ subject, ...act }, { chain, ...(last ? { lastFileBytes: last } : {}), subjectBytes });
    if (!result.ok)
      throw new Error(`${subject}: ${act.action} refused: ${result.issues.map((i) => i.messageEn).join('; ')}`);
    chain.push(result.record);
    last = Buffer.from(result.text);
    write(result.path.replace(/^content\//, ''), last);
  }
}

const reason = (rng: Random, pool: readonly string[]) => ({ reason: rng.pick(pool) });

/**
 * Play a demand's fate. The file written may differ from the version judged by what the
 * pipeline adds after the last act (the catalogue number).
 */
export function playDemand(chain: Chain, fate: DemandFate, rng: Random, actors: Actors, stage: Stage): void {
  if (fate === 'draft') return;
  const bureau = rng.pick(actors.bureau);
  const cycle = fate === 'returned' || fate === 'resubmitted' || (fate !== 'submitted' && rng.chance(0.1));
  const early = stage === 'call' ? (['call'] as [PhaseId]) : (['call', 'precheck'] as [PhaseId, PhaseId]);
  chain.act('submit', actors.system, cycle ? 'first' : 'final', ['call']);
  if (fate === 'withdrawn') {
    chain.act('withdraw', actors.submitter, 'final', ['call']);
    return;
  }
  if (cycle) {
    chain.act('return', bureau, 'first', early, reason(rng, RETURN_REASONS));
    if (fate === 'returned') return;
    chain.act('submit', actors.system, 'final', early);
  }
  if (fate === 'submitted' || fate === 'resubmitted') return;
  if (fate === 'rejected') {
    if (rng.chance(0.5)) chain.act('approve', bureau, 'final', ['precheck']);
    chain.act('reject', bureau, 'final', ['precheck'], reason(rng, REJECT_REASONS));
    return;
  }
  chain.act('approve', bureau, 'final', ['precheck']);
  if (fate === 'prechecked') return;
  chain.act('recommend', bureau, 'final', ['precheck']);
  if (fate === 'recommended') return;
  const miit = rng.pick(actors.miit);
  if (fate === 'not_catalogued') chain.act('decline', miit, 'final', ['catalogue']);
  else chain.act('catalogue', miit, 'final', ['catalogue']);
}

/** Play an application's fate at the bureau. */
export function playBureau(chain: Chain, fate: BureauFate, rng: Random, actors: Actors): void {
  if (fate === 'draft') return;
  const bureau = rng.pick(actors.bureau);
  const cycle = fate === 'returned' || fate === 'resubmitted' || (fate !== 'submitted' && rng.chance(0.08));
  chain.act('submit', actors.system, cycle ? 'first' : 'final', ['apply']);
  if (fate === 'withdrawn') {
    chain.act('withdraw', actors.submitter, 'final', ['apply']);
    return;
  }
  if (cycle) {
    chain.act('return', bureau, 'first', ['apply', 'review'], reason(rng, RETURN_REASONS));
    if (fate === 'returned') return;
    chain.act('submit', actors.system, 'final', ['apply', 'review']);
  }
  if (fate === 'submitted' || fate === 'resubmitted') return;
  if (fate === 'bureau_rejected') {
    if (rng.chance(0.3)) chain.act('pass', bureau, 'final', ['review']);
    chain.act('reject', bureau, 'final', ['review'], reason(rng, REJECT_REASONS));
    return;
  }
  chain.act('pass', bureau, 'final', ['review']);
  if (fate === 'bureau_passed') return;
  chain.act('recommend', bureau, 'final', ['review']);
  if (fate === 'recommended') return;
  chain.act('forward', bureau, 'final', ['review']);
}

const score = (rng: Random) => rng.int(60, 98);

/** Play a forwarded application's selection and what followed it. */
export function playWork(chain: Chain, fate: WorkFate, rng: Random, issuer: Act['actor']): void {
  chain.act('select', issuer, 'final', ['selection'], {
    scores: { team: score(rng), rd: score(rng), plan: score(rng), match: score(rng) },
  });
  if (fate === 'selected') return;
  if (fate === 'dropped_out') {
    chain.act('drop_out', issuer, 'final', ['selection', 'implementation'], reason(rng, FAIL_REASONS));
    return;
  }
  chain.act('contract', issuer, 'final', ['implementation']);
  if (fate === 'contracted') return;
  chain.act('start', issuer, 'final', ['implementation']);
  if (fate === 'in_progress') return;
  if (fate === 'terminated') {
    chain.act('terminate', issuer, 'final', ['implementation'], reason(rng, FAIL_REASONS));
    return;
  }
  if (fate === 'acceptance_failed') {
    chain.act('fail_acceptance', issuer, 'final', ['acceptance'], reason(rng, FAIL_REASONS));
    return;
  }
  chain.act('accept', issuer, 'final', ['acceptance']);
  if (fate === 'supplier_listed') chain.act('supplier', issuer, 'final', ['acceptance']);
  else if (fate === 'cooperation_deepened') chain.act('deepen', issuer, 'final', ['acceptance']);
}

export const roleActor = (login: string, role: Role): Act['actor'] => ({ login, role });

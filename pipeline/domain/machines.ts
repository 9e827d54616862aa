/**
 * The review state machines of the programme (the design's domain notes on the three forms), as data. Recorded transitions
 * are officers' acts (and the intake's `submit`), each appended to the ledger; derived
 * transitions follow from the round's calendar and the demand's applications and are
 * computed, never written (review/status.ts). docs/state-machines.md is generated from this file.
 *
 * `submit` from `submitted` is a re-submission: the submitter edited a submission nobody
 * has judged yet, the intake validated the new text, and the ledger records the revision
 * officers will now judge (an act on an older revision is refused, see review/decide.ts).
 */
import decisionSchema from '../../schemas/decision.schema.json' with { type: 'json' };
import type { KindDecision } from '../generated/types.ts';
import { subjectKindOf, type SubjectKind } from './ids.ts';

export type Action = KindDecision['action'];
export type State = KindDecision['to'];
export type Role = KindDecision['actor']['role'];
export type { SubjectKind };

export interface Transition {
  action: Action;
  from: readonly State[];
  to: State;
  /** Roles entitled to the act; `issuer` only for the demands a representative is listed for. */
  roles: readonly Role[];
}

export const DEMAND_STATES = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'prechecked',
  'recommended',
  'not_catalogued',
  'catalogued',
  'published',
  'closed',
  'matched',
  'in_progress',
  'accepted',
  'archived',
  'withdrawn',
  'expired',
  'unmatched',
] as const satisfies readonly State[];

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'returned',
  'bureau_rejected',
  'bureau_passed',
  'recommended',
  'forwarded',
  'selected',
  'not_selected',
  'contracted',
  'in_progress',
  'accepted',
  'acceptance_failed',
  'supplier_listed',
  'cooperation_deepened',
  'withdrawn',
  'expired',
  'dropped_out',
  'terminated',
] as const satisfies readonly State[];

/** A round is open (no act yet: `draft` in the ledger's terms) until it is closed. */
export const ROUND_STATES = ['draft', 'round_closed'] as const satisfies readonly State[];

const BUREAU: readonly Role[] = ['bureau', 'admin'];
const ISSUER: readonly Role[] = ['issuer'];

/**
 * Acts that reach the bureau on paper: whose act may be recorded by whom, on their behalf.
 * MIIT's 目录 decision, the issuer's 遴选 letter, a contract, an acceptance report and a
 * submitter's letter of withdrawal all arrive as documents at the city bureau (the relay of
 * the notice), so the bureau's officers (and the administrator) record them, naming the
 * actor in `onBehalfOf` and the document in `evidence` (required). Nobody records an act
 * of the bureau's own on someone's behalf.
 */
export const ON_BEHALF: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  miit: BUREAU,
  issuer: BUREAU,
  submitter: BUREAU,
};

/**
 * Binding decisions, by the act a submitter can no longer withdraw after: a demand once the
 * bureau has recommended it up to MIIT, an application once the bureau has recommended it.
 * Before that, `withdraw` (撤回) is the submitter's, by a comment on its own issue.
 */
const WITHDRAWABLE_DEMAND: readonly State[] = ['submitted', 'returned', 'prechecked'];
const WITHDRAWABLE_APPLICATION: readonly State[] = ['submitted', 'returned', 'bureau_passed'];
export const RECORDED: Record<SubjectKind, readonly Transition[]> = {
  demand: [
    { action: 'submit', from: ['draft', 'returned', 'submitted'], to: 'submitted', roles: ['system'] },
    { action: 'approve', from: ['submitted'], to: 'prechecked', roles: BUREAU },
    { action: 'return', from: ['submitted'], to: 'returned', roles: BUREAU },
    { action: 'reject', from: ['submitted', 'prechecked'], to: 'rejected', roles: BUREAU },
    { action: 'recommend', from: ['prechecked'], to: 'recommended', roles: BUREAU },
    { action: 'catalogue', from: ['recommended'], to: 'catalogued', roles: ['miit', 'admin'] },
    { action: 'decline', from: ['recommended'], to: 'not_catalogued', roles: ['miit', 'admin'] },
    { action: 'withdraw', from: WITHDRAWABLE_DEMAND, to: 'withdrawn', roles: ['submitter'] },
  ],
  application: [
    { action: 'submit', from: ['draft', 'returned', 'submitted'], to: 'submitted', roles: ['system'] },
    { action: 'pass', from: ['submitted'], to: 'bureau_passed', roles: BUREAU },
    { action: 'return', from: ['submitted'], to: 'returned', roles: BUREAU },
    { action: 'reject', from: ['submitted', 'bureau_passed'], to: 'bureau_rejected', roles: BUREAU },
    { action: 'recommend', from: ['bureau_passed'], to: 'recommended', roles: BUREAU },
    { action: 'forward', from: ['recommended'], to: 'forwarded', roles: BUREAU },
    { action: 'select', from: ['forwarded'], to: 'selected', roles: ISSUER },
    { action: 'contract', from: ['selected'], to: 'contracted', roles: ISSUER },
    { action: 'start', from: ['contracted'], to: 'in_progress', roles: ISSUER },
    { action: 'accept', from: ['in_progress'], to: 'accepted', roles: ISSUER },
    { action: 'fail_acceptance', from: ['in_progress'], to: 'acceptance_failed', roles: ISSUER },
    { action: 'supplier', from: ['accepted'], to: 'supplier_listed', roles: ISSUER },
    { action: 'deepen', from: ['accepted'], to: 'cooperation_deepened', roles: ISSUER },
    // 对接记录: a meeting between the two sides is recorded without changing the state.
    ...(['forwarded', 'selected', 'contracted', 'in_progress'] as const).map((s) => ({
      action: 'engage' as const,
      from: [s],
      to: s,
      roles: [...ISSUER, ...BUREAU],
    })),
    { action: 'withdraw', from: WITHDRAWABLE_APPLICATION, to: 'withdrawn', roles: ['submitter'] },
    // A selected SME that drops out before the work starts; its place may be filled by `replace`.
    { action: 'drop_out', from: ['selected', 'contracted'], to: 'dropped_out', roles: ISSUER },
    // Fills a drop-out's place from the demand's other forwarded applications (never a fourth).
    { action: 'replace', from: ['forwarded', 'not_selected'], to: 'selected', roles: ISSUER },
    { action: 'terminate', from: ['contracted', 'in_progress'], to: 'terminated', roles: ISSUER },
  ],
  round: [{ action: 'close_round', from: ['draft'], to: 'round_closed', roles: BUREAU }],
};

/** Derived transitions, as people read them (the code is in review/status.ts). */
export const DERIVED: Record<SubjectKind, ReadonlyArray<{ from: State; to: State; when: string; whenEn: string }>> = {
  demand: [
    {
      from: 'catalogued',
      to: 'published',
      when: '公开需求，批次的揭榜申请期开始',
      whenEn: 'a public demand, when the round’s application phase opens',
    },
    { from: 'published', to: 'closed', when: '揭榜申请期结束', whenEn: 'when the application phase ends' },
    {
      from: 'closed',
      to: 'matched',
      when: '已遴选至少 1 家，且遴选期结束或已满 3 家',
      whenEn: 'at least one applicant selected, and the selection phase is over or three are selected',
    },
    {
      from: 'matched',
      to: 'in_progress',
      when: '至少 1 家揭榜企业签约',
      whenEn: 'at least one selected applicant has contracted',
    },
    {
      from: 'in_progress',
      to: 'accepted',
      when: '所有签约企业均已验收，至少 1 家通过',
      whenEn: 'every contracted applicant has been through acceptance, at least one passed',
    },
    {
      from: 'accepted',
      to: 'archived',
      when: '所有签约企业均已有最终结果（进入供应商目录、深化合作、验收未通过或合作终止）',
      whenEn:
        'every contracted applicant has a final outcome (supplier, deeper cooperation, failed acceptance or ended cooperation)',
    },
    {
      from: 'closed',
      to: 'unmatched',
      when: '流榜：遴选期结束，没有一家在选（入选后退出的不算）',
      whenEn: 'no SME selected (drop-outs do not count) when the selection phase ends',
    },
    {
      from: 'returned',
      to: 'expired',
      when: '退回后未重新提交，初核与推荐期结束',
      whenEn: 'returned and not resubmitted by the end of the pre-check phase',
    },
  ],
  application: [
    {
      from: 'forwarded',
      to: 'not_selected',
      when: '遴选期结束或该需求已选满 3 家，本申请未入选',
      whenEn: 'the selection phase is over, or three others were selected, without this application',
    },
    {
      from: 'returned',
      to: 'expired',
      when: '退回后未重新提交，初审与推荐期结束',
      whenEn: 'returned and not resubmitted by the end of the bureau’s review phase',
    },
  ],
  round: [],
};

const LABELS = decisionSchema.properties.to['x-enum-labels'] as Record<State, string>;
const LABELS_EN = decisionSchema.properties.to['x-enum-labels-en'] as Record<State, string>;
const ACTION_LABELS = decisionSchema.properties.action['x-enum-labels'] as Record<Action, string>;
const ACTION_LABELS_EN = decisionSchema.properties.action['x-enum-labels-en'] as Record<Action, string>;

export function stateLabel(state: State, lang: 'zh' | 'en' = 'zh'): string {
  return (lang === 'zh' ? LABELS : LABELS_EN)[state] ?? state;
}

export function actionLabel(action: Action, lang: 'zh' | 'en' = 'zh'): string {
  return (lang === 'zh' ? ACTION_LABELS : ACTION_LABELS_EN)[action] ?? action;
}

export { subjectKindOf };

/** The recorded transition an act would take from `from`, or undefined if illegal. */
export function transitionFor(kind: SubjectKind, action: Action, from: State): Transition | undefined {
  return RECORDED[kind].find((t) => t.action === action && t.from.includes(from));
}

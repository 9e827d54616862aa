/**
 * The labels intake manages on issues: the form an issue came from (发榜, 揭榜, 对接表)
 * and what the submitter or the bureau has to do next (待修改, 待初核, 待初审, 已登记).
 * One set, so setting them never touches labels officers add by hand, nor the review's
 * own `状态:` labels (pipeline/handlers/commands.ts), which take over once officers act.
 */
import type { State, SubjectKind } from '../domain/machines.ts';
import { FORM_KINDS, formFor, type FormKind } from '../forms/form.ts';

export const NEEDS_CHANGES = '待修改';
export const AWAITING_PRECHECK = '待初核';
export const AWAITING_REVIEW = '待初审';
export const REGISTERED = '已登记';

/** What the intake says about a subject in a state (nothing once officers have acted on it). */
export function intakeLabel(kind: SubjectKind, state: State): string | undefined {
  if (state === 'draft' || state === 'returned') return NEEDS_CHANGES;
  if (state === 'submitted') return kind === 'demand' ? AWAITING_PRECHECK : AWAITING_REVIEW;
  return undefined;
}

/** The form's own label (the template adds it too; intake adds it to hand-made issues). */
export function formLabel(kind: FormKind): string {
  return formFor(kind).labels[0]!;
}

export const MANAGED_LABELS: readonly string[] = [
  ...FORM_KINDS.map(formLabel),
  NEEDS_CHANGES,
  AWAITING_PRECHECK,
  AWAITING_REVIEW,
  REGISTERED,
];

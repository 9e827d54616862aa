/**
 * The decision ledger: one YAML file per act under content/decisions/<subject>/<seq>.yml,
 * never edited or deleted. Each record names the sha256 of the submission file it judged
 * and of the subject's previous decision file, so the chain shows any tampering.
 * This module builds the next record of a chain; writing it (to a git work tree or through
 * the forge) is the caller's.
 */
import { createHash } from 'node:crypto';
import type { Decision } from '../generated/types.ts';
import { formatYaml } from '../content/format.ts';
import { validateRecord } from '../validate/index.ts';
import type { Issue } from '../domain/issue.ts';
import { subjectKindOf, transitionFor, stateLabel, actionLabel, type Action, type Role } from '../domain/machines.ts';
import { recordedStatus } from './status.ts';

import { DECISIONS_DIR, decisionPath } from '../domain/layout.ts';
export { DECISIONS_DIR, decisionPath };

// Content bytes are never changed once read, and one file's digest is asked for at every
// act on it (the judged revision, the chain's links): the audit re-judges a submission of
// tens of KB a dozen times. Digests are remembered per bytes object.
const digests = new WeakMap<Uint8Array, string>();

export function sha256(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return createHash('sha256').update(bytes).digest('hex');
  let d = digests.get(bytes);
  if (d === undefined) digests.set(bytes, (d = createHash('sha256').update(bytes).digest('hex')));
  return d;
}

export interface Act {
  subject: string;
  action: Action;
  actor: { login: string; role: Role };
  /** The party whose act an officer records from a document, and that document. */
  onBehalfOf?: Decision['onBehalfOf'];
  evidence?: Decision['evidence'];
  /** ISO time with offset. */
  at: string;
  reason?: string;
  scores?: Decision['scores'];
  /** The applicant's size, recorded by the bureau's check (初审通过). */
  size?: Decision['size'];
  contract?: Decision['contract'];
  catalogueNo?: string;
  engagement?: Decision['engagement'];
  source: Decision['source'];
}

export interface ChainState {
  /** The subject's decisions so far, in order. */
  chain: readonly Decision[];
  /** Bytes of the subject's last decision file (for `prev`), if any. */
  lastFileBytes?: Uint8Array;
  /** Bytes of the submission file being judged (for `revision`). */
  subjectBytes: Uint8Array;
}

export type NextDecision = { ok: true; record: Decision; path: string; text: string } | { ok: false; issues: Issue[] };

const refuse = (
  keyword: string,
  message: string,
  messageEn: string,
  params: Record<string, unknown> = {},
): NextDecision => ({
  ok: false,
  issues: [{ path: '', keyword, params, message, messageEn }],
});

/**
 * The record an act appends, or why it cannot: the act must be a legal transition from
 * the subject's recorded state, and the record must pass the decision schema.
 */
export function nextDecision(act: Act, state: ChainState): NextDecision {
  const kind = subjectKindOf(act.subject);
  const from = recordedStatus(state.chain).state;
  const t = transitionFor(kind, act.action, from);
  if (!t) {
    return refuse(
      'transition',
      `当前状态为“${stateLabel(from)}”，不能执行“${actionLabel(act.action)}”。`,
      `The subject is “${stateLabel(from, 'en')}”; “${actionLabel(act.action, 'en')}” is not possible now.`,
      { from, action: act.action },
    );
  }
  if (state.chain.length > 0 && !state.lastFileBytes)
    throw new Error('the previous decision file is needed to chain the next');
  const seq = state.chain.length + 1;
  const record: Decision = {
    subject: act.subject,
    seq,
    action: act.action,
    from,
    to: t.to,
    actor: act.actor,
    ...(act.onBehalfOf ? { onBehalfOf: act.onBehalfOf } : {}),
    ...(act.evidence ? { evidence: act.evidence } : {}),
    at: act.at,
    ...(act.reason ? { reason: act.reason } : {}),
    ...(act.scores ? { scores: act.scores } : {}),
    ...(act.size ? { size: act.size } : {}),
    ...(act.contract ? { contract: act.contract } : {}),
    ...(act.catalogueNo ? { catalogueNo: act.catalogueNo } : {}),
    ...(act.engagement ? { engagement: act.engagement } : {}),
    revision: sha256(state.subjectBytes),
    prev: state.lastFileBytes ? sha256(state.lastFileBytes) : null,
    source: act.source,
  };
  const issues = validateRecord('decision', record);
  if (issues.length) return { ok: false, issues };
  // The text only when asked for: the audit re-judges every act and compares records, not texts.
  let text: string | undefined;
  return {
    ok: true,
    record,
    path: decisionPath(act.subject, seq),
    get text() {
      return (text ??= formatYaml('decision', record));
    },
  };
}

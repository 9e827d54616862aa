/**
 * Judging one act against a snapshot: the one function every channel goes through (a
 * comment, a merged pull request, `jiebang decide`, the replay of sample acts). In order:
 * the subject exists and its chain is intact; the same event was not applied already;
 * the actor is entitled (registry, role, issuer's demands, validity dates at the time of
 * the act); the act is not older than the subject's last decision; it is a legal
 * transition from the subject's derived state; the cross-subject invariants hold; the
 * reason or scores it needs are there; and the submission, re-validated now, is valid and
 * (once an officer has judged it) is the revision the ledger last recorded. Only then is
 * the next decision built.
 */
import { crossRecordIssues, publicAnswerIssues } from '../content/cross-record.ts';
import type { Decision } from '../generated/types.ts';
import { authorize } from './authorize.ts';
import { checkChain } from './chain.ts';
import { checkInvariants } from './invariants.ts';
import { nextDecision, sha256 } from './ledger.ts';
import {
  RECORDED,
  actionLabel,
  stateLabel,
  subjectKindOf,
  transitionFor,
  type Action,
  type Role,
  type State,
} from '../domain/machines.ts';
import { issuerSizeWarning, type IssuerFigures } from '../rules/issuer-size.ts';
import { sizeRecord } from './size-record.ts';
import type { Snapshot } from './snapshot.ts';
import { computeStatuses, recordedStatus } from './status.ts';
import { commandFor, usageOf, type Lang, type Scores } from './grammar.ts';
import { checkEvidence, type Evidence } from './evidence.ts';
import type { Party } from './authorize.ts';
import { demandOf } from './authorize.ts';

export interface ActRequest {
  subject: string;
  action: Action;
  /** The forge login acting; ignored for the pipeline's own `submit`. */
  login: string;
  /** When the act was given (the comment's time, the merge's, the CLI's clock). */
  at: Date;
  reason?: string;
  scores?: Scores;
  /** Given with `contract`: the amount and signing date. */
  contract?: Decision['contract'];
  /** Given with `catalogue`: MIIT's number for the demand. */
  catalogueNo?: string;
  /** Given with `engage`: the meeting's date, form and outcome. */
  engagement?: Decision['engagement'];
  source: Decision['source'];
  /** The intake pipeline itself acting (role `system`): no registry entry needed. */
  system?: boolean;
  /**
   * The submitter itself acting (role `submitter`, only to withdraw): the channel has
   * checked that `login` opened the subject's own issue; no registry entry needed.
   */
  submitter?: boolean;
  /** Whose act an officer records from a document (evidence.ts). */
  onBehalfOf?: Party;
  evidence?: Partial<Evidence>;
  /** The bytes of `evidence.file` as the channel read them at the same commit (undefined: absent). */
  evidenceFile?: Uint8Array;
}

export interface Note {
  zh: string;
  en: string;
  public?: boolean;
}

export type Judgement =
  /**
   * `notes`: what the officer should know beyond the record (an issuer whose figures say SME);
   * only those marked `public` may be said on the forge.
   */
  | { ok: true; decision: Decision; path: string; text: string; notes?: Array<Note> }
  /** This very event was applied before: nothing to do (idempotence). */
  | { ok: 'replay'; decision: Decision; path: string }
  | { ok: false; code: string; zh: string; en: string; state?: State };

/** Acts that may judge a submission that is invalid or changed: they send it back or end it. */
const NEGATIVE: ReadonlySet<Action> = new Set([
  'return',
  'reject',
  'decline',
  'fail_acceptance',
  'withdraw',
  'drop_out',
  'terminate',
  'close_round',
]);
const MAX_REASON = 2000;

/** ISO 8601 in Beijing time, to the second: 2026-05-01T09:30:00+08:00. */
export function toShanghaiIso(at: Date): string {
  return `${new Date(Math.floor(at.getTime() / 1000) * 1000 + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

const KIND_LABEL = {
  demand: { zh: '需求', en: 'demand' },
  application: { zh: '申请', en: 'application' },
  round: { zh: '批次', en: 'round' },
} as const;
const kindLabel = (subject: string, lang: Lang) => KIND_LABEL[subjectKindOf(subject)][lang];

/** The commands possible from `state`, for telling an officer what they can do instead. */
export function possibleCommands(subject: string, state: State, lang: Lang): string[] {
  return RECORDED[subjectKindOf(subject)]
    .filter((t) => t.from.includes(state) && t.action !== 'submit')
    .map((t) => commandFor(t.action))
    .filter((c) => !!c)
    .map((c) => `/${lang === 'zh' ? c!.zh[0] : c!.en[0]}`);
}

export interface JudgeOptions {
  /**
   * Re-validate the submission and compare it with the revision on record (default true).
   * The audit turns this off: it re-judges past acts, whose submissions and their
   * neighbours may have changed since for good reasons; it checks revisions from history.
   */
  revalidate?: boolean;
}

export function judge(req: ActRequest, snap: Snapshot, options: JudgeOptions = {}): Judgement {
  const { subject, action } = req;
  const kind = subjectKindOf(subject);
  const refuse = (code: string, zh: string, en: string, state?: State): Judgement => ({
    ok: false,
    code,
    zh,
    en,
    ...(state ? { state } : {}),
  });

  if (!snap.subject) {
    return refuse(
      'no-subject',
      `${kindLabel(subject, 'zh')} ${subject} 还不在目录分支上：如其合并请求尚未合并，合并即视为${kind === 'demand' ? '“初核通过”' : '“初审通过”'}；否则请核对编号。`,
      `${kindLabel(subject, 'en')} ${subject} is not on the catalogue branch yet: if its pull request is still open, merging it counts as ${kind === 'demand' ? '“Approve (pre-check)”' : '“Pass the bureau’s check”'}; otherwise check the id.`,
    );
  }
  const chainFiles = snap.chainFiles.get(subject) ?? [];
  const broken = checkChain(subject, chainFiles);
  if (broken)
    return refuse(
      'broken-chain',
      `台账 ${broken.file} 校验失败，暂停办理，请管理员运行 jiebang audit：${broken.zh}`,
      `The ledger failed its check at ${broken.file}; acts are on hold until an administrator runs jiebang audit: ${broken.en}`,
    );
  const chain = chainFiles.map((f) => f.data as unknown as Decision);

  const done = chain.find((d) => d.source.kind === req.source.kind && d.source.id === req.source.id);
  if (done) return { ok: 'replay', decision: done, path: chainFiles[done.seq - 1]!.file };

  if (!RECORDED[kind].some((t) => t.action === action)) {
    const other = kind === 'demand' ? 'application' : 'demand';
    return refuse(
      'not-for-kind',
      `“${actionLabel(action)}”只适用于${other === 'demand' ? '需求' : '申请'}，${subject} 是${kindLabel(subject, 'zh')}。`,
      `“${actionLabel(action, 'en')}” applies to ${other}s only; ${subject} is ${kindLabel(subject, 'en') === 'demand' ? 'a demand' : 'an application'}.`,
    );
  }
  let role: Role;
  let login = req.login;
  if (req.system) {
    if (action !== 'submit') throw new Error('the pipeline itself only submits');
    role = 'system';
  } else if (req.submitter) {
    if (!RECORDED[kind].some((t) => t.action === action && t.roles.includes('submitter'))) {
      return refuse(
        'wrong-role',
        `申报单位只能撤回自己的提交，“${actionLabel(action)}”须由主管部门或相关方办理。`,
        `A submitter may only withdraw its own submission; “${actionLabel(action, 'en')}” is for the bureau or the parties.`,
      );
    }
    role = 'submitter';
  } else {
    if (action === 'submit')
      return refuse(
        'wrong-role',
        '提交受理由受理流水线完成，不能手工执行。',
        'Submission is recorded by the intake pipeline, not by hand.',
      );
    const auth = authorize(snap.catalog.officers, req.login, kind, action, subject, req.at, req.onBehalfOf);
    if (!auth.ok) return refuse(auth.code, auth.zh, auth.en);
    role = auth.role;
    login = auth.officer.login; // as the registry spells it
  }

  const proof = checkEvidence(
    subject,
    {
      ...(req.onBehalfOf ? { onBehalfOf: req.onBehalfOf } : {}),
      ...(req.evidence ? { evidence: { ...req.evidence } } : {}),
    },
    req.at,
    req.evidenceFile,
  );
  if (!proof.ok) return refuse(proof.code, proof.zh, proof.en);

  const last = chain.at(-1);
  const at = toShanghaiIso(req.at);
  const statuses = computeStatuses(snap.catalog, req.at);
  const current = (kind === 'demand' ? statuses.demands : statuses.applications).get(subject) ?? recordedStatus(chain);
  if (last && Date.parse(at) < Date.parse(last.at)) {
    return refuse(
      'stale',
      `命令发出（${at}）之后，该${kindLabel(subject, 'zh')}已有新的决定（${last.at}）；当前状态：${stateLabel(current.state)}。如仍需办理，请重新发出命令。`,
      `After this command was given (${at}) the ${kindLabel(subject, 'en')} had a newer decision (${last.at}); it is now “${stateLabel(current.state, 'en')}”. Give the command again if it still applies.`,
      current.state,
    );
  }
  // A closed round takes no more acts on its items, except documented ones (a late
  // acceptance report, a contract letter): those carry their evidence.
  if (kind !== 'round') {
    const roundId = snap.catalog.demands.get(demandOf(subject))?.round;
    const closing = roundId
      ? (snap.catalog.decisions.get(roundId) ?? []).find(
          (d) => d.action === 'close_round' && Date.parse(d.at) <= req.at.getTime(),
        )
      : undefined;
    if (closing && !proof.evidence && action !== 'submit') {
      return refuse(
        'round-closed',
        `批次 ${roundId} 已于 ${closing.at} 办结，此后只能据文件登记：请附 文号=… 日期=… sha256=…。`,
        `Round ${roundId} was closed at ${closing.at}; from then on only documented acts are recorded: give doc=… date=… sha256=….`,
        current.state,
      );
    }
  }
  // Invariants first: “the demand's selection is over” says more than “not possible now”.
  const inv = checkInvariants(action, subject, chain, snap.catalog, statuses);
  if (!inv.ok) return refuse(inv.code, inv.zh, inv.en, current.state);
  if (!transitionFor(kind, action, current.state)) {
    const zhNext = possibleCommands(subject, current.state, 'zh');
    const enNext = possibleCommands(subject, current.state, 'en');
    return refuse(
      'transition',
      `${kindLabel(subject, 'zh')} ${subject} 当前状态为“${stateLabel(current.state)}”，不能“${actionLabel(action)}”。${zhNext.length ? `现在可用的命令：${zhNext.join('、')}。` : '现在没有可用的命令。'}`,
      `${kindLabel(subject, 'en')} ${subject} is “${stateLabel(current.state, 'en')}”; “${actionLabel(action, 'en')}” is not possible now.${enNext.length ? ` Possible now: ${enNext.join(', ')}.` : ''}`,
      current.state,
    );
  }

  const spec = commandFor(action);
  const reason = req.reason?.trim() || undefined;
  if (spec?.reason === 'required' && (!reason || [...reason].length < 2)) {
    return refuse(
      'reason',
      `“${actionLabel(action)}”须写明理由：${usageOf(spec, 'zh')}。`,
      `“${actionLabel(action, 'en')}” needs a reason: ${usageOf(spec, 'en')}.`,
      current.state,
    );
  }
  if (reason && [...reason].length > MAX_REASON)
    return refuse(
      'reason',
      `理由不能超过 ${MAX_REASON} 字。`,
      `The reason may be at most ${MAX_REASON} characters.`,
      current.state,
    );
  if (action === 'engage' && !req.engagement)
    return refuse(
      'engagement',
      `“${actionLabel(action)}”须写明对接日期、方式和结果：${usageOf(spec!, 'zh')}。`,
      `A meeting needs its date, form and outcome: ${usageOf(spec!, 'en')}.`,
      current.state,
    );
  if ((action === 'select' || action === 'replace') && !req.scores)
    return refuse(
      'scores',
      `遴选须给出四项评分：${usageOf(spec!, 'zh')}。`,
      `Selection needs the four scores: ${usageOf(spec!, 'en')}.`,
      current.state,
    );

  const revision = sha256(snap.subject.bytes);
  if (!NEGATIVE.has(action) && options.revalidate !== false) {
    const issues = [
      ...snap.subject.issues,
      ...crossRecordIssues(snap.records, snap.catalog).filter((i) => i.file === snap.subject!.file),
    ];
    if (issues.length) {
      // The reply is public: a rule resting on another record's restricted fields is named only as that.
      const shown = publicAnswerIssues(issues);
      const hidden = issues.length - shown.length;
      const restricted = (lang: Lang) =>
        hidden
          ? [
              lang === 'zh'
                ? `另有 ${hidden} 处涉及不公开信息的问题（请用 jiebang validate --identity 查看）`
                : `${hidden} more involving restricted data (see jiebang validate --identity)`,
            ]
          : [];
      const list = (lang: Lang) =>
        [...shown.slice(0, 3).map((i) => (lang === 'zh' ? i.message : i.messageEn)), ...restricted(lang)].join(
          lang === 'zh' ? '；' : '; ',
        ) + (shown.length > 3 ? (lang === 'zh' ? ` 等 ${shown.length} 处` : ` and ${shown.length - 3} more`) : '');
      return refuse(
        'invalid',
        `${snap.subject.file} 现在未通过校验，不能“${actionLabel(action)}”：${list('zh')}。`,
        `${snap.subject.file} does not pass validation now, so it cannot be “${actionLabel(action, 'en')}”: ${list('en')}.`,
        current.state,
      );
    }
    // Until someone has judged it, a submission may still change (the submitter edits the
    // issue, the intake updates the entry): it was just re-validated, and its new revision
    // is what this act records. Once an officer has acted on a revision, any other is refused.
    if (last && action !== 'submit' && last.action !== 'submit' && last.revision !== revision) {
      return refuse(
        'revision',
        `${snap.subject.file} 在上一条决定之后被修改过（所记版本 ${last.revision.slice(0, 12)}…，当前版本 ${revision.slice(0, 12)}…），审核的必须是已受理的版本：请重新提交受理（或退回）后再办理。`,
        `${snap.subject.file} changed after the last decision (recorded revision ${last.revision.slice(0, 12)}…, now ${revision.slice(0, 12)}…); only the revision on record can be judged: have it re-submitted (or return it) first.`,
        current.state,
      );
    }
  }

  // The bureau's check records the applicant's size, the standard and the figures it used.
  const size =
    action === 'pass'
      ? sizeRecord((snap.subject.data as { applicant?: { uscc?: unknown } } | undefined)?.applicant?.uscc, snap.catalog)
      : undefined;
  const next = nextDecision(
    {
      subject,
      action,
      actor: { login, role },
      at,
      ...(req.onBehalfOf ? { onBehalfOf: req.onBehalfOf } : {}),
      ...(proof.evidence ? { evidence: proof.evidence } : {}),
      ...(reason ? { reason } : {}),
      ...(req.scores ? { scores: req.scores } : {}),
      ...(size ? { size } : {}),
      ...(action === 'contract' && req.contract ? { contract: req.contract } : {}),
      ...(action === 'catalogue' && req.catalogueNo ? { catalogueNo: req.catalogueNo } : {}),
      ...(action === 'engage' && req.engagement ? { engagement: req.engagement } : {}),
      source: req.source,
    },
    {
      chain,
      ...(chainFiles.length ? { lastFileBytes: chainFiles.at(-1)!.bytes } : {}),
      subjectBytes: snap.subject.bytes,
    },
  );
  if (!next.ok) {
    const first = next.issues[0]!;
    return refuse(
      first.keyword === 'transition' ? 'transition' : 'record',
      first.message,
      first.messageEn,
      current.state,
    );
  }
  // 初核: the notice invites large enterprises to issue; figures that say SME are the officer's to weigh.
  const warning =
    action === 'approve'
      ? issuerSizeWarning((snap.subject.data as { issuer?: IssuerFigures } | undefined)?.issuer)
      : undefined;
  return {
    ok: true,
    decision: next.record,
    path: next.path,
    get text() {
      return next.text;
    },
    ...(warning ? { notes: [{ zh: warning.zh, en: warning.en }] } : {}),
  };
}

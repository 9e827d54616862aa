/**
 * Officers' acts arriving as forge events: a comment with a command (`handleComment`, for
 * `issue_comment`) and a merged submission pull request (`handlePullRequestMerged`). Both
 * read the untrusted payload field by field, find the subject through the ledger, judge
 * and append through applyActs, and answer once per event (an upserted reply keyed by the
 * comment or pull request, so a replayed event edits the same answer instead of adding
 * one). Nothing here imports @actions/*: the action entry point builds the EventContext.
 */
import type { EventContext, Outcome } from '../events/types.ts';
import { ownKeys, parseActArgs } from '../review/act-args.ts';
import { applyActs } from '../review/apply.ts';
import type { ActRequest, Judgement } from '../review/decide.ts';
import { APPLICATION_ID, COMMANDS, parseComment, parseSelectArgs, type Lang } from '../review/grammar.ts';
import {
  stateLabel,
  subjectKindOf,
  DEMAND_STATES,
  APPLICATION_STATES,
  type Action,
  type State,
} from '../domain/machines.ts';
import { intakeLabel, AWAITING_PRECHECK, AWAITING_REVIEW, NEEDS_CHANGES } from '../intake/labels.ts';
import { MERGE_MARKER, NOTICES, recordedReply, refusalReply, REPLY_MARKER, withMarker } from '../review/replies.ts';
import { linkedSubject, type IssueRef } from '../review/subject.ts';
import { demandOf } from '../review/authorize.ts';
import { parseActExtras } from '../review/evidence.ts';
import { loadSnapshot, subjectPath } from '../review/snapshot.ts';
import { recordedStatus } from '../review/status.ts';
import type { Officers } from '../generated/types.ts';
import { changedFiles } from '../intake/pull-request.ts';
import { officerEntry } from '../intake/path-rules.ts';
import { ENTRY_ID_IN_TEXT } from '../domain/ids.ts';
import { obj, readCommentEvent, readMergedPullRequestEvent, safeInteger as num, str } from '../events/payload.ts';

/** Labels the review keeps on a subject's issue: its state. */
export const STATE_LABEL_PREFIX = '状态:';
/**
 * The labels an act sets: the subject's new state, and the intake's next-step label when
 * the state asks the submitter for something (退回 → 待修改); the intake's other next-step
 * labels (待初核, 待初审) come off once officers act.
 */
const STATE_LABELS = [
  ...[...new Set<State>([...DEMAND_STATES, ...APPLICATION_STATES])].map((s) => `${STATE_LABEL_PREFIX}${stateLabel(s)}`),
  NEEDS_CHANGES,
  AWAITING_PRECHECK,
  AWAITING_REVIEW,
];

const ignored = (): Outcome => ({ verdict: 'ignored', labels: [], written: [], errors: [] });

function isBot(user: Record<string, unknown> | undefined): boolean {
  return str(user?.type) === 'Bot' || /\[bot\]$/.test(str(user?.login) ?? '');
}

/** The time of an event: the forge's timestamp, never later than now. */
function eventTime(value: unknown, now: Date): Date {
  const t = Date.parse(str(value) ?? '');
  return Number.isNaN(t) || t > now.getTime() ? now : new Date(t);
}

/** Post (or edit in place) the answer; returns the body as posted. */
async function answer(ctx: EventContext, number: number, marker: string, text: string): Promise<string> {
  const body = withMarker(text, marker);
  await ctx.forge.upsertComment(number, marker, body);
  return body;
}

async function refuse(
  ctx: EventContext,
  number: number,
  marker: string,
  zh: string,
  en: string,
  lang: Lang,
  code: string,
): Promise<Outcome> {
  const body = await answer(ctx, number, marker, refusalReply(zh, en, lang));
  return {
    verdict: 'refused',
    comment: body,
    labels: [],
    written: [],
    errors: [{ path: '', keyword: code, message: zh }],
  };
}

/** Turn the judgements of applyActs into the answer and the outcome. */
async function conclude(
  ctx: EventContext,
  number: number,
  marker: string,
  judgements: Judgement[],
  written: string[],
  lang: Lang,
  labelSubject: boolean,
): Promise<Outcome> {
  const refusal = judgements.find((j): j is Extract<Judgement, { ok: false }> => j.ok === false);
  if (refusal) return refuse(ctx, number, marker, refusal.zh, refusal.en, lang, refusal.code);
  const last = judgements.at(-1)!;
  if (last.ok === false) throw new Error('unreachable');
  const text = await answer(
    ctx,
    number,
    marker,
    recordedReply(last.decision, last.path, lang, last.ok === true ? last.notes : [], true),
  );
  const next = intakeLabel(subjectKindOf(last.decision.subject), last.decision.to);
  const labels = labelSubject ? [`${STATE_LABEL_PREFIX}${stateLabel(last.decision.to)}`, ...(next ? [next] : [])] : [];
  if (labelSubject) await ctx.forge.setLabels(number, labels, STATE_LABELS);
  return { verdict: written.length ? 'valid' : 'ignored', comment: text, labels, written, errors: [] };
}

function issueRef(issue: Record<string, unknown>, number: number): IssueRef {
  const id = num(issue.id) ?? str(issue.node_id);
  const url = str(issue.html_url);
  const title = str(issue.title);
  return { number, ...(id !== undefined ? { id } : {}), ...(url ? { url } : {}), ...(title ? { title } : {}) };
}

/**
 * A pull request the intake opened for an issue stands for that issue: its author is a
 * bot and its body names the issue (`议题 #12`). Only then; the ledger still confirms it.
 */
function intakeIssuesOf(issue: Record<string, unknown>): number[] {
  if (!obj(issue.pull_request) || !isBot(obj(issue.user))) return [];
  return [...(str(issue.body) ?? '').matchAll(/(?:议题|issue)\s*#(\d{1,9})\b/gi)].map((m) => Number(m[1]));
}

/**
 * Commands on this issue written before the event's comment and never answered (their own
 * run was cancelled or lost): carried out first, oldest first, from the forge's own record
 * of each comment (author, body, time), so no event can make an officer's command vanish.
 * Idempotent by comment id: an answered command has its reply marker on the issue, and a
 * decision its source. A comment edited since it was written is answered as an edit is.
 */
async function catchUp(
  ctx: EventContext,
  issue: Record<string, unknown>,
  number: number,
  before: number,
): Promise<void> {
  const comments = await ctx.forge.listComments(number);
  const answered = new Set<number>();
  for (const c of comments)
    if (c.isBot)
      for (const m of c.body.matchAll(/<!-- jiebang:command:(\d+)(?:\.edited)? -->/g)) answered.add(Number(m[1]));
  for (const c of comments
    .filter((x) => !x.isBot && x.id < before && !answered.has(x.id) && x.createdAt)
    .sort((a, b) => a.id - b.id)) {
    if (parseComment(c.body).kind === 'none') continue;
    const edited = !!c.updatedAt && c.updatedAt !== c.createdAt;
    const comment = {
      id: c.id,
      body: c.body,
      user: { login: c.author, type: 'User' },
      created_at: c.createdAt,
      ...(c.url ? { html_url: c.url } : {}),
    };
    await handleComment(
      { ...ctx, payload: { ...ctx.payload, action: edited ? 'edited' : 'created', comment, issue } },
      { catchUp: false },
    );
  }
}

/** An `issue_comment` event: carry out the command in the comment (after any unanswered before it), or say why not. */
export async function handleComment(ctx: EventContext, options: { catchUp?: boolean } = {}): Promise<Outcome> {
  const event = readCommentEvent(ctx.payload);
  if (!event) return ignored();
  const { action, comment, issue, commentId, number, body, user, login } = event;
  if (action !== 'created' && action !== 'edited') return ignored();
  if (options.catchUp !== false && typeof commentId === 'number') await catchUp(ctx, issue, number, commentId);

  const parsed = parseComment(body);
  if (parsed.kind === 'none') return ignored();
  const lang = parsed.lang;
  const marker = REPLY_MARKER(commentId);
  if (isBot(user)) return refuse(ctx, number, marker, NOTICES.bot.zh, NOTICES.bot.en, lang, 'bot');
  // Its own marker: editing a comment whose command was carried out keeps that answer as it was.
  if (action === 'edited')
    return refuse(
      ctx,
      number,
      REPLY_MARKER(`${commentId}.edited`),
      NOTICES.edited.zh,
      NOTICES.edited.en,
      lang,
      'edited',
    );
  if (parsed.kind === 'hidden')
    return refuse(ctx, number, marker, NOTICES[parsed.where].zh, NOTICES[parsed.where].en, lang, parsed.where);
  if (parsed.kind === 'many') return refuse(ctx, number, marker, NOTICES.many.zh, NOTICES.many.en, lang, 'many');

  const head = await ctx.forge.head(ctx.branch);
  if (!head) throw new Error(`branch ${ctx.branch} does not exist`);
  const ref = issueRef(issue, number);
  const linked = await linkedSubject(ctx.forge, head, ref, intakeIssuesOf(issue));

  let subject = linked;
  const act: Omit<ActRequest, 'subject'> = {
    action: parsed.spec.action,
    login,
    at: eventTime(comment.created_at, ctx.now),
    source: {
      kind: 'issue_comment',
      id: String(commentId),
      ...(str(comment.html_url) ? { url: str(comment.html_url)! } : {}),
    },
  };
  const extras = parseActExtras(parsed.args, ownKeys(parsed.spec.action, parsed.args));
  if (!extras.ok) return refuse(ctx, number, marker, extras.zh, extras.en, lang, 'evidence');
  if (extras.extras.onBehalfOf) act.onBehalfOf = extras.extras.onBehalfOf;
  if (extras.extras.evidence) act.evidence = extras.extras.evidence;
  // 撤回 by the submitter: the author of the subject's own issue, on that issue.
  const author = str(obj(issue.user)?.login);
  if (
    parsed.spec.action === 'withdraw' &&
    !act.onBehalfOf &&
    linked &&
    author &&
    author.toLowerCase() === login.toLowerCase() &&
    !obj(issue.pull_request)
  )
    act.submitter = true;
  if (parsed.spec.action === 'select' || parsed.spec.action === 'replace') {
    const args = parseSelectArgs(extras.rest);
    if (!args.ok) return refuse(ctx, number, marker, args.zh, args.en, lang, 'scores');
    if (args.application) {
      if (linked && demandOf(linked) !== demandOf(args.application)) {
        return refuse(
          ctx,
          number,
          marker,
          `申请 ${args.application} 不属于本议题的需求 ${demandOf(linked)}。`,
          `Application ${args.application} is not for this issue's demand ${demandOf(linked)}.`,
          lang,
          'other-demand',
        );
      }
      subject = args.application;
    } else if (!linked || !APPLICATION_ID.test(linked)) {
      return refuse(ctx, number, marker, NOTICES['select-which'].zh, NOTICES['select-which'].en, lang, 'select-which');
    }
    act.scores = args.scores;
  } else if (
    parsed.spec.action === 'contract' ||
    parsed.spec.action === 'catalogue' ||
    parsed.spec.action === 'engage'
  ) {
    const extra = parseActArgs(parsed.spec.action, extras.rest);
    if (!extra.ok) return refuse(ctx, number, marker, extra.zh, extra.en, lang, 'act-args');
    if (extra.contract) act.contract = extra.contract;
    if (extra.catalogueNo) act.catalogueNo = extra.catalogueNo;
    if (extra.engagement) act.engagement = extra.engagement;
  } else if (parsed.spec.reason !== 'none' && extras.rest) {
    act.reason = extras.rest;
  }
  if (!subject) return refuse(ctx, number, marker, NOTICES['no-link'].zh, NOTICES['no-link'].en, lang, 'no-link');

  const applied = await applyActs(ctx.forge, ctx.branch, subject, [{ ...act, subject }]);
  return conclude(ctx, number, marker, applied.judgements, applied.written, lang, subject === linked);
}

/**
 * The text of a pull request's body a reader sees rendered: HTML comments (an unclosed one
 * runs to the end) and fenced code blocks are taken out, so a step line hidden there is not obeyed.
 */
export function visibleText(body: string): string {
  return body
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm, '');
}

/** The step a merged pull request asks for: a visible `jiebang-step:` / `审核步骤：` line in its body. */
export function declaredStep(body: string | undefined): Action | 'none' | undefined {
  const m = /^[ \t]*(?:jiebang-step|审核步骤)[ \t]*[:：][ \t]*\/?(\S+)/im.exec(visibleText(body ?? ''));
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  if (word === 'none' || word === '无') return 'none';
  const spec = COMMANDS.find((c) => c.action === word || c.en.includes(word) || c.zh.includes(m[1]!));
  return spec?.action;
}

/**
 * The document a merged pull request records an act from: the words after the step
 * (`jiebang-step: /入选目录 代=工信部 文号=… 日期=… sha256=… 文件=…`), the scan usually
 * being added by the same pull request under content/decisions/<subject>/evidence/.
 */
export function declaredExtras(body: string | undefined): ReturnType<typeof parseActExtras> {
  const m = /^[ \t]*(?:jiebang-step|审核步骤)[ \t]*[:：][ \t]*\/?\S+(.*)$/im.exec(body ?? '');
  return parseActExtras(m?.[1] ?? '');
}

/** Ids a pull request names in its branch and title (`intake/XM-2026-003`, `cms/applications/XM-2026-003-A01`). */
function idsIn(...texts: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of (t ?? '').matchAll(ENTRY_ID_IN_TEXT)) out.add(m[0]);
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The subject a pull request made by hand submits, if it is one: a subject its branch or
 * title names, whose record file the pull request itself adds (a new subject, no ledger
 * yet) — or changes, for a returned one, when its author owns the subject (the issuer's
 * representative listed for that demand). A file added beside someone else's entry, a
 * title naming an id, or a returned subject fixed by a stranger is no submission.
 */
async function handMadeSubject(
  ctx: EventContext,
  pr: Record<string, unknown>,
  head: string,
  headRef: string | undefined,
): Promise<string | undefined> {
  const baseSha = str(obj(pr.base)?.sha);
  const headSha = str(obj(pr.head)?.sha);
  if (!baseSha || !headSha || /^0+$/.test(baseSha) || /^0+$/.test(headSha)) return undefined;
  let changes: Awaited<ReturnType<typeof changedFiles>>;
  try {
    changes = await changedFiles(ctx.forge, baseSha, headSha);
  } catch {
    return undefined;
  }
  const author = str(obj(pr.user)?.login);
  const listed = new Set(await ctx.forge.listFiles('content', head));
  for (const id of idsIn(headRef, str(pr.title))) {
    const path = subjectPath(id);
    const change = changes.find((c) => c.path === path);
    if (!change || change.status === 'deleted' || !listed.has(path)) continue;
    const snap = await loadSnapshot(ctx.forge, head, id);
    const state = recordedStatus(snap.catalog.decisions.get(id) ?? []).state;
    if (state === 'draft' && change.status === 'added') return id;
    if (state === 'returned' && author && ownsSubject(snap.catalog.officers, author, id, ctx.now)) return id;
  }
  return undefined;
}

/** Does this forge account own the subject: an issuer's representative listed for its demand? */
function ownsSubject(officers: Officers | undefined, login: string, subject: string, now: Date): boolean {
  const o = officerEntry(officers, login, now);
  return o?.role === 'issuer' && (o.demands ?? []).includes(demandOf(subject));
}

/**
 * A `pull_request` event: when a submission's pull request is merged into the catalogue's
 * branch, the merge is the officer's act the pull request asks for. Which act: the body's
 * `jiebang-step: <action>` line (`审核步骤：初审通过` in Chinese; `none` for a plain content
 * change), or by default the first review step after submission (approve a demand, pass
 * an application) when the subject's chain is at `submitted`. A subject that never went
 * through the intake gets its `submit` recorded first, from the pull request, in the same
 * commit.
 */
export async function handlePullRequestMerged(ctx: EventContext): Promise<Outcome> {
  const merged = readMergedPullRequestEvent(ctx.payload);
  if (!merged || merged.baseRef !== ctx.branch) return ignored();
  const { pr, number } = merged;
  const mergedBy = obj(pr.merged_by);
  const login = str(mergedBy?.login);
  const marker = MERGE_MARKER(number);
  const lang: Lang = /^[\x00-\x7f]*$/.test(str(pr.title) ?? '') ? 'en' : 'zh';
  const step = declaredStep(str(pr.body));
  if (step === 'none') return ignored();

  const head = await ctx.forge.head(ctx.branch);
  if (!head) throw new Error(`branch ${ctx.branch} does not exist`);
  const headRef = str(obj(pr.head)?.ref);
  const ref: IssueRef = { ...issueRef(pr, number), ...(headRef ? { headRef } : {}) };
  // The intake's own branch stands for its issue — when the intake opened it (a bot, not a fork).
  const sameRepo = str(obj(obj(pr.head)?.repo)?.full_name) === str(obj(obj(pr.base)?.repo)?.full_name);
  const intakeIssue = /^submission\/issue-(\d+)$/.exec(headRef ?? '');
  const via = intakeIssue && isBot(obj(pr.user)) && sameRepo ? [Number(intakeIssue[1])] : [];
  let subject = await linkedSubject(ctx.forge, head, ref, via);
  if (!subject) subject = await handMadeSubject(ctx, pr, head, headRef);
  if (!subject) {
    if (step === undefined) return ignored(); // a content change that is no submission
    return refuse(ctx, number, marker, NOTICES['no-link'].zh, NOTICES['no-link'].en, lang, 'no-link');
  }
  if (!login) return refuse(ctx, number, marker, '无法确定合并人。', 'Cannot tell who merged.', lang, 'no-actor');
  if (isBot(mergedBy)) return refuse(ctx, number, marker, NOTICES.bot.zh, NOTICES.bot.en, lang, 'bot');
  const at = eventTime(pr.merged_at, ctx.now);
  const url = str(pr.html_url);
  const source = { kind: 'pull_request' as const, id: `${number}.merged`, ...(url ? { url } : {}) };
  const chain = (await loadSnapshot(ctx.forge, head, subject)).catalog.decisions.get(subject) ?? [];
  const acts: ActRequest[] = [];
  let state = recordedStatus(chain).state;
  const done = chain.find((d) => d.source.kind === source.kind && d.source.id === source.id);
  // Never through the intake (or returned and fixed by this pull request): the merge submits it first.
  if (!done && (state === 'draft' || state === 'returned')) {
    acts.push({
      subject,
      action: 'submit',
      login: ctx.forge.botLogin,
      system: true,
      at,
      source: { kind: 'pull_request', id: String(number), ...(url ? { url } : {}) },
    });
    state = 'submitted';
  }
  // A replayed event finds its decision again (and answers as the first time).
  const action =
    done?.action ?? step ?? (state === 'submitted' ? (subject.includes('-A') ? 'pass' : 'approve') : undefined);
  if (!action) return ignored();
  const extras = declaredExtras(str(pr.body));
  if (!extras.ok) return refuse(ctx, number, marker, extras.zh, extras.en, lang, 'evidence');
  acts.push({ subject, action, login, at, source, ...extras.extras });
  const applied = await applyActs(ctx.forge, ctx.branch, subject, acts);
  return conclude(ctx, number, marker, applied.judgements, applied.written, lang, true);
}

/**
 * An `issues` event (opened, edited, reopened) end to end: read the body with the form it
 * came from, check it against the schema, the programme's rules and the catalogue on the
 * branch, then either answer with every problem, or write the entry (its own branch and a
 * pull request, or a direct commit, as site.yml's forge.writeMode says) with its `submit`
 * decision, and answer with a summary. One comment, upserted by its marker; labels from
 * one managed set. The same event handled twice changes nothing the second time.
 */
import type { LoadedRecord } from '../content/load.ts';
import type { EventContext, Outcome } from '../events/types.ts';
import { commitWithRetry, type Plan } from '../forge/retry.ts';
import type { FileChange, Forge } from '../forge/types.ts';
import type { Decision, Round, Site } from '../generated/types.ts';
import { nextDecision } from '../review/ledger.ts';
import type { State } from '../domain/machines.ts';
import { recordedStatus } from '../review/status.ts';
import { isWithinDates } from '../rules/shanghai.ts';
import { buildCatalog, type Catalog } from '../content/catalog.ts';
import { checkIssueScans, scansNote } from '../paper/scan/issue-scans.ts';
import type { Issue } from '../domain/issue.ts';
import { issuerSizeWarning, type IssuerFigures } from '../rules/issuer-size.ts';
import {
  applicationWindowIssues,
  asLoaded,
  crossIssues,
  crossNotes,
  openCallRound,
  sizeDeferredNote,
  validRounds,
} from './check.ts';
import {
  INTAKE_MARKER,
  readSubjectMarker,
  renderAccepted,
  renderNoForm,
  renderProblems,
  renderRefused,
  type AcceptedComment,
  type Links,
} from './comment.ts';
import {
  decisionFiles,
  entryPath,
  forgeReader,
  ledgerSubjects,
  loadRecords,
  loadSite,
  recordAt,
  SITE_PATH,
  type ContentReader,
} from './content.ts';
import { formFor, type FormKind } from '../forms/form.ts';
import { nextApplicationId, nextDemandId } from './ids.ts';
import { formLabel, intakeLabel, MANAGED_LABELS, NEEDS_CHANGES, REGISTERED } from './labels.ts';
import { readIssueEvent, type IssueEvent } from '../events/payload.ts';
import { CHECK_STATUS_CONTEXT } from './pull-request.ts';
import { parseIssueBody } from '../forms/submission.ts';
import { sealedMissing, validateSubmission } from '../forms/validate-submission.ts';
import { resolveSealedAttachment, sealedAttachmentRefusal } from './sealed-attachment-answer.ts';
import { envelopeIssues } from './envelope.ts';
import { APPLICATION_ID, DEMAND_ID } from '../domain/ids.ts';

const HANDLED = new Set(['opened', 'edited', 'reopened']);
const USCC_SHAPE = /^[0-9A-Z]{18}$/;
const ROUNDS = /^content\/rounds\/[^/]+\.yml$/;
/** States in which the submitter may still change a submission by editing the issue. */
const EDITABLE = new Set<State>(['submitted', 'returned']);

export const IGNORED: Outcome = Object.freeze({ verdict: 'ignored', labels: [], written: [], errors: [] }) as Outcome;

export function submissionBranch(issue: number): string {
  return `submission/issue-${issue}`;
}

/** ISO time with the Beijing offset, as the ledger writes times. */
export function shanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

const errorsOf = (issues: Issue[]) => issues.map(({ path, keyword, message }) => ({ path, keyword, message }));

interface Valid {
  verdict: 'valid';
  kind: FormKind;
  id: string;
  record: Record<string, unknown>;
  entry: FileChange & { content: string };
  decision?: FileChange & { content: string };
  update?: 'updated' | 'resubmitted';
  notes: string[];
  round?: Round;
  labels: string[];
}

interface Final {
  verdict: 'invalid' | 'refused';
  comment: string;
  labels: string[];
  issues: Issue[];
}

type Decided = Valid | Final;

interface Env {
  ctx: EventContext;
  ev: IssueEvent;
  site?: Site;
  links: Links;
  /** The subject an earlier run recorded in this issue's comment. */
  claimed?: string;
}

export async function handleIssue(ctx: EventContext): Promise<Outcome> {
  const ev = readIssueEvent(ctx.payload);
  if (!ev || ev.isPullRequest || !HANDLED.has(ev.action) || ev.state === 'closed' || ev.author.isBot) return IGNORED;
  const answer = answerer(ctx, ev.number);
  const outcome = await decideAndWrite(ctx, ev, answer.early);
  await answer.final(outcome);
  return outcome;
}

/** Posts the answer: early once (a remote forge, before the slower writes), then as it finally is. */
function answerer(ctx: EventContext, issue: number) {
  let sent: { comment: string; labels: string[] } | undefined;
  let labelled: (() => Promise<void>) | undefined;
  const managed = [...MANAGED_LABELS];
  return {
    /** Resolves once the comment is posted; the labels follow (awaited by `final`). */
    early: async (comment: string, labels: string[]) => {
      if (!sent || sent.labels.join('\n') !== labels.join('\n'))
        labelled = settled(ctx.forge.setLabels(issue, labels, managed));
      sent = { comment, labels };
      await ctx.forge.upsertComment(issue, INTAKE_MARKER, comment);
    },
    final: async (o: Outcome) => {
      await labelled?.();
      const sameLabels = sent?.labels.length === o.labels.length && sent.labels.every((l, i) => l === o.labels[i]);
      await Promise.all([
        o.comment !== undefined && o.comment !== sent?.comment
          ? ctx.forge.upsertComment(issue, INTAKE_MARKER, o.comment)
          : undefined,
        sameLabels ? undefined : ctx.forge.setLabels(issue, o.labels, managed),
      ]);
    },
  };
}

async function decideAndWrite(
  ctx: EventContext,
  ev: IssueEvent,
  answerEarly: (comment: string, labels: string[]) => Promise<void>,
): Promise<Outcome> {
  // What this issue was accepted as before, while the branch is read.
  const [head, claim] = await Promise.all([ctx.forge.head(ctx.branch), claimedSubject(ctx.forge, ev.number)]);
  if (!head) throw new Error(`branch ${ctx.branch} does not exist`);
  // One reader per commit: the catalogue read to answer is the one the first attempt decides on.
  const readers = new Map<string, ContentReader>();
  const readerAt = (sha: string) => readers.get(sha) ?? readers.set(sha, forgeReader(ctx.forge, sha)).get(sha)!;
  const [site] = await Promise.all([loadSite(readerAt(head)), readerAt(head).paths()]);
  const links: Links = {
    ...(ev.repoUrl
      ? { repoUrl: ev.repoUrl }
      : site
        ? { repoUrl: `${site.forge.url.replace(/\/+$/, '')}/${site.forge.repo}` }
        : {}),
    ...(site?.siteUrl ? { siteUrl: site.siteUrl } : {}),
  };
  const parsed = parseIssueBody(ev.body, ev.labels);
  if (!parsed.ok) {
    const message =
      parsed.reason === 'too-large' ? '议题内容过长，无法受理。' : '议题不是用申报表单填写的，无法读出申报内容。';
    return {
      verdict: 'invalid',
      comment: renderNoForm(parsed.reason, links),
      labels: [NEEDS_CHANGES],
      written: [],
      errors: [{ path: '', keyword: parsed.reason, message }],
    };
  }
  // A sealed part too long for the body arrives as an attached file (sealed-attachment.ts):
  // fetched and verified here, then it is the sealed field's value like an inline blob.
  const attached = await resolveSealedAttachment(parsed.record.sealed, ctx.forge.fetchAttachment?.bind(ctx.forge));
  if (attached.kind === 'refused') return sealedAttachmentRefusal(attached);
  if (attached.kind === 'attached') parsed.record.sealed = attached.armor;
  // Stamped scans attached in the issue: fetched through the forge with the size cap and
  // judged by their bytes before anything is written (docs/paper.md).
  const scans = await checkIssueScans(
    ctx.forge,
    attached.kind === 'attached' ? ev.body.replaceAll(attached.link, '') : ev.body,
  );
  const refusedScans = scans.flatMap((s) =>
    s.result.ok ? [] : [{ index: s.index, rule: s.result.rule, message: s.result.message }],
  );
  if (refusedScans.length) {
    const errors = refusedScans.map((s) => ({
      path: '',
      keyword: `scan:${s.rule}`,
      message: `第 ${s.index} 个附件：${s.message}`,
    }));
    const comment = [
      INTAKE_MARKER,
      '## ⚠️ 附件未通过检查',
      '',
      '议题中上传的盖章扫描件只接受 PDF、JPEG 或 PNG，且不能含有脚本、嵌入文件等内容。本次申报暂未受理：',
      '',
      ...errors.map((e) => `- ${e.message}`),
      '',
      '请删除或替换上述附件后编辑议题，系统会重新检查。',
    ].join('\n');
    return { verdict: 'invalid', comment, labels: [NEEDS_CHANGES], written: [], errors };
  }
  const env: Env = { ctx, ev, ...(site ? { site } : {}), links, ...claim };
  const mode = site?.forge.writeMode ?? 'pr';
  const { kind } = parsed.form;
  const { record } = parsed;
  // On a remote forge the submission branch's head is read while the decision is made.
  const early = ctx.forge.remote === true && mode === 'pr';
  const branchHead = early ? settled(ctx.forge.head(submissionBranch(ev.number))) : undefined;

  let parent = head;
  const result = await commitWithRetry<Decided>(
    ctx.forge,
    ctx.branch,
    async (at): Promise<Plan<Decided>> => {
      parent = at;
      const decided = await decide(env, kind, record, parsed.issues, readerAt(at));
      if (decided.verdict !== 'valid') return { result: decided };
      const files =
        mode === 'commit'
          ? [decided.entry, ...(decided.decision ? [decided.decision] : [])]
          : decided.decision
            ? [decided.decision]
            : [];
      if (files.length === 0) return { result: decided };
      return { result: decided, write: { message: commitMessage(decided, ev.number), files, author: authorOf(ev) } };
    },
    undefined,
    head,
  );
  const written = { ...result, parent };
  const d = written.result;
  if (d.verdict !== 'valid')
    return { verdict: d.verdict, comment: d.comment, labels: d.labels, written: [], errors: errorsOf(d.issues) };
  const scanNote = scansNote(scans);
  if (scanNote) d.notes.push(scanNote);

  // What this event actually changed (a replayed event changes nothing and says so).
  const paths: string[] = [];
  const render = (where: AcceptedComment['written'], changed: readonly string[]) => {
    const update = d.update === 'updated' && changed.length === 0 ? undefined : d.update;
    return renderAccepted({
      kind: d.kind,
      id: d.id,
      record: d.record,
      at: ctx.now,
      written: where,
      ...(update ? { update } : {}),
      notes: d.notes,
      ...(d.round ? { round: d.round } : {}),
      links,
      ...(env.site?.upstream ? { upstream: env.site.upstream.name } : {}),
    });
  };
  let where: AcceptedComment['written'];
  if (mode === 'commit') {
    if (written.sha && written.sha !== written.parent)
      paths.push(...[d.entry, ...(d.decision ? [d.decision] : [])].map((f) => f.path));
    where = { mode: 'commit', sha: written.sha ?? written.parent };
  } else {
    if (d.decision && written.sha && written.sha !== written.parent) paths.push(d.decision.path);
    const base = written.sha ?? written.parent;
    const probe = await probeBranch(ctx, ev, d, base, branchHead?.(), await readerAt(written.parent).paths());
    const answerFirst = early && probe.wouldChange;
    if (answerFirst) {
      // The checks are done and the subject is claimed on the ledger: answer now, saying the
      // pull request is on its way; the answer is edited once it exists (or if writing fails).
      // (When the branch already holds the entry, a replay, only a look-up is left: no early answer.)
      // The branch is made while the answer is posted (it shows nothing until its pull request).
      if (!probe.branchHead) probe.created = settled(ctx.forge.createBranch(submissionBranch(ev.number), base));
      await answerEarly(render({ mode: 'pr-pending' }, [...paths, d.entry.path]), d.labels);
    }
    let branch: BranchWrite;
    try {
      branch = await writeToBranch(ctx, ev, d, base, probe);
    } catch (e) {
      if (answerFirst) await answerEarly(render({ mode: 'pr-failed' }, paths), d.labels).catch(() => undefined);
      throw e;
    }
    if (branch.changed) paths.push(d.entry.path);
    where =
      branch.mode === 'pr'
        ? { mode: 'pr', number: branch.number, url: branch.url }
        : { mode: 'commit', sha: branch.sha };
  }
  return { verdict: 'valid', comment: render(where, paths), labels: d.labels, written: paths, errors: [] };
}

/** A promise started now and awaited later, whose failure is reported where it is awaited. */
function settled<T>(p: Promise<T>): () => Promise<T> {
  const kept = p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const r = await kept;
    if (!r.ok) throw r.error;
    return r.value;
  };
}

interface BranchProbe {
  /** The submission branch's head, when it exists. */
  branchHead?: string;
  /** The catalogue branch already holds exactly this entry. */
  inCatalogue: boolean;
  /** Writing the branch would change it (what the answer can say before it is written). */
  wouldChange: boolean;
  /** The branch, missing when probed, already being created from the base. */
  created?: () => Promise<void>;
}

async function probeBranch(
  ctx: EventContext,
  ev: IssueEvent,
  d: Valid,
  baseSha: string,
  knownHead: Promise<string | undefined> | undefined,
  /** The catalogue's paths when decided (the ledger commit since adds decisions, never the entry). */
  catalogue: readonly string[],
): Promise<BranchProbe> {
  const [branchHead, inCatalogue] = await Promise.all([
    knownHead ?? ctx.forge.head(submissionBranch(ev.number)),
    catalogue.includes(d.entry.path) ? sameEntry(ctx.forge, d, baseSha) : false,
  ]);
  if (!branchHead) return { inCatalogue, wouldChange: !inCatalogue };
  return { branchHead, inCatalogue, wouldChange: !(await sameEntry(ctx.forge, d, branchHead)) };
}

async function sameEntry(forge: Forge, d: Valid, ref: string): Promise<boolean> {
  const current = await forge.readFile(d.entry.path, ref);
  return current !== undefined && new TextDecoder().decode(current) === d.entry.content;
}

type BranchWrite =
  { mode: 'pr'; number: number; url: string; changed: boolean } | { mode: 'commit'; sha: string; changed: false };

/**
 * The entry on the issue's own branch (created from the catalogue branch when missing), and
 * its pull request. When the catalogue branch already holds exactly this entry (a merged
 * pull request, an event replayed), there is nothing to propose.
 */
async function writeToBranch(
  ctx: EventContext,
  ev: IssueEvent,
  d: Valid,
  baseSha: string,
  probe: BranchProbe,
): Promise<BranchWrite> {
  const branch = submissionBranch(ev.number);
  const write = { message: commitMessage(d, ev.number), files: [d.entry], author: authorOf(ev) };
  let changed: boolean | undefined;
  let head: string | undefined;
  if (!probe.branchHead) {
    if (probe.inCatalogue) return { mode: 'commit', sha: baseSha, changed: false };
    await (probe.created ? probe.created() : ctx.forge.createBranch(branch, baseSha));
    // A branch just made holds the base: commit on it straight away (the loop below if someone was quicker).
    const r = await ctx.forge.commit({ branch, expectedHead: baseSha, ...write });
    if (r.ok) [changed, head] = [true, r.sha];
  }
  if (changed === undefined) {
    const w = await commitWithRetry(
      ctx.forge,
      branch,
      async (at) => ((await sameEntry(ctx.forge, d, at)) ? { result: false } : { result: true, write }),
      undefined,
      probe.branchHead,
    );
    [changed, head] = [w.result, w.sha];
  }
  // Pull requests the pipeline opens with its own token start no workflow, so no check runs on
  // them: the intake has just checked this entry, and says so where branch protection looks.
  const status =
    ctx.forge.setStatus && changed && head
      ? ctx.forge.setStatus(head, 'success', `受理检查通过（议题 #${ev.number}）`, CHECK_STATUS_CONTEXT)
      : undefined;
  const form = formFor(d.kind);
  const [pr] = await Promise.all([
    ctx.forge.openPullRequest({
      head: branch,
      base: ctx.branch,
      title: `【${form.labels[0]}】${d.id}`,
      body: [
        `本合并请求由议题 #${ev.number} 的${form.name}自动生成，编号 ${d.id}。`,
        '',
        '条目已通过格式和规则检查；主管部门核对后合并。请勿在此修改内容：提交人编辑议题后，本分支会自动更新。',
      ].join('\n'),
    }),
    status,
  ]);
  return { mode: 'pr', ...pr, changed };
}

function commitMessage(d: Valid, issue: number): string {
  const what = d.update === 'updated' ? '更新' : d.update === 'resubmitted' ? '重新提交' : '受理';
  return `intake: ${what}${formFor(d.kind).labels[0]} ${d.id} (issue #${issue})`;
}

function authorOf(ev: IssueEvent): { name: string; email: string } {
  return {
    name: ev.author.login,
    email: `${ev.author.id ? `${ev.author.id}+` : ''}${ev.author.login}@users.noreply.github.com`,
  };
}

/** The subject this issue's intake comment recorded, if the comment is the bot's own. */
async function claimedSubject(forge: Forge, issue: number): Promise<{ claimed?: string }> {
  const comments = await forge.listComments(issue);
  const mine = comments.find((c) => c.isBot && c.body.includes(INTAKE_MARKER));
  const claimed = mine ? readSubjectMarker(mine.body) : undefined;
  return claimed ? { claimed } : {};
}

/**
 * Does a decision come from this issue? The first `submit` names the issue number as its
 * source (the review links issues to subjects by it); a resubmission after a return adds
 * its sequence (`12.3`), so each event stays distinct.
 */
function fromIssue(decision: Decision | undefined, issue: number): boolean {
  return decision?.source.kind === 'issues' && decision.source.id.split('.')[0] === String(issue);
}

interface Existing {
  id: string;
  chain: Decision[];
  files: LoadedRecord[];
}

async function chainOf(reader: ContentReader, paths: readonly string[], subject: string): Promise<Existing> {
  const files = await loadRecords(reader, decisionFiles(paths, subject));
  const chain = files
    .filter((f) => f.data && f.issues.length === 0)
    .map((f) => f.data as unknown as Decision)
    .sort((a, b) => a.seq - b.seq);
  return { id: subject, chain, files };
}

/** The files existingSubject reads, so callers can fetch them in the same batch as the rest. */
function probePaths(
  env: Env,
  paths: readonly string[],
  pattern: RegExp,
  candidates: (subjects: string[]) => string[],
): string[] {
  const claimed = env.claimed && pattern.test(env.claimed) ? decisionFiles(paths, env.claimed) : [];
  const firsts = candidates([...ledgerSubjects(paths)].filter((s) => pattern.test(s)))
    .map((s) => decisionFiles(paths, s)[0])
    .filter((p): p is string => !!p);
  return [...claimed, ...firsts];
}

/**
 * The subject this issue was accepted as before: the one its comment names (when the ledger
 * agrees), else a chain among `candidates` whose first decision came from this issue (a run
 * that wrote but could not answer).
 */
async function existingSubject(
  env: Env,
  reader: ContentReader,
  paths: readonly string[],
  pattern: RegExp,
  candidates: (subjects: string[]) => string[],
): Promise<Existing | undefined> {
  const n = env.ev.number;
  if (env.claimed && pattern.test(env.claimed)) {
    const e = await chainOf(reader, paths, env.claimed);
    if (e.chain.some((d) => fromIssue(d, n))) return e;
  }
  const subjects = candidates([...ledgerSubjects(paths)].filter((s) => pattern.test(s)));
  const firsts = subjects.map((s) => decisionFiles(paths, s)[0]).filter((p): p is string => !!p);
  const loaded = await loadRecords(reader, firsts);
  const hit = loaded.find((r) => fromIssue(r.data as Decision | undefined, n));
  return hit ? chainOf(reader, paths, idOfDecisionFile(hit.file)) : undefined;
}

const idOfDecisionFile = (path: string) => path.split('/').at(-2)!;

function labelsFor(kind: 'demand' | 'application', state: State): string[] {
  const label = intakeLabel(kind, state);
  return [formLabel(kind), ...(label ? [label] : [])];
}

function final(verdict: Final['verdict'], comment: string, labels: string[], issues: Issue[] = []): Final {
  return { verdict, comment, labels, issues };
}

async function decide(
  env: Env,
  kind: FormKind,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  switch (kind) {
    case 'demand':
      return decideDemand(env, submitted, readIssues, reader);
    case 'application':
      return decideApplication(env, submitted, readIssues, reader);
    case 'enterprise':
      return decideEnterprise(env, submitted, readIssues, reader);
  }
}

function invalid(env: Env, kind: FormKind, issues: Issue[], keptId?: string, notes: string[] = []): Final {
  return final(
    'invalid',
    renderProblems({ kind, issues, ...(keptId ? { keptId } : {}), notes, links: env.links }),
    [formLabel(kind), NEEDS_CHANGES],
    issues,
  );
}

/** The `submit` decision of a new submission or a resubmission after a return. */
function submitDecision(
  env: Env,
  id: string,
  entry: string,
  existing: Existing | undefined,
): { ok: true; decision: FileChange & { content: string } } | { ok: false; issues: Issue[] } {
  const last = existing?.files.at(-1);
  const next = nextDecision(
    {
      subject: id,
      action: 'submit',
      actor: { login: env.ctx.forge.botLogin, role: 'system' },
      at: shanghaiIso(env.ctx.now),
      source: {
        kind: 'issues',
        id: existing?.chain.length ? `${env.ev.number}.${existing.chain.length + 1}` : String(env.ev.number),
        ...(env.ev.url ? { url: env.ev.url } : {}),
      },
    },
    {
      chain: existing?.chain ?? [],
      ...(last ? { lastFileBytes: last.bytes } : {}),
      subjectBytes: new TextEncoder().encode(entry),
    },
  );
  return next.ok ? { ok: true, decision: { path: next.path, content: next.text } } : { ok: false, issues: next.issues };
}

/** What an existing subject's state allows: go on (new or editable), or refuse with the current state. */
function gate(
  env: Env,
  kind: 'demand' | 'application',
  existing: Existing | undefined,
  round: Round | undefined,
): Final | undefined {
  if (!existing) return undefined;
  const state = recordedStatus(existing.chain).state;
  if (EDITABLE.has(state)) return undefined;
  return final('refused', renderRefused(kind, existing.id, state, round), labelsFor(kind, state));
}

async function decideDemand(
  env: Env,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  const paths = await reader.paths();
  const roundFiles = paths.filter((p) => ROUNDS.test(p));
  const rounds = validRounds(await loadRecords(reader, roundFiles));
  const now = env.ctx.now;
  const open = openCallRound(rounds, now, env.site?.idPrefix);
  const candidates = (subjects: string[]) => (open.ok ? subjects.filter((s) => s.startsWith(`${open.round.id}-`)) : []);
  await reader.read(probePaths(env, paths, DEMAND_ID, candidates));
  const existing = await existingSubject(env, reader, paths, DEMAND_ID, candidates);
  const round = existing ? rounds.find((r) => existing.id.startsWith(`${r.id}-`)) : open.ok ? open.round : undefined;
  const refused = gate(env, 'demand', existing, round);
  if (refused) return refused;
  const state = existing ? recordedStatus(existing.chain).state : undefined;

  const issues: Issue[] = [];
  // New submissions, and edits before anyone acted, need the call to be open; a return invites a fix at any time.
  if (state !== 'returned' && !(round && isWithinDates(now, round.phases.call))) {
    if (existing)
      return final(
        'refused',
        renderRefused('demand', existing.id, state!, round, 'deadline'),
        labelsFor('demand', state!),
      );
    if (!open.ok) issues.push(open.issue);
  }
  const id = existing?.id ?? (round && !issues.length ? nextDemandId(round.id, paths) : undefined);
  if (round && !id && !issues.length)
    issues.push({
      path: '',
      keyword: 'intake',
      params: { rule: 'ids-spent' },
      message: `批次 ${round.id} 的需求编号已用完，请联系主管部门。`,
      messageEn: 'The round has no demand numbers left.',
    });
  const record = { ...(id ? { id } : {}), ...(round ? { round: round.id } : {}), ...submitted };
  issues.push(...readIssues, ...validateSubmission('demand', record, readIssues));
  if (issues.length || !id) return invalid(env, 'demand', issues, existing?.id);

  const path = entryPath('demand', id);
  const loaded = asLoaded('demand', path, record);
  const cross = crossIssues(loaded, await loadRecords(reader, roundFiles));
  if (cross.length) return invalid(env, 'demand', cross, existing?.id);
  const warning = issuerSizeWarning(submitted.issuer as IssuerFigures | undefined);
  return accept(
    env,
    'demand',
    id,
    record,
    path,
    new TextDecoder().decode(loaded.bytes),
    existing,
    round,
    warning ? [warning.zh] : [],
  );
}

async function decideApplication(
  env: Env,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  const paths = await reader.paths();
  const now = env.ctx.now;
  const demandId =
    typeof submitted.demandId === 'string' && DEMAND_ID.test(submitted.demandId) ? submitted.demandId : undefined;
  const applicant = submitted.applicant as Record<string, unknown> | undefined;
  const uscc = typeof applicant?.uscc === 'string' && USCC_SHAPE.test(applicant.uscc) ? applicant.uscc : undefined;

  // The neighbourhood the rules look at: the demand (local, or an entry of the national
  // catalogue), its round, its applications, their decisions, the profile, the bureau's area (site.yml).
  const related = demandId
    ? paths.filter(
        (p) =>
          p === `content/demands/${demandId}/index.yml` ||
          p === `content/catalogue/${demandId}.yml` ||
          p === SITE_PATH ||
          ROUNDS.test(p) ||
          p.startsWith(`content/applications/${demandId}-A`) ||
          p.startsWith(`content/decisions/${demandId}/`) ||
          p.startsWith(`content/decisions/${demandId}-A`) ||
          (uscc !== undefined && p === `content/enterprises/${uscc}/index.yml`) ||
          p === 'content/officers.yml',
      )
    : []; // who the sealed envelope must be addressed to
  const candidates = (subjects: string[]) => (demandId ? subjects.filter((s) => s.startsWith(`${demandId}-A`)) : []);
  // Who filed the enterprise's 对接表, asked while the neighbourhood is read (one round trip, not two).
  const profile = uscc ? entryPath('enterprise', uscc) : undefined;
  const filer =
    profile && paths.includes(profile) && env.ctx.forge.fileAuthor
      ? env.ctx.forge.fileAuthor(profile, env.ctx.branch).catch(() => undefined)
      : Promise.resolve(undefined);
  await reader.read([...related, ...probePaths(env, paths, APPLICATION_ID, candidates)]);
  const existing = await existingSubject(env, reader, paths, APPLICATION_ID, candidates);
  const neighbours = [
    ...(await loadRecords(reader, related)),
    ...(demandId ? await pendingApplications(env, reader, paths, demandId) : []),
  ];
  const catalog = buildCatalog(neighbours.filter((r) => r.issues.length === 0));
  const demand = demandId ? (catalog.demands.get(demandId) ?? catalog.externals.get(demandId)) : undefined;
  const round = demand ? catalog.rounds.get(demand.round) : undefined;
  const refused = gate(env, 'application', existing, round);
  if (refused) return refused;
  const state = existing ? recordedStatus(existing.chain).state : undefined;

  const issues: Issue[] = [];
  if (existing && demandId && !existing.id.startsWith(`${demandId}-A`)) {
    issues.push({
      path: '/demandId',
      keyword: 'intake',
      params: { rule: 'demand-changed' },
      message: `揭榜需求编号：本申请已受理为 ${existing.id}，不能改为其他需求；如需揭其他需求，请另行在线填写一份申请表。`,
      messageEn: `This issue was accepted as ${existing.id}; apply to another demand in a new issue.`,
    });
  }
  if (demandId && state !== 'returned') {
    const window = applicationWindowIssues(demandId, catalog, now);
    if (existing && window.length && !issues.length)
      return final(
        'refused',
        renderRefused('application', existing.id, state!, round, 'deadline'),
        labelsFor('application', state!),
      );
    issues.push(...window);
  }
  const id = existing?.id ?? (demand ? nextApplicationId(demand.id, paths) : undefined);
  if (demand && !id)
    issues.push({
      path: '/demandId',
      keyword: 'intake',
      params: { rule: 'ids-spent' },
      message: '揭榜需求编号：该需求的申请编号已用完，请联系主管部门。',
      messageEn: 'The demand has no application numbers left.',
    });
  const record = { ...(id ? { id } : {}), ...submitted };
  issues.push(
    ...sealedMissing('application', record, [...readIssues, ...validateSubmission('application', record, readIssues)]),
  );
  if (!issues.some((i) => i.path === '/sealed'))
    issues.push(...envelopeIssues('application', record, catalog.officers, now));
  const notes = [sizeDeferredNote(uscc, catalog), await otherAccountNote(env, uscc, catalog, filer)].filter(
    (n): n is string => !!n,
  );
  if (issues.length) return invalid(env, 'application', issues, existing?.id, notes);

  // With the schema met, the cross-record rules: the demand exists, one per enterprise, indicators, profile, size.
  const path = id ? entryPath('application', id) : 'content/applications/pending.yml';
  const loaded = asLoaded('application', path, record);
  const cross = crossIssues(loaded, neighbours);
  if (cross.length || !id) return invalid(env, 'application', cross, existing?.id, notes);
  notes.push(...crossNotes(loaded, neighbours));
  return accept(env, 'application', id, record, path, new TextDecoder().decode(loaded.bytes), existing, round, notes);
}

/**
 * Anyone can apply in a registered enterprise's name (its code and name are public): when
 * the account applying is not the one that filed the enterprise's 对接表, the answer says
 * the bureau will check — for the officer's attention, naming neither account.
 */
async function otherAccountNote(
  env: Env,
  uscc: string | undefined,
  catalog: Catalog,
  filed: Promise<string | undefined>,
): Promise<string | undefined> {
  if (!uscc || !catalog.enterprises.has(uscc)) return undefined;
  const filer = await filed;
  // A bot (a squash merge of the intake's pull request) tells nothing about who filed it.
  if (!filer || /\[bot\]$/i.test(filer) || filer.toLowerCase() === env.ev.author.login.toLowerCase()) return undefined;
  return `${OTHER_ACCOUNT}：提交本申请的账号与登记该企业对接表的账号不同，主管部门将核实申请确由该企业提交（可能需要企业盖章确认）。`;
}

/** The note's opening words, which officers can search for. */
export const OTHER_ACCOUNT = '⚠️ 待核实提交账号';

/**
 * Applications to this demand accepted from other issues and still waiting in their pull
 * requests (their `submit` is on the ledger, the entry on `submission/issue-<n>`): read from
 * those branches, so one enterprise cannot have two applications to one demand pending.
 */
async function pendingApplications(
  env: Env,
  reader: ContentReader,
  paths: readonly string[],
  demandId: string,
): Promise<LoadedRecord[]> {
  const onMain = new Set(paths);
  const subjects = [...ledgerSubjects(paths)].filter(
    (s) => s.startsWith(`${demandId}-A`) && APPLICATION_ID.test(s) && !onMain.has(entryPath('application', s)),
  );
  // Each pending application on its own branch, all at once.
  const pending = await Promise.all(
    subjects.map(async (subject) => {
      const [first] = await loadRecords(reader, decisionFiles(paths, subject).slice(0, 1));
      const source = (first?.data as Decision | undefined)?.source;
      const issue = source?.kind === 'issues' ? Number(source.id.split('.')[0]) : NaN;
      if (!Number.isSafeInteger(issue) || issue === env.ev.number) return undefined;
      const path = entryPath('application', subject);
      const bytes = await env.ctx.forge.readFile(path, submissionBranch(issue)).catch(() => undefined);
      const record = bytes ? recordAt(path, bytes) : undefined;
      return record?.data && record.issues.length === 0 ? record : undefined;
    }),
  );
  return pending.filter((r): r is LoadedRecord => r !== undefined);
}

async function decideEnterprise(
  env: Env,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  const paths = await reader.paths();
  const uscc = typeof submitted.uscc === 'string' && USCC_SHAPE.test(submitted.uscc) ? submitted.uscc : undefined;
  const issues: Issue[] = [...readIssues, ...validateSubmission('enterprise', submitted, readIssues)];
  const claimed = env.claimed && USCC_SHAPE.test(env.claimed) ? env.claimed : undefined;
  if (uscc && claimed && claimed !== uscc) {
    issues.push({
      path: '/uscc',
      keyword: 'intake',
      params: { rule: 'uscc-changed' },
      message: `统一社会信用代码：本对接表已登记为 ${claimed}，不能改为其他企业；如需登记其他企业，请另行在线填写一份对接表。`,
      messageEn: `This issue registered ${claimed}; register another enterprise in a new issue.`,
    });
  } else if (uscc && !claimed && paths.includes(entryPath('enterprise', uscc))) {
    issues.push({
      path: '/uscc',
      keyword: 'intake',
      params: { rule: 'profile-exists' },
      message: '统一社会信用代码：该企业已经登记过对接表。如需更新，请修改当初提交的对接表，或联系主管部门。',
      messageEn: 'This enterprise already has a profile; edit the issue it came from, or contact the bureau.',
    });
  }
  if (issues.length || !uscc) return invalid(env, 'enterprise', issues, claimed);
  const path = entryPath('enterprise', uscc);
  const loaded = asLoaded('enterprise', path, submitted);
  const text = new TextDecoder().decode(loaded.bytes);
  return {
    verdict: 'valid',
    kind: 'enterprise',
    id: uscc,
    record: submitted,
    entry: { path, content: text },
    ...(claimed ? { update: 'updated' as const } : {}),
    notes: [],
    labels: [formLabel('enterprise'), REGISTERED],
  };
}

function accept(
  env: Env,
  kind: 'demand' | 'application',
  id: string,
  record: Record<string, unknown>,
  path: string,
  text: string,
  existing: Existing | undefined,
  round: Round | undefined,
  notes: string[],
): Decided {
  const state = existing ? recordedStatus(existing.chain).state : 'draft';
  const valid: Valid = {
    verdict: 'valid',
    kind,
    id,
    record,
    entry: { path, content: text },
    notes,
    ...(round ? { round } : {}),
    labels: labelsFor(kind, 'submitted'),
  };
  if (state === 'submitted') return { ...valid, update: 'updated' };
  const decision = submitDecision(env, id, text, existing);
  if (!decision.ok) return invalid(env, kind, decision.issues, existing?.id);
  return { ...valid, decision: decision.decision, ...(state === 'returned' ? { update: 'resubmitted' as const } : {}) };
}

/**
 * An `issues` event (opened, edited, reopened) end to end: read the body with the form it
 * came from, check it against the schema, the programme's rules and the catalogue on the
 * branch, then either answer with every problem, or write the entry (its own branch and a
 * pull request, or a direct commit, as site.yml's forge.writeMode says) with its `submit`
 * decision, and answer with a summary. One comment, upserted by its marker; labels from
 * one managed set. The same event handled twice changes nothing the second time.
 * Each form decides in its own module (decide-demand.ts, decide-application.ts,
 * decide-enterprise.ts, sharing issue-decision.ts); the branch and pull request are
 * issue-writer.ts's. On a remote forge the answer is posted as soon as the checks pass and
 * the ledger holds the claim, before those writes, and edited once they land.
 */
import type { EventContext, Outcome } from '../events/types.ts';
import { commitWithRetry, type Plan } from '../forge/retry.ts';
import type { Forge } from '../forge/types.ts';
import { checkIssueScans, scansNote } from '../paper/scan/issue-scans.ts';
import type { Issue } from '../domain/issue.ts';
import {
  INTAKE_MARKER,
  readSubjectMarker,
  renderAccepted,
  renderNoForm,
  type AcceptedComment,
  type Links,
} from './comment.ts';
import { forgeReader, loadSite, type ContentReader } from './content.ts';
import type { FormKind } from '../forms/form.ts';
import { MANAGED_LABELS, NEEDS_CHANGES } from './labels.ts';
import { readIssueEvent, type IssueEvent } from '../events/payload.ts';
import { parseIssueBody } from '../forms/submission.ts';
import { resolveSealedAttachment, sealedAttachmentRefusal } from './sealed-attachment-answer.ts';
import { decideApplication } from './decide-application.ts';
import { decideDemand } from './decide-demand.ts';
import { decideEnterprise } from './decide-enterprise.ts';
import { authorOf, commitMessage, probeBranch, settled, writeToBranch, type BranchWrite } from './issue-writer.ts';
import { submissionBranch, type Decided, type Env } from './issue-decision.ts';

export { OTHER_ACCOUNT } from './decide-application.ts';

const HANDLED = new Set(['opened', 'edited', 'reopened']);

export const IGNORED: Outcome = Object.freeze({ verdict: 'ignored', labels: [], written: [], errors: [] }) as Outcome;

const errorsOf = (issues: Issue[]) => issues.map(({ path, keyword, message }) => ({ path, keyword, message }));

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

/** The subject this issue's intake comment recorded, if the comment is the bot's own. */
async function claimedSubject(forge: Forge, issue: number): Promise<{ claimed?: string }> {
  const comments = await forge.listComments(issue);
  const mine = comments.find((c) => c.isBot && c.body.includes(INTAKE_MARKER));
  const claimed = mine ? readSubjectMarker(mine.body) : undefined;
  return claimed ? { claimed } : {};
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

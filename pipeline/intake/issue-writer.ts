/**
 * The intake's writes after a submission is decided: the entry on the issue's own branch
 * (`submission/issue-<n>`, created from the catalogue branch when missing) with the check
 * status the intake vouches for, and its pull request. Probed first (does the branch exist,
 * would the entry change it) so the answer can be posted before these writes on a remote forge.
 */
import type { EventContext } from '../events/types.ts';
import type { IssueEvent } from '../events/payload.ts';
import { commitWithRetry } from '../forge/retry.ts';
import type { Forge } from '../forge/types.ts';
import { formFor } from '../forms/form.ts';
import { CHECK_STATUS_CONTEXT } from './pull-request.ts';
import { submissionBranch, type Valid } from './issue-decision.ts';

/** A promise started now and awaited later, whose failure is reported where it is awaited. */
export function settled<T>(p: Promise<T>): () => Promise<T> {
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

export interface BranchProbe {
  /** The submission branch's head, when it exists. */
  branchHead?: string;
  /** The catalogue branch already holds exactly this entry. */
  inCatalogue: boolean;
  /** Writing the branch would change it (what the answer can say before it is written). */
  wouldChange: boolean;
  /** The branch, missing when probed, already being created from the base. */
  created?: () => Promise<void>;
}

export async function probeBranch(
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

export async function sameEntry(forge: Forge, d: Valid, ref: string): Promise<boolean> {
  const current = await forge.readFile(d.entry.path, ref);
  return current !== undefined && new TextDecoder().decode(current) === d.entry.content;
}

export type BranchWrite =
  { mode: 'pr'; number: number; url: string; changed: boolean } | { mode: 'commit'; sha: string; changed: false };

/**
 * The entry on the issue's own branch (created from the catalogue branch when missing), and
 * its pull request. When the catalogue branch already holds exactly this entry (a merged
 * pull request, an event replayed), there is nothing to propose.
 */
export async function writeToBranch(
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

export function commitMessage(d: Valid, issue: number): string {
  const what = d.update === 'updated' ? '更新' : d.update === 'resubmitted' ? '重新提交' : '受理';
  return `intake: ${what}${formFor(d.kind).labels[0]} ${d.id} (issue #${issue})`;
}

export function authorOf(ev: IssueEvent): { name: string; email: string } {
  return {
    name: ev.author.login,
    email: `${ev.author.id ? `${ev.author.id}+` : ''}${ev.author.login}@users.noreply.github.com`,
  };
}

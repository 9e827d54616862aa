/**
 * Merging a submission's pull request is the officer's act it asks for: the intake's pull
 * request (branch submission/issue-<n>, opened by the bot) approves a demand or passes an
 * application whose `submit` is already on the ledger; a pull request made by hand for a
 * new entry records its `submit` and the step in one commit. Merges by non-officers, by
 * bots, from forks, and replayed events change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import { recordFromBytes } from '../../pipeline/content/load.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import {
  declaredExtras,
  declaredStep,
  handleComment,
  handlePullRequestMerged,
} from '../../pipeline/handlers/commands.ts';
import { replayActs } from '../../pipeline/review/replay.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { commentPayload, context, mergePayload } from './events.ts';
import { demand, demandPath, fixtureFiles, issueUrl } from './fixture.ts';

let base: Map<string, Uint8Array>;
const repos: TestRepo[] = [];
beforeAll(async () => {
  base = await fixtureFiles();
});
afterAll(() => repos.forEach((r) => r.cleanup()));

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/**
 * A repository where demand TS-2026-009 went through the intake in pull-request mode:
 * its `submit` (from issue #9) is on main, the entry itself on submission/issue-9.
 */
async function intakeRepo(): Promise<{ repo: TestRepo; forge: LocalGitForge }> {
  const files = new Map(base);
  const entry = formatYaml('demand', demand(9));
  // The submit is judged against the entry, so replay it with the entry present, then take the entry off main.
  files.set(demandPath('TS-2026-009'), new TextEncoder().encode(entry));
  const r = await replayActs(files, [
    {
      subject: 'TS-2026-009',
      action: 'submit',
      actor: 'system',
      at: '2026-03-25T10:00:00+08:00',
      source: { kind: 'issues', id: '9', url: issueUrl(9) },
    },
  ]);
  expect(r.refused).toEqual([]);
  files.delete(demandPath('TS-2026-009'));
  const repo = makeRepo(Object.fromEntries(files));
  repos.push(repo);
  const forge = new LocalGitForge(repo.dir);
  const head = (await forge.head('main'))!;
  await forge.createBranch('submission/issue-9', head);
  await forge.commit({
    branch: 'submission/issue-9',
    expectedHead: head,
    message: 'intake: 受理 TS-2026-009',
    files: [{ path: demandPath('TS-2026-009'), content: entry }],
  });
  return { repo, forge };
}

const merge = (repo: TestRepo, branch: string) => repo.git('merge', '--no-ff', '-q', '-m', `Merge ${branch}`, branch);

describe('merging a submission pull request', () => {
  it('is the approval the intake pull request asks for; commands work once it is merged', async () => {
    const { repo, forge } = await intakeRepo();
    // Before the merge the entry is not on main: an approval by comment is refused.
    const early = await handleComment(
      context(
        repo.dir,
        'issue_comment',
        commentPayload({ issue: 9, author: 'bureau-li', body: '/approve', id: 1, at: '2026-04-12T09:00:00+08:00' }),
      ),
    );
    expect(early.verdict).toBe('refused');
    expect(early.errors[0]!.keyword).toBe('no-subject');

    merge(repo, 'submission/issue-9');
    const payload = mergePayload({
      number: 300,
      head: 'submission/issue-9',
      mergedBy: 'bureau-li',
      at: '2026-04-12T10:00:00+08:00',
      title: '【发榜】TS-2026-009',
    });
    (payload.pull_request as Record<string, unknown>).user = { login: 'jiebang[bot]', type: 'Bot' };
    const before = (await forge.head('main'))!;
    const outcome = await handlePullRequestMerged(context(repo.dir, 'pull_request', payload));
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toEqual(['content/decisions/TS-2026-009/0002.yml']);
    const d = recordFromBytes(
      'x/decisions/0002.yml',
      'decision',
      (await forge.readFile('content/decisions/TS-2026-009/0002.yml', 'main'))!,
    ).data as unknown as Decision;
    expect(d).toMatchObject({
      action: 'approve',
      from: 'submitted',
      to: 'prechecked',
      actor: { login: 'bureau-li', role: 'bureau' },
      at: '2026-04-12T10:00:00+08:00',
      source: { kind: 'pull_request', id: '300.merged' },
    });
    expect(outcome.labels).toEqual(['状态:初核通过']);
    expect((await forge.listComments(300))[0]!.body).toContain('已记录');

    // The same event again: nothing new.
    const again = await handlePullRequestMerged(context(repo.dir, 'pull_request', payload));
    expect(again.verdict).toBe('ignored');
    expect(await forge.head('main')).not.toBe(before);
    const headAfter = await forge.head('main');
    await handlePullRequestMerged(context(repo.dir, 'pull_request', payload));
    expect(await forge.head('main')).toBe(headAfter);
    expect(await forge.listComments(300)).toHaveLength(1);

    // And the next step by comment on the issue.
    const next = await handleComment(
      context(
        repo.dir,
        'issue_comment',
        commentPayload({ issue: 9, author: 'bureau-li', body: '/推荐', id: 2, at: '2026-04-20T09:00:00+08:00' }),
      ),
    );
    expect(next.verdict).toBe('valid');
    expect(next.written).toEqual(['content/decisions/TS-2026-009/0003.yml']);
  });

  it('a comment on the intake pull request acts on the issue’s subject', async () => {
    const { repo } = await intakeRepo();
    merge(repo, 'submission/issue-9');
    const payload = commentPayload({
      issue: 300,
      author: 'bureau-li',
      body: '/退回 请补充盖章扫描件',
      id: 3,
      at: '2026-04-12T09:00:00+08:00',
      pullRequest: true,
    });
    Object.assign(payload.issue as Record<string, unknown>, {
      user: { login: 'jiebang[bot]', type: 'Bot' },
      body: '本合并请求由议题 #9 的发榜表自动生成，编号 TS-2026-009。',
    });
    const outcome = await handleComment(context(repo.dir, 'issue_comment', payload));
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toEqual(['content/decisions/TS-2026-009/0002.yml']);
    // The same body on a pull request a person opened links nothing.
    const forged = commentPayload({
      issue: 301,
      author: 'bureau-li',
      body: '/approve',
      id: 4,
      at: '2026-04-12T09:00:00+08:00',
      pullRequest: true,
    });
    Object.assign(forged.issue as Record<string, unknown>, { body: '本合并请求由议题 #3 的发榜表自动生成。' });
    expect((await handleComment(context(repo.dir, 'issue_comment', forged))).errors[0]!.keyword).toBe('no-link');
  });

  it('a hand-made pull request adding a new demand: submit and approval in one commit', async () => {
    const repo = makeRepo(Object.fromEntries(base));
    repos.push(repo);
    const forge = new LocalGitForge(repo.dir);
    const head = (await forge.head('main'))!;
    await forge.createBranch('add-demand', head);
    await forge.commit({
      branch: 'add-demand',
      expectedHead: head,
      message: 'a new demand',
      files: [{ path: demandPath('TS-2026-010'), content: formatYaml('demand', demand(10)) }],
    });
    const headSha = (await forge.head('add-demand'))!;
    merge(repo, 'add-demand');
    const merged = (await forge.head('main'))!;
    // Without the pull request's commits nothing tells what it changed: no act.
    expect(
      (
        await handlePullRequestMerged(
          context(
            repo.dir,
            'pull_request',
            mergePayload({
              number: 310,
              head: 'add-demand',
              title: '发榜：TS-2026-010 碳化硅外延',
              mergedBy: 'admin-zheng',
              at: '2026-04-12T10:00:00+08:00',
            }),
          ),
        )
      ).verdict,
    ).toBe('ignored');
    const outcome = await handlePullRequestMerged(
      context(
        repo.dir,
        'pull_request',
        mergePayload({
          number: 310,
          head: 'add-demand',
          title: '发榜：TS-2026-010 碳化硅外延',
          mergedBy: 'admin-zheng',
          at: '2026-04-12T10:00:00+08:00',
          baseSha: head,
          headSha,
        }),
      ),
    );
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toEqual([
      'content/decisions/TS-2026-010/0001.yml',
      'content/decisions/TS-2026-010/0002.yml',
    ]);
    expect(repo.git('rev-list', '--count', `${merged}..main`)).toBe('1');
    const first = text(await forge.readFile('content/decisions/TS-2026-010/0001.yml', 'main'));
    expect(first).toContain('action: submit');
    expect(first).toContain('kind: pull_request\n  id: "310"');
    expect(text(await forge.readFile('content/decisions/TS-2026-010/0002.yml', 'main'))).toContain(
      'login: admin-zheng',
    );
  });

  it("a demand created in the CMS: the editorial workflow's pull request, once merged, is submitted and approved like any other", async () => {
    // Decap's branch and title for a new entry of the demands collection (docs/cms.md).
    const repo = makeRepo(Object.fromEntries(base));
    repos.push(repo);
    const forge = new LocalGitForge(repo.dir);
    const head = (await forge.head('main'))!;
    const branch = 'cms/demands/TS-2026-011/index';
    await forge.createBranch(branch, head);
    await forge.commit({
      branch,
      expectedHead: head,
      message: '新增大企业技术创新需求表 TS-2026-011/index',
      files: [{ path: demandPath('TS-2026-011'), content: formatYaml('demand', demand(11)) }],
    });
    const headSha = (await forge.head(branch))!;
    merge(repo, branch);
    const outcome = await handlePullRequestMerged(
      context(
        repo.dir,
        'pull_request',
        mergePayload({
          number: 312,
          head: branch,
          title: '新增大企业技术创新需求表 TS-2026-011/index',
          mergedBy: 'admin-zheng',
          at: '2026-04-12T10:00:00+08:00',
          baseSha: head,
          headSha,
        }),
      ),
    );
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toEqual([
      'content/decisions/TS-2026-011/0001.yml',
      'content/decisions/TS-2026-011/0002.yml',
    ]);
    expect(text(await forge.readFile('content/decisions/TS-2026-011/0001.yml', 'main'))).toContain('action: submit');
    const second = text(await forge.readFile('content/decisions/TS-2026-011/0002.yml', 'main'));
    expect(second).toContain('action: approve');
    expect(second).toContain('login: admin-zheng');
  });

  it('a hand-made pull request cannot point its merge at another submission by its title', async () => {
    const repo = makeRepo(Object.fromEntries(base));
    repos.push(repo);
    const forge = new LocalGitForge(repo.dir);
    const before = (await forge.head('main'))!;
    // TS-2026-002 is submitted (through the intake, issue #2); this pull request is not that submission.
    const outcome = await handlePullRequestMerged(
      context(
        repo.dir,
        'pull_request',
        mergePayload({
          number: 311,
          head: 'fix-typo',
          title: 'TS-2026-002 typo',
          mergedBy: 'bureau-li',
          at: '2026-04-12T10:00:00+08:00',
        }),
      ),
    );
    expect(outcome.verdict).toBe('ignored');
    // Nor can a fork's branch named like the intake's.
    const fork = mergePayload({
      number: 312,
      head: 'submission/issue-2',
      mergedBy: 'bureau-li',
      at: '2026-04-12T10:00:00+08:00',
    });
    const pr = fork.pull_request as Record<string, Record<string, unknown>>;
    pr.user = { login: 'jiebang[bot]', type: 'Bot' };
    pr.head!.repo = { full_name: 'attacker/jiebang' };
    pr.base!.repo = { full_name: 'xm-gxj/jiebang' };
    expect((await handlePullRequestMerged(context(repo.dir, 'pull_request', fork))).verdict).toBe('ignored');
    expect(await forge.head('main')).toBe(before);
  });

  it('an unrelated pull request naming a returned demand neither resubmits nor approves it (issue 20)', async () => {
    const repo = makeRepo(Object.fromEntries(base));
    repos.push(repo);
    const forge = new LocalGitForge(repo.dir);
    const start = (await forge.head('main'))!;
    // TS-2026-005 was returned to its issuer. A stranger adds a file to its folder, titled with its id.
    await forge.createBranch('extra', start);
    await forge.commit({
      branch: 'extra',
      expectedHead: start,
      message: 'extra',
      files: [{ path: 'content/demands/TS-2026-005/notes.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }],
    });
    const extraSha = (await forge.head('extra'))!;
    merge(repo, 'extra');
    const before = (await forge.head('main'))!;
    const attack = mergePayload({
      number: 340,
      head: 'extra',
      title: 'TS-2026-005 补充材料',
      mergedBy: 'bureau-li',
      at: '2026-04-12T10:00:00+08:00',
      baseSha: start,
      headSha: extraSha,
      author: 'stranger',
    });
    expect((await handlePullRequestMerged(context(repo.dir, 'pull_request', attack))).verdict).toBe('ignored');
    // Nor does a stranger's change to its entry itself: only its owner (the issuer's representative) fixes a returned demand by hand.
    await forge.createBranch('fix-005', before);
    const entry = text(await forge.readFile(demandPath('TS-2026-005'), 'main')).replace(
      /^title: .*$/m,
      'title: 被改过的标题',
    );
    await forge.commit({
      branch: 'fix-005',
      expectedHead: before,
      message: 'fix',
      files: [{ path: demandPath('TS-2026-005'), content: entry }],
    });
    const fixSha = (await forge.head('fix-005'))!;
    merge(repo, 'fix-005');
    const afterFix = (await forge.head('main'))!;
    const stranger = mergePayload({
      number: 341,
      head: 'fix-005',
      title: 'TS-2026-005',
      mergedBy: 'bureau-li',
      at: '2026-04-12T10:00:00+08:00',
      baseSha: before,
      headSha: fixSha,
      author: 'stranger',
    });
    expect((await handlePullRequestMerged(context(repo.dir, 'pull_request', stranger))).verdict).toBe('ignored');
    expect(await forge.head('main')).toBe(afterFix);
    // A step line hidden in an HTML comment is not obeyed either.
    const hidden = mergePayload({
      number: 342,
      head: 'fix-005',
      title: 'TS-2026-005',
      body: '修正标题\n<!--\njiebang-step: approve\n-->',
      mergedBy: 'bureau-li',
      at: '2026-04-12T10:00:00+08:00',
      baseSha: before,
      headSha: fixSha,
      author: 'stranger',
    });
    expect((await handlePullRequestMerged(context(repo.dir, 'pull_request', hidden))).verdict).toBe('ignored');
    expect(await forge.head('main')).toBe(afterFix);
  });

  it('a merge by someone not entitled, or by a bot, is answered and records nothing', async () => {
    const { repo, forge } = await intakeRepo();
    merge(repo, 'submission/issue-9');
    const before = (await forge.head('main'))!;
    for (const [who, bot, code] of [
      ['random-user', false, 'not-officer'],
      ['miit-zhao', false, 'wrong-role'],
      ['merge-queue[bot]', true, 'bot'],
    ] as const) {
      const payload = mergePayload({
        number: 320,
        head: 'submission/issue-9',
        mergedBy: who,
        bot,
        at: '2026-04-12T10:00:00+08:00',
      });
      (payload.pull_request as Record<string, unknown>).user = { login: 'jiebang[bot]', type: 'Bot' };
      const outcome = await handlePullRequestMerged(context(repo.dir, 'pull_request', payload));
      expect(outcome.verdict).toBe('refused');
      expect(outcome.errors[0]!.keyword).toBe(code);
    }
    expect(await forge.head('main')).toBe(before);
  });

  it('closed without merging, into another branch, or declared as no step: ignored', async () => {
    const { repo, forge } = await intakeRepo();
    const before = (await forge.head('main'))!;
    const bot = (p: Record<string, unknown>) => {
      (p.pull_request as Record<string, unknown>).user = { login: 'jiebang[bot]', type: 'Bot' };
      return p;
    };
    expect(
      (
        await handlePullRequestMerged(
          context(
            repo.dir,
            'pull_request',
            bot(
              mergePayload({
                number: 330,
                head: 'submission/issue-9',
                mergedBy: 'bureau-li',
                at: '2026-04-12T10:00:00+08:00',
                merged: false,
              }),
            ),
          ),
        )
      ).verdict,
    ).toBe('ignored');
    expect(
      (
        await handlePullRequestMerged(
          context(
            repo.dir,
            'pull_request',
            bot(
              mergePayload({
                number: 330,
                head: 'submission/issue-9',
                mergedBy: 'bureau-li',
                at: '2026-04-12T10:00:00+08:00',
                base: 'other',
              }),
            ),
          ),
        )
      ).verdict,
    ).toBe('ignored');
    merge(repo, 'submission/issue-9');
    const merged = (await forge.head('main'))!;
    expect(
      (
        await handlePullRequestMerged(
          context(
            repo.dir,
            'pull_request',
            bot(
              mergePayload({
                number: 330,
                head: 'submission/issue-9',
                mergedBy: 'bureau-li',
                at: '2026-04-12T10:00:00+08:00',
                body: '仅修改错别字。\n\njiebang-step: none',
              }),
            ),
          ),
        )
      ).verdict,
    ).toBe('ignored');
    expect(await forge.head('main')).toBe(merged);
    expect(merged).not.toBe(before);
  });
});

describe('declaredStep', () => {
  it('reads the step a pull request asks for', () => {
    expect(declaredStep('jiebang-step: approve')).toBe('approve');
    expect(declaredStep('说明\n审核步骤：初审通过')).toBe('pass');
    expect(declaredStep('审核步骤: /推荐')).toBe('recommend');
    expect(declaredStep('Jiebang-Step: NONE')).toBe('none');
    expect(declaredStep('nothing here')).toBeUndefined();
    expect(declaredStep('jiebang-step: launch-rockets')).toBeUndefined();
    // Only what a reader sees: not in an HTML comment (closed or not), not in a code block.
    expect(declaredStep('修正\n<!-- jiebang-step: approve -->')).toBeUndefined();
    expect(declaredStep('修正\n<!--\n审核步骤：初审通过\n-->\n')).toBeUndefined();
    expect(declaredStep('修正\n<!--\njiebang-step: approve')).toBeUndefined();
    expect(declaredStep('```\njiebang-step: approve\n```')).toBeUndefined();
    expect(declaredStep('<!-- note -->\njiebang-step: pass')).toBe('pass');
  });

  it('reads the document an act on paper is recorded from, on the step line', () => {
    const body = `收文登记\n审核步骤：/初审通过 代=申报单位 文号=撤回函-1 日期=2026年7月3日 sha256=${'c'.repeat(64)} 文件=content/decisions/TS-2026-001-A02/evidence/letter.pdf`;
    expect(declaredStep(body)).toBe('pass');
    expect(declaredExtras(body)).toEqual({
      ok: true,
      rest: '',
      extras: {
        onBehalfOf: 'submitter',
        evidence: {
          documentNo: '撤回函-1',
          date: '2026-07-03',
          sha256: 'c'.repeat(64),
          file: 'content/decisions/TS-2026-001-A02/evidence/letter.pdf',
        },
      },
    });
    expect(declaredExtras('jiebang-step: approve')).toEqual({ ok: true, rest: '', extras: {} });
    expect(declaredExtras('jiebang-step: approve sha256=xyz')).toMatchObject({
      ok: false,
      zh: expect.stringContaining('不是 64 位十六进制'),
    });
  });
});

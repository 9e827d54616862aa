/**
 * The GitHub adapter against the local fake server: every Forge operation, compare-and-swap
 * losing a race, the one-comment rule, managed labels, a read-only token, and a whole issue
 * event from the environment (as the action gets it) with the REST calls it made.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextFromEnv } from '../../pipeline/events/context.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { GitHubError, GitHubForge } from '../../pipeline/forge/github.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { intakeFiles, OPEN_DEMAND, SME_SEALED } from '../fixtures/intake/repo.ts';
import { issueEvent } from '../fixtures/intake/events.ts';
import { applicationIssue, demandSubmission } from '../fixtures/intake/samples.ts';

let fake: FakeGitHub;
let forge: GitHubForge;
const tmp = mkdtempSync(join(tmpdir(), 'jiebang-gh-'));

beforeEach(async () => {
  await fake?.stop();
  fake = new FakeGitHub({
    files: { 'README.md': '# repo\n', 'content/a.yml': 'a: 1\n', 'content/sub/b.yml': 'b: 2\n' },
  });
  await fake.start();
  forge = new GitHubForge({ apiUrl: fake.url, token: fake.token, owner: fake.owner, repo: fake.repo });
});
afterAll(async () => {
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('reading', () => {
  it('reads heads, files (raw bytes), listings and batches', async () => {
    const head = await forge.head('main');
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(await forge.head('nope')).toBeUndefined();
    expect(new TextDecoder().decode(await forge.readFile('content/sub/b.yml', head!))).toBe('b: 2\n');
    expect(await forge.readFile('content/missing.yml', head!)).toBeUndefined();
    expect(await forge.listFiles('content', head!)).toEqual(['content/a.yml', 'content/sub/b.yml']);
    expect(await forge.listFiles('', head!)).toEqual(['README.md', 'content/a.yml', 'content/sub/b.yml']);
    const batch = await forge.readFiles(['content/a.yml', 'x.yml'], head!);
    expect([...batch.keys()]).toEqual(['content/a.yml', 'x.yml']);
    expect(batch.get('x.yml')).toBeUndefined();
    // The tree of a commit is fetched once, whatever the number of listings.
    expect(fake.calls.filter((c) => c.path.includes('/git/trees/')).length).toBe(1);
    expect(fake.calls.find((c) => c.path.includes('/contents/'))!.query.ref).toBe(head);
  });
});

describe('compare-and-swap commits', () => {
  it('commits many files as one: text inline in one tree, binary files as blobs, one commit, a fast-forward ref update', async () => {
    const head = (await forge.head('main'))!;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]);
    const r = await forge.commit({
      branch: 'main',
      expectedHead: head,
      message: 'add c',
      files: [
        { path: 'content/c.yml', content: 'c: 3\n' },
        { path: 'content/d.yml', content: new TextEncoder().encode('d: 中文\n') },
        { path: 'content/e.yml', content: 'e: 5\n' },
        { path: 'content/scan.png', content: png },
        { path: 'content/a.yml', content: null },
      ],
      author: { name: 'alice', email: 'alice@example.cn' },
    });
    expect(r.ok).toBe(true);
    const files = fake.filesAt('main');
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'content/c.yml',
      'content/d.yml',
      'content/e.yml',
      'content/scan.png',
      'content/sub/b.yml',
    ]);
    expect(files['content/d.yml']).toBe('d: 中文\n');
    expect(
      new Uint8Array(
        fake.blobs.get(fake.trees.get(fake.commits.get(r.ok ? r.sha : '')!.tree)!.get('content/scan.png')!)!,
      ),
    ).toEqual(png);
    // Four round trips whatever the number of files: only the binary one becomes a blob first.
    const writes = fake.writes().map((c) => `${c.method} ${c.path.replace(/^\/repos\/[^/]+\/[^/]+\//, '')}`);
    expect(writes).toEqual(['POST git/blobs', 'POST git/trees', 'POST git/commits', 'PATCH git/refs/heads/main']);
    const tree = fake.writes()[1]!.body as { base_tree: string; tree: Array<Record<string, unknown>> };
    expect(tree.tree.map((e) => [e.path, 'content' in e ? 'inline' : e.sha === null ? 'delete' : 'blob'])).toEqual([
      ['content/c.yml', 'inline'],
      ['content/d.yml', 'inline'],
      ['content/e.yml', 'inline'],
      ['content/scan.png', 'blob'],
      ['content/a.yml', 'delete'],
    ]);
    // The commit's only parent is the expected head, and the ref update is not forced.
    expect((fake.writes()[2]!.body as { parents: string[] }).parents).toEqual([head]);
    expect(fake.writes().at(-1)!.body).toMatchObject({ force: false });
  });

  it('says the branch moved when GitHub refuses the ref update as not a fast forward', async () => {
    const head = (await forge.head('main'))!;
    let other = '';
    fake.beforeRefUpdate = () => {
      fake.beforeRefUpdate = undefined;
      other = fake.commitOn('main', { 'content/z.yml': 'z\n' });
    };
    const r = await forge.commit({
      branch: 'main',
      expectedHead: head,
      message: 'racing',
      files: [
        { path: 'content/y.yml', content: 'y\n' },
        { path: 'content/w.yml', content: 'w\n' },
      ],
    });
    expect(r).toEqual({ ok: false, reason: 'moved', head: other });
    const patch = fake.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.status).toBe(422);
    expect(fake.refs.get('main')).toBe(other);
    expect(fake.filesAt('main')['content/y.yml']).toBeUndefined();
  });

  it('says the branch moved when the expected head is stale, and when another writer wins the race', async () => {
    const head = (await forge.head('main'))!;
    const other = fake.commitOn('main', { 'content/x.yml': 'x\n' });
    expect(
      await forge.commit({
        branch: 'main',
        expectedHead: head,
        message: 'late',
        files: [{ path: 'content/y.yml', content: 'y\n' }],
      }),
    ).toEqual({ ok: false, reason: 'moved', head: other });
    fake.beforeRefUpdate = () => {
      fake.beforeRefUpdate = undefined;
      fake.commitOn('main', { 'content/z.yml': 'z\n' });
    };
    const r = await forge.commit({
      branch: 'main',
      expectedHead: other,
      message: 'racing',
      files: [{ path: 'content/y.yml', content: 'y\n' }],
    });
    expect(r.ok).toBe(false);
    expect(fake.filesAt('main')['content/y.yml']).toBeUndefined();
    expect(fake.filesAt('main')['content/z.yml']).toBe('z\n');
  });

  it('makes no empty commit when nothing changes', async () => {
    const head = (await forge.head('main'))!;
    expect(
      await forge.commit({
        branch: 'main',
        expectedHead: head,
        message: 'same',
        files: [{ path: 'content/a.yml', content: 'a: 1\n' }],
      }),
    ).toEqual({ ok: true, sha: head });
    expect(fake.writes().some((c) => c.path.endsWith('git/commits'))).toBe(false);
  });

  it('creates a branch once, and reports what a branch changes from the merge base', async () => {
    const head = (await forge.head('main'))!;
    await forge.createBranch('submission/issue-5', head);
    await forge.createBranch('submission/issue-5', head); // already there: fine
    await forge.commit({
      branch: 'submission/issue-5',
      expectedHead: head,
      message: 'b',
      files: [
        { path: 'content/new.yml', content: 'n\n' },
        { path: 'content/sub/b.yml', content: 'b: 3\n' },
      ],
    });
    fake.commitOn('main', { 'content/later-on-main.yml': 'm\n' });
    expect(await forge.changedFiles('main', 'submission/issue-5')).toEqual([
      { path: 'content/new.yml', status: 'added' },
      { path: 'content/sub/b.yml', status: 'modified' },
    ]);
    await expect(forge.createBranch('submission/issue-5', (await forge.head('main'))!)).rejects.toBeInstanceOf(
      GitHubError,
    );
  });
});

describe('issues and pull requests', () => {
  it('keeps one bot comment per marker, edited in place, and leaves people’s comments alone', async () => {
    fake.addIssue({ number: 7, title: 't', body: 'b', user: { login: 'u', type: 'User' } });
    fake.addComment(7, 'quoting <!-- m --> in a user comment');
    expect((await forge.upsertComment(7, '<!-- m -->', '<!-- m -->\none')).created).toBe(true);
    expect((await forge.upsertComment(7, '<!-- m -->', '<!-- m -->\ntwo')).created).toBe(false);
    await forge.upsertComment(7, '<!-- m -->', '<!-- m -->\ntwo'); // unchanged: no edit
    expect(fake.commentsOn(7).map((c) => c.body)).toEqual(['quoting <!-- m --> in a user comment', '<!-- m -->\ntwo']);
    expect(fake.writes().map((c) => c.method)).toEqual(['POST', 'PATCH']);
    expect((await forge.listComments(7)).map((c) => c.isBot)).toEqual([false, true]);
  });

  it('sets managed labels only', async () => {
    fake.addIssue({ number: 8, title: 't', body: 'b', user: { login: 'u', type: 'User' }, labels: ['优先', '待修改'] });
    await forge.setLabels(8, ['揭榜', '待初审'], ['揭榜', '待修改', '待初审']);
    expect(fake.issues.get(8)!.labels.sort()).toEqual(['优先', '待初审', '揭榜'].sort());
  });

  it('opens a pull request once and finds it again', async () => {
    const head = (await forge.head('main'))!;
    await forge.createBranch('submission/issue-9', head);
    await forge.commit({
      branch: 'submission/issue-9',
      expectedHead: head,
      message: 'x',
      files: [{ path: 'content/x.yml', content: 'x\n' }],
    });
    const a = await forge.openPullRequest({ head: 'submission/issue-9', base: 'main', title: 'T', body: 'B' });
    const b = await forge.openPullRequest({ head: 'submission/issue-9', base: 'main', title: 'T', body: 'B' });
    expect(b).toEqual(a);
    expect(fake.writes().filter((c) => c.path.endsWith('/pulls')).length).toBe(1);
    expect((await forge.getPullRequest(a.number))!.head).toMatchObject({ ref: 'submission/issue-9' });
  });

  it('cannot write with a read-only token', async () => {
    const ro = new GitHubForge({ apiUrl: fake.url, token: fake.readOnlyToken, owner: fake.owner, repo: fake.repo });
    const head = (await ro.head('main'))!;
    await expect(
      ro.commit({
        branch: 'main',
        expectedHead: head,
        message: 'x',
        files: [{ path: 'content/x.yml', content: 'x\n' }],
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(ro.upsertComment(1, 'm', 'm')).rejects.toMatchObject({ status: 403 });
  });
});

describe('an issue event from the environment, end to end against the fake API', () => {
  let big: FakeGitHub;
  beforeAll(async () => {
    big = new FakeGitHub({ files: intakeFiles() });
    await big.start();
  });
  afterAll(() => big.stop());

  it('accepts an application: decision on main, entry on its branch, one pull request, one comment, labels', async () => {
    const body = bodyFromRecord('application', applicationIssue(OPEN_DEMAND, SME_SEALED));
    big.addIssue({ number: 21, title: '揭榜', body, user: { login: 'xinsense', type: 'User' }, labels: ['揭榜'] });
    const payload = {
      action: 'opened',
      issue: {
        number: 21,
        title: '揭榜',
        body,
        state: 'open',
        labels: [{ name: '揭榜' }],
        user: { login: 'xinsense', id: 9, type: 'User' },
        html_url: 'https://github.com/xm-gxj/jiebang/issues/21',
        created_at: '2026-08-03T02:00:00Z',
        updated_at: '2026-08-03T02:00:00Z',
      },
      repository: {
        full_name: 'xm-gxj/jiebang',
        html_url: 'https://github.com/xm-gxj/jiebang',
        default_branch: 'main',
      },
    };
    const eventPath = join(tmp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(payload));
    const env = {
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'xm-gxj/jiebang',
      GITHUB_TOKEN: big.token,
      GITHUB_API_URL: big.url,
    };
    const ctx = await contextFromEnv(env, new Date('2026-08-03T02:00:05Z'));
    expect(ctx.now.toISOString()).toBe('2026-08-03T02:00:00.000Z');
    const first = await route(ctx);
    expect(first.verdict).toBe('valid');
    expect(first.written).toEqual([
      'content/decisions/XM-2026-001-A02/0001.yml',
      'content/applications/XM-2026-001-A02.yml',
    ]);
    expect(Object.keys(big.filesAt('main'))).toContain('content/decisions/XM-2026-001-A02/0001.yml');
    expect(Object.keys(big.filesAt('main'))).not.toContain('content/applications/XM-2026-001-A02.yml');
    expect(big.filesAt('submission/issue-21')['content/applications/XM-2026-001-A02.yml']).toMatch(
      /^id: XM-2026-001-A02\n/,
    );
    expect([...big.pulls.values()].map((p) => [p.head, p.base, p.title])).toEqual([
      ['submission/issue-21', 'main', '【揭榜】XM-2026-001-A02'],
    ]);
    expect(big.commentsOn(21)).toHaveLength(1);
    expect(big.commentsOn(21)[0]!.body).toContain('## ✅ 已受理：XM-2026-001-A02');
    expect(big.commentsOn(21)[0]!.body).toContain('(https://github.com/xm-gxj/jiebang/pull/');
    expect(big.commentsOn(21)[0]!.body).toBe(first.comment);

    // The answer first: posted once the checks pass and the ledger holds the claim, before the
    // entry's branch is written and its pull request opened; then edited to link the pull request.
    const writes = big.writes().map((c) => `${c.method} ${c.path.replace(/^\/repos\/[^/]+\/[^/]+\//, '')}`);
    const answered = writes.indexOf('POST issues/21/comments');
    expect(answered).toBeGreaterThan(writes.indexOf('PATCH git/refs/heads/main'));
    expect(answered).toBeLessThan(writes.indexOf('PATCH git/refs/heads/submission/issue-21'));
    expect(answered).toBeLessThan(writes.indexOf('POST pulls'));
    expect(writes.at(-1)).toMatch(/^PATCH issues\/comments\/\d+$/);
    const answer = String((big.writes()[answered]!.body as { body: string }).body);
    expect(answer).toContain('## ✅ 已受理：XM-2026-001-A02');
    expect(answer).toContain('核对记录正在生成');
    expect(answer).not.toContain('/pull/');
    expect(big.issues.get(21)!.labels.sort()).toEqual(['待初审', '揭榜'].sort());
    // No workflow runs on a pull request the pipeline opened; its check status comes from the intake.
    expect(big.statuses).toEqual([
      {
        sha: big.refs.get('submission/issue-21')!,
        state: 'success',
        description: '受理检查通过（议题 #21）',
        context: 'jiebang / 内容检查',
      },
    ]);

    // The same event again (a re-run): nothing new is written, the comment is not duplicated.
    const before = big.writes().length;
    const again = await route(await contextFromEnv(env, new Date('2026-08-03T02:10:00Z')));
    expect(again.written).toEqual([]);
    expect(big.commentsOn(21)).toHaveLength(1);
    expect(
      big
        .writes()
        .slice(before)
        .map((c) => c.method),
    ).toEqual([]);
  });

  it('answers honestly when a write after the answer fails, and the next run finishes the job', async () => {
    const fake = new FakeGitHub({ files: intakeFiles() });
    await fake.start();
    try {
      const body = bodyFromRecord('application', applicationIssue(OPEN_DEMAND, SME_SEALED));
      fake.addIssue({ number: 30, title: '揭榜', body, user: { login: 'xinsense', type: 'User' }, labels: ['揭榜'] });
      const payload = {
        action: 'opened',
        issue: {
          number: 30,
          title: '揭榜',
          body,
          state: 'open',
          labels: [{ name: '揭榜' }],
          user: { login: 'xinsense', id: 9, type: 'User' },
          html_url: 'https://github.com/xm-gxj/jiebang/issues/30',
          created_at: '2026-08-03T02:00:00Z',
          updated_at: '2026-08-03T02:00:00Z',
        },
        repository: {
          full_name: 'xm-gxj/jiebang',
          html_url: 'https://github.com/xm-gxj/jiebang',
          default_branch: 'main',
        },
      };
      const eventPath = join(tmp, 'event-30.json');
      writeFileSync(eventPath, JSON.stringify(payload));
      const env = {
        GITHUB_EVENT_NAME: 'issues',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'xm-gxj/jiebang',
        GITHUB_TOKEN: fake.token,
        GITHUB_API_URL: fake.url,
      };
      fake.refuse = (method, route) => (method === 'POST' && route === 'pulls' ? 500 : undefined);
      await expect(route(await contextFromEnv(env, new Date('2026-08-03T02:00:05Z')))).rejects.toBeInstanceOf(
        GitHubError,
      );
      // The answer does not point at a pull request that does not exist, nor claim one is coming.
      const [comment] = fake.commentsOn(30);
      expect(comment!.body).toContain('## ✅ 已受理：XM-2026-001-A02');
      expect(comment!.body).toContain('核对记录暂未生成');
      expect(comment!.body).not.toContain('正在生成');
      expect(comment!.body).not.toContain('/pull/');
      expect(fake.pulls.size).toBe(0);

      fake.refuse = undefined;
      const again = await route(await contextFromEnv(env, new Date('2026-08-03T02:05:00Z')));
      expect(again.verdict).toBe('valid');
      expect([...fake.pulls.values()].map((p) => p.head)).toEqual(['submission/issue-30']);
      expect(fake.commentsOn(30)).toHaveLength(1);
      expect(fake.commentsOn(30)[0]!.body).toContain('(https://github.com/xm-gxj/jiebang/pull/');
    } finally {
      await fake.stop();
    }
  });

  it('gives concurrent submissions distinct ids on a forge with round trips, each answered with its own pull request', async () => {
    const fake = new FakeGitHub({ files: intakeFiles(), latencyMs: 5 });
    await fake.start();
    try {
      const n = 4;
      // One adapter per submission, as separate workflow runs would have.
      const outcomes = await Promise.all(
        Array.from({ length: n }, (_, i) => {
          const body = bodyFromRecord('demand', { ...demandSubmission(), title: `并发提交的需求第${i + 1}号` });
          fake.addIssue({ number: 700 + i, title: '发榜', body, user: { login: 'xinsense-ltd', type: 'User' } });
          return route({
            name: 'issues',
            payload: issueEvent({ number: 700 + i, body, labels: ['发榜'], at: '2026-04-10T02:00:00Z' }),
            forge: new GitHubForge({ apiUrl: fake.url, token: fake.token, owner: fake.owner, repo: fake.repo }),
            branch: 'main',
            now: new Date('2026-04-10T02:00:00Z'),
          });
        }),
      );
      expect(outcomes.map((o) => o.verdict)).toEqual(Array(n).fill('valid'));
      const ids = outcomes.map((o) => /## ✅ 已受理：(\S+)/.exec(o.comment ?? '')?.[1]);
      expect(new Set(ids).size).toBe(n);
      const main = Object.keys(fake.filesAt('main'));
      for (const [i, id] of ids.entries()) {
        expect(main).toContain(`content/decisions/${id}/0001.yml`);
        const [comment] = fake.commentsOn(700 + i);
        expect(comment!.body).toBe(outcomes[i]!.comment);
        const pr = [...fake.pulls.values()].find((p) => p.head === `submission/issue-${700 + i}`)!;
        expect(pr.title).toContain(id!);
        expect(comment!.body).toContain(`/pull/${pr.number})`);
      }
    } finally {
      await fake.stop();
    }
  });
});

/**
 * The local git adapter against real repositories: atomic multi-file commits, compare-and-
 * swap on the branch head, concurrent writers in promises and in separate processes, the
 * work tree kept in step (and hand edits left alone), bare repositories, and the outbox.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { commitWithRetry } from '../../pipeline/forge/retry.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { optimistic } from '../helpers/optimistic.ts';

const repos: TestRepo[] = [];
const repo = (...args: Parameters<typeof makeRepo>) => {
  const r = makeRepo(...args);
  repos.push(r);
  return r;
};
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});
const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

describe('commits', () => {
  it('writes several files in one commit, visible at the new head and in the work tree', async () => {
    const r = repo({ 'content/a.yml': 'a: 1\n' });
    const forge = new LocalGitForge(r.dir);
    const before = (await forge.head('main'))!;
    const res = await forge.commit({
      branch: 'main',
      expectedHead: before,
      message: 'two files',
      author: { name: '张三', email: 'z@x.invalid' },
      files: [
        { path: 'content/decisions/XM-2023-001/0001.yml', content: 'seq: 1\n' },
        { path: 'content/a.yml', content: 'a: 2\n' },
      ],
    });
    expect(res.ok).toBe(true);
    const head = (await forge.head('main'))!;
    expect(res.ok && res.sha).toBe(head);
    expect(r.git('rev-parse', `${head}^`)).toBe(before);
    expect(r.git('show', '-s', '--format=%an|%cn', head)).toBe('张三|jiebang');
    expect(r.git('diff-tree', '--no-commit-id', '--name-only', '-r', head).split('\n').sort()).toEqual([
      'content/a.yml',
      'content/decisions/XM-2023-001/0001.yml',
    ]);
    expect(text(await forge.readFile('content/a.yml', head))).toBe('a: 2\n');
    expect(text(await forge.readFile('content/a.yml', before))).toBe('a: 1\n');
    expect(await forge.readFile('content/none.yml', head)).toBeUndefined();
    expect(await forge.listFiles('content/decisions', head)).toEqual(['content/decisions/XM-2023-001/0001.yml']);
    expect(await forge.listFiles('content', 'main')).toEqual([
      'content/a.yml',
      'content/decisions/XM-2023-001/0001.yml',
    ]);
    // The checked-out work tree and index follow the branch.
    expect(readFileSync(join(r.dir, 'content/a.yml'), 'utf8')).toBe('a: 2\n');
    expect(readFileSync(join(r.dir, 'content/decisions/XM-2023-001/0001.yml'), 'utf8')).toBe('seq: 1\n');
    expect(r.git('status', '--porcelain')).toBe('');
  });

  it('deletes a file given null content, and makes no empty commit when nothing changes', async () => {
    const r = repo({ 'content/a.yml': 'a\n', 'content/b.yml': 'b\n' });
    const forge = new LocalGitForge(r.dir);
    const h0 = (await forge.head('main'))!;
    const del = await forge.commit({
      branch: 'main',
      expectedHead: h0,
      message: 'delete',
      files: [{ path: 'content/b.yml', content: null }],
    });
    expect(del.ok).toBe(true);
    const h1 = (await forge.head('main'))!;
    expect(await forge.listFiles('content', h1)).toEqual(['content/a.yml']);
    expect(existsSync(join(r.dir, 'content/b.yml'))).toBe(false);
    expect(r.git('status', '--porcelain')).toBe('');
    const same = await forge.commit({
      branch: 'main',
      expectedHead: h1,
      message: 'same',
      files: [{ path: 'content/a.yml', content: 'a\n' }],
    });
    expect(same).toEqual({ ok: true, sha: h1 });
    expect(await forge.head('main')).toBe(h1);
  });

  it('refuses to commit on a stale head and changes nothing', async () => {
    const r = repo();
    const forge = new LocalGitForge(r.dir);
    const h0 = (await forge.head('main'))!;
    await forge.commit({ branch: 'main', expectedHead: h0, message: 'first', files: [{ path: 'x', content: '1' }] });
    const h1 = (await forge.head('main'))!;
    const stale = await forge.commit({
      branch: 'main',
      expectedHead: h0,
      message: 'second',
      files: [{ path: 'y', content: '2' }],
    });
    expect(stale).toEqual({ ok: false, reason: 'moved', head: h1 });
    expect(await forge.head('main')).toBe(h1);
    expect(await forge.readFile('y', h1)).toBeUndefined();
  });

  it('rejects paths that escape the tree or reach into .git', async () => {
    const r = repo();
    const forge = new LocalGitForge(r.dir);
    const h = (await forge.head('main'))!;
    for (const path of [
      '../x',
      '/etc/passwd',
      '.git/config',
      'content/../../x',
      'a//b',
      'content/.GIT/hooks',
      'a\\b',
      'a\nb',
      '',
    ]) {
      await expect(
        forge.commit({ branch: 'main', expectedHead: h, message: 'm', files: [{ path, content: 'x' }] }),
      ).rejects.toThrow(/unsafe repository path/);
    }
    await expect(forge.head('../main')).rejects.toThrow(/invalid branch/);
    expect(await forge.head('main')).toBe(h);
  });

  it('creates branches, idempotently', async () => {
    const r = repo();
    const forge = new LocalGitForge(r.dir);
    const h = (await forge.head('main'))!;
    expect(await forge.head('intake/XM-2026-001')).toBeUndefined();
    await forge.createBranch('intake/XM-2026-001', h);
    await forge.createBranch('intake/XM-2026-001', h);
    expect(await forge.head('intake/XM-2026-001')).toBe(h);
    // A branch that is not checked out moves without touching the work tree.
    await forge.commit({
      branch: 'intake/XM-2026-001',
      expectedHead: h,
      message: 'm',
      files: [{ path: 'content/n.yml', content: 'n' }],
    });
    expect(existsSync(join(r.dir, 'content/n.yml'))).toBe(false);
    expect(r.git('status', '--porcelain')).toBe('');
    const moved = (await forge.head('intake/XM-2026-001'))!;
    await expect(forge.createBranch('intake/XM-2026-001', h)).rejects.toThrow(/exists/);
    expect(moved).not.toBe(h);
  });

  it('works on a bare repository', async () => {
    const r = repo({ 'content/a.yml': 'a\n' }, { bare: true });
    const forge = new LocalGitForge(r.dir);
    const h = (await forge.head('main'))!;
    const res = await forge.commit({
      branch: 'main',
      expectedHead: h,
      message: 'm',
      files: [{ path: 'content/b.yml', content: 'b\n' }],
    });
    expect(res.ok).toBe(true);
    expect(await forge.listFiles('content', 'main')).toEqual(['content/a.yml', 'content/b.yml']);
  });

  it('leaves a hand-edited work-tree file alone and reports it', async () => {
    const r = repo({ 'content/a.yml': 'a: 1\n' });
    const forge = new LocalGitForge(r.dir);
    writeFileSync(join(r.dir, 'content/a.yml'), 'a: edited by hand\n');
    const h = (await forge.head('main'))!;
    const res = await forge.commit({
      branch: 'main',
      expectedHead: h,
      message: 'm',
      files: [
        { path: 'content/a.yml', content: 'a: 2\n' },
        { path: 'content/c.yml', content: 'c\n' },
      ],
    });
    expect(res.ok).toBe(true);
    expect(readFileSync(join(r.dir, 'content/a.yml'), 'utf8')).toBe('a: edited by hand\n');
    expect(readFileSync(join(r.dir, 'content/c.yml'), 'utf8')).toBe('c\n');
    expect(forge.skippedSync).toEqual(['content/a.yml']);
    expect(text(await forge.readFile('content/a.yml', 'main'))).toBe('a: 2\n');
  });
});

describe('concurrent writers', () => {
  it('60 writers in parallel promises lose no write (compare-and-swap and retry alone)', async () => {
    const r = repo();
    const forge = optimistic(new LocalGitForge(r.dir));
    const n = 60;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        commitWithRetry(forge, 'main', async () => ({
          write: { message: `w${i}`, files: [{ path: `content/p/${i}.txt`, content: `${i}\n` }] },
          result: i,
        })),
      ),
    );
    const head = (await forge.head('main'))!;
    expect((await forge.listFiles('content/p', head)).length).toBe(n);
    // One commit per write, in one line of history.
    expect(Number(r.git('rev-list', '--count', head))).toBe(n + 1);
    expect(r.git('rev-list', '--merges', head)).toBe('');
    expect(results.reduce((s, w) => s + w.attempts, 0)).toBe(n + forge.moved);
    expect(forge.moved).toBeGreaterThan(0); // they did collide, and retried
    expect(r.git('status', '--porcelain')).toBe('');
    for (let i = 0; i < n; i++) expect(readFileSync(join(r.dir, `content/p/${i}.txt`), 'utf8')).toBe(`${i}\n`);
  });

  it('writers taking turns through the write lock never collide', async () => {
    const r = repo();
    const forge = new LocalGitForge(r.dir);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        commitWithRetry(forge, 'main', async () => ({
          write: { message: `w${i}`, files: [{ path: `content/q/${i}.txt`, content: `${i}\n` }] },
          result: i,
        })),
      ),
    );
    expect(results.every((w) => w.attempts === 1)).toBe(true);
    expect((await forge.listFiles('content/q', 'main')).length).toBe(30);
  });

  it('writers in 6 separate processes lose no write', async () => {
    const r = repo();
    const worker = join(import.meta.dirname, 'fixtures/commit-worker.ts');
    const run = (prefix: string) => promisify(execFile)(process.execPath, [worker, r.dir, prefix, '5']);
    await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map(run));
    const forge = new LocalGitForge(r.dir);
    expect((await forge.listFiles('content/worker', 'main')).length).toBe(30);
    expect(Number(r.git('rev-list', '--count', 'main'))).toBe(31);
    expect(r.git('status', '--porcelain')).toBe('');
  });

  it('two writers racing from one head: exactly one wins', async () => {
    const r = repo();
    const forge = new LocalGitForge(r.dir);
    for (let round = 0; round < 10; round++) {
      const h = (await forge.head('main'))!;
      const results = await Promise.all(
        ['x', 'y'].map((who) =>
          forge.commit({
            branch: 'main',
            expectedHead: h,
            message: who,
            files: [{ path: `content/race/${round}.txt`, content: who }],
          }),
        ),
      );
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      const loser = results.find((x) => !x.ok)!;
      expect(loser).toEqual({ ok: false, reason: 'moved', head: await forge.head('main') });
    }
  });

  it('a writer killed at any moment leaves the branch before or after a whole commit', async () => {
    const r = repo({}, { bare: true });
    const worker = join(import.meta.dirname, 'fixtures/commit-worker.ts');
    const count = () => Number(r.git('rev-list', '--count', 'main'));
    for (const round of [1, 2, 3, 4]) {
      const before = count();
      const child = spawn(process.execPath, [worker, r.dir, `k${round}`, '100'], { stdio: 'ignore' });
      // Let it commit a few times, then kill it at an arbitrary moment of a later commit.
      const deadline = Date.now() + 20_000;
      while (count() < before + 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      await new Promise((res) => setTimeout(res, Math.random() * 40));
      child.kill('SIGKILL');
      await new Promise((res) => child.on('close', res));
    }
    // A lock left by a killed writer does not block the next one.
    const forge = new LocalGitForge(r.dir);
    const after = await commitWithRetry(forge, 'main', async () => ({
      write: { message: 'write content/after.txt', files: [{ path: 'content/after.txt', content: 'x' }] },
      result: 0,
    }));
    expect(after.sha).toBe(await forge.head('main'));
    expect(() => r.git('fsck', '--connectivity-only', '--no-dangling')).not.toThrow();
    // Every commit on the branch adds exactly the one file it names, in a line of history.
    const commits = r.git('rev-list', 'main').split('\n').slice(0, -1);
    expect(commits.length).toBeGreaterThanOrEqual(8);
    for (const c of commits) {
      const subject = r.git('show', '-s', '--format=%s', c);
      expect(r.git('diff-tree', '--no-commit-id', '--name-only', '-r', c)).toBe(subject.replace(/^write /, ''));
    }
  });
});

describe('outbox', () => {
  it('records comments, labels and pull requests, idempotently', async () => {
    const r = repo();
    const forge = new LocalGitForge(r.dir);
    const a = await forge.upsertComment(7, 'jiebang:intake', '第一次');
    const b = await forge.upsertComment(7, 'jiebang:intake', '第二次');
    const c = await forge.upsertComment(7, 'jiebang:intake', '第二次');
    expect([a.created, b.created, c.created]).toEqual([true, false, false]);
    expect(b.id).toBe(a.id);
    await forge.reply(7, '已记录');
    expect(await forge.listComments(7)).toEqual([
      { id: a.id, author: 'jiebang[bot]', body: '第二次', isBot: true },
      { id: a.id + 1, author: 'jiebang[bot]', body: '已记录', isBot: true },
    ]);
    await forge.setLabels(7, ['valid', 'demand'], ['valid', 'invalid', 'demand']);
    const outbox = await forge.outbox();
    await outbox.update((d) => {
      d.issues['7']!.labels.push('other');
    });
    await forge.setLabels(7, ['invalid'], ['valid', 'invalid']);
    expect((await outbox.read()).issues['7']!.labels).toEqual(['demand', 'other', 'invalid']);
    const pr1 = await forge.openPullRequest({ head: 'intake/XM-2026-001', base: 'main', title: 't', body: 'b' });
    const pr2 = await forge.openPullRequest({ head: 'intake/XM-2026-001', base: 'main', title: 't', body: 'b' });
    expect(pr2).toEqual(pr1);
    expect(pr1.number).toBe(8);
    expect(pr1.url).toBe(`file://${r.dir}/pull/8`);
    const log = (await outbox.read()).log.map((e) => e.op);
    expect(log).toEqual(['comment', 'edit-comment', 'comment', 'labels', 'labels', 'pull-request']);
    expect(existsSync(join(r.dir, '.git/jiebang/outbox.json'))).toBe(true);
  });

  it('loses no entry when many writers post at once', async () => {
    const r = repo();
    const forges = Array.from({ length: 4 }, () => new LocalGitForge(r.dir));
    await Promise.all(Array.from({ length: 40 }, (_, i) => forges[i % 4]!.reply(1, `reply ${i}`)));
    const comments = await forges[0]!.listComments(1);
    expect(comments).toHaveLength(40);
    expect(new Set(comments.map((c) => c.id)).size).toBe(40);
  });
});

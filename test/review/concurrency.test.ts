/**
 * Concurrent acts on a real git repository: many officers acting at once on different
 * subjects lose no write (each act lands, each chain stays intact), and two acts racing on
 * one subject end with exactly one decision, the other answered with the current state.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { auditDirectory } from '../../pipeline/review/audit.ts';
import { handleComment } from '../../pipeline/handlers/commands.ts';
import type { SampleAct } from '../../pipeline/review/replay.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { optimistic } from '../helpers/optimistic.ts';
import { commentPayload, context, type CommentSpec } from './events.ts';
import { fixtureFiles, issueUrl } from './fixture.ts';

// Demands TS-2026-201 … 276 (issues #201 … #276; no fixture application uses those numbers).
const EXTRA = Array.from({ length: 76 }, (_, i) => 201 + i);
const id = (n: number) => `TS-2026-${n}`;
let repo: TestRepo;

beforeAll(async () => {
  const acts: SampleAct[] = EXTRA.map((n, i) => ({
    subject: id(n),
    action: 'submit',
    actor: 'system',
    at: `2026-03-20T10:${String(i % 60).padStart(2, '0')}:00+08:00`,
    source: { kind: 'issues', id: String(n), url: issueUrl(n) },
  }));
  repo = makeRepo(Object.fromEntries(await fixtureFiles({ extraDemands: EXTRA, acts })));
});
afterAll(() => repo.cleanup());

const approve = (n: number, commentId: number, author = 'bureau-li', body = '/approve'): CommentSpec => ({
  issue: n,
  author,
  body,
  id: commentId,
  at: '2026-04-15T10:00:00+08:00',
});

describe('concurrent acts', () => {
  it('50 acts in parallel on different subjects: every one is recorded, no chain broken', async () => {
    const forge = new LocalGitForge(repo.dir);
    const before = (await forge.head('main'))!;
    const subjects = EXTRA.slice(0, 50);
    const outcomes = await Promise.all(
      subjects.map((n) => handleComment(context(repo.dir, 'issue_comment', commentPayload(approve(n, 10_000 + n))))),
    );
    expect(outcomes.map((o) => o.verdict)).toEqual(subjects.map(() => 'valid'));
    for (const n of subjects)
      expect(await forge.listFiles(`content/decisions/${id(n)}`, 'main')).toEqual([
        `content/decisions/${id(n)}/0001.yml`,
        `content/decisions/${id(n)}/0002.yml`,
      ]);
    // One commit per act, in one line of history.
    expect(Number(repo.git('rev-list', '--count', `${before}..main`))).toBe(50);
    expect(repo.git('status', '--porcelain')).toBe('');
    const audit = await auditDirectory(join(repo.dir, 'content'));
    expect(audit.problems).toEqual([]);
  });

  it('without the write lock, acts that find the branch moved are judged again and land', async () => {
    const forge = optimistic(new LocalGitForge(repo.dir));
    const subjects = EXTRA.slice(64, 76);
    const outcomes = await Promise.all(
      subjects.map((n) =>
        handleComment(context(repo.dir, 'issue_comment', commentPayload(approve(n, 60_000 + n)), forge)),
      ),
    );
    expect(outcomes.map((o) => o.verdict)).toEqual(subjects.map(() => 'valid'));
    expect(forge.moved).toBeGreaterThan(0);
    for (const n of subjects) expect(await forge.listFiles(`content/decisions/${id(n)}`, 'main')).toHaveLength(2);
    expect((await auditDirectory(join(repo.dir, 'content'))).problems).toEqual([]);
  });

  it('racing pairs on one subject: exactly one wins, the other is told the current state', async () => {
    const forge = new LocalGitForge(repo.dir);
    const pairs = EXTRA.slice(50, 60);
    const loose = optimistic(new LocalGitForge(repo.dir));
    const results = await Promise.all(
      pairs.map(async (n, i) => {
        // Half the pairs take turns through the lock, half race on compare-and-swap alone.
        const f = i % 2 ? loose : new LocalGitForge(repo.dir);
        const [a, b] = await Promise.all([
          handleComment(context(repo.dir, 'issue_comment', commentPayload(approve(n, 20_000 + n)), f)),
          handleComment(
            context(
              repo.dir,
              'issue_comment',
              commentPayload(approve(n, 30_000 + n, 'admin-zheng', '/退回 请补充盖章扫描件')),
              f,
            ),
          ),
        ]);
        return { n, a, b };
      }),
    );
    for (const { n, a, b } of results) {
      expect([a.verdict, b.verdict].sort()).toEqual(['refused', 'valid']);
      const loser = a.verdict === 'refused' ? a : b;
      const winner = a.verdict === 'valid' ? a : b;
      expect(loser.errors[0]!.keyword).toBe('transition');
      // The loser's answer names the state the winner left (errors carry the Chinese text).
      expect(loser.errors[0]!.message).toContain(winner === a ? '“初核通过”' : '“退回修改”');
      expect(await forge.listFiles(`content/decisions/${id(n)}`, 'main')).toHaveLength(2);
    }
    expect((await auditDirectory(join(repo.dir, 'content'))).problems).toEqual([]);
  });

  it('officers acting from separate processes lose no write', async () => {
    const forge = new LocalGitForge(repo.dir);
    const subjects = EXTRA.slice(60, 64);
    const worker = join(import.meta.dirname, 'fixtures/comment-worker.ts');
    // Each process approves its own demand, and all four also race to recommend the first one.
    const runs = subjects.map((n, i) =>
      promisify(execFile)(process.execPath, [
        worker,
        repo.dir,
        JSON.stringify([
          approve(n, 40_000 + n),
          { ...approve(subjects[0]!, 50_000 + i, 'bureau-li', '/recommend'), at: '2026-04-16T10:00:00+08:00' },
        ]),
      ]),
    );
    const verdicts = (await Promise.all(runs)).map((r) => JSON.parse(r.stdout) as string[]);
    for (const n of subjects)
      expect(await forge.listFiles(`content/decisions/${id(n)}`, 'main')).toHaveLength(n === subjects[0] ? 3 : 2);
    // Of the four racing recommends, the one that came after the approval and first wins.
    expect(verdicts.filter((v) => v[1] === 'valid').length).toBe(1);
    expect((await auditDirectory(join(repo.dir, 'content'))).problems).toEqual([]);
  });
});

/**
 * Officers' commands through the GitHub REST adapter, against the local fake server: the
 * decision lands as a compare-and-swap commit, the answer is one comment found again by
 * its marker, labels follow the state, a replayed event changes nothing, and an act that
 * loses the race for the branch is judged again on the new head (landing when the rival
 * touched another subject, refused with the current state when it decided the same one).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { route } from '../../pipeline/handlers/route.ts';
import type { EventContext } from '../../pipeline/events/types.ts';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { replayActs } from '../../pipeline/review/replay.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { commentPayload } from './events.ts';
import { fixtureFiles } from './fixture.ts';

let base: Map<string, Uint8Array>;
let fake: FakeGitHub | undefined;
beforeAll(async () => {
  base = await fixtureFiles();
});
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setup(files = base): Promise<{ fake: FakeGitHub; forge: GitHubForge }> {
  fake = new FakeGitHub({ files: Object.fromEntries(files), botLogin: 'jiebang[bot]' });
  await fake.start();
  for (const n of [1, 2, 3])
    fake.addIssue({ number: n, title: `需求 ${n}`, body: '', user: { login: 'submitter', type: 'User' } });
  return {
    fake,
    forge: new GitHubForge({
      apiUrl: fake.url,
      token: fake.token,
      owner: fake.owner,
      repo: fake.repo,
      botLogin: 'jiebang[bot]',
    }),
  };
}

const ctx = (forge: GitHubForge, payload: Record<string, unknown>): EventContext => ({
  name: 'issue_comment',
  payload,
  forge,
  branch: 'main',
  now: new Date('2030-01-01T00:00:00Z'),
});
const approve = (issue: number, id: number, body = '/approve', author = 'bureau-li') =>
  commentPayload({ issue, author, body, id, at: '2026-04-15T10:00:00+08:00' });

describe('review through the GitHub adapter', () => {
  it('records an approval: one commit, one answer, the state label', async () => {
    const { fake, forge } = await setup();
    const before = fake.refs.get('main');
    const outcome = await route(ctx(forge, approve(2, 501)));
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toEqual(['content/decisions/TS-2026-002/0002.yml']);
    const files = fake.filesAt('main');
    expect(files['content/decisions/TS-2026-002/0002.yml']).toContain('action: approve');
    expect(fake.commits.get(fake.refs.get('main')!)!.parents).toEqual([before]);
    const comments = fake.commentsOn(2);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Recorded: Demand TS-2026-002');
    expect(comments[0]!.body).toContain('<!-- jiebang:command:501 -->');
    expect(fake.issues.get(2)!.labels).toEqual(['状态:初核通过']);
    const writes = fake.writes().map((c) => `${c.method} ${c.path.replace(/^\/repos\/[^/]+\/[^/]+\//, '')}`);
    // The decision's text goes inline in the tree request: no blob first.
    expect(writes).toEqual([
      'POST git/trees',
      'POST git/commits',
      'PATCH git/refs/heads/main',
      'POST issues/2/comments',
      'POST issues/2/labels',
    ]);

    // The same event again: no write at all.
    const count = fake.writes().length;
    const again = await route(ctx(forge, approve(2, 501)));
    expect(again.verdict).toBe('ignored');
    expect(fake.writes()).toHaveLength(count);
  });

  it('a refusal writes only its answer', async () => {
    const { fake, forge } = await setup();
    const before = fake.refs.get('main');
    const outcome = await route(ctx(forge, approve(2, 502, '/初核通过', 'random-user')));
    expect(outcome.verdict).toBe('refused');
    expect(fake.refs.get('main')).toBe(before);
    expect(fake.writes().map((c) => c.method)).toEqual(['POST']);
    expect(fake.commentsOn(2)[0]!.body).toContain('⛔ 未执行：@random-user 不在经办人员名册');
  });

  it('losing the race to an act on another subject: judged again and committed on the new head', async () => {
    const files = new Map(base);
    const { fake, forge } = await setup(files);
    // Another officer's approval of TS-2026-003's neighbour lands just before our ref update.
    let moved = false;
    fake.beforeRefUpdate = () => {
      if (moved) return;
      moved = true;
      fake.commitOn('main', { 'content/pages/unrelated.md': '---\ntitle: x\n---\n' }, 'someone else');
    };
    const outcome = await route(ctx(forge, approve(2, 503)));
    expect(outcome.verdict).toBe('valid');
    const files2 = fake.filesAt('main');
    expect(files2['content/pages/unrelated.md']).toBeDefined();
    expect(files2['content/decisions/TS-2026-002/0002.yml']).toContain('action: approve');
    expect(fake.writes().filter((c) => c.path.endsWith('git/refs/heads/main'))).toHaveLength(2);
  });

  it('losing the race to a rival act on the same subject: refused with the current state', async () => {
    const rival = new Map(base);
    expect(
      (
        await replayActs(rival, [
          {
            subject: 'TS-2026-002',
            action: 'return',
            actor: 'admin-zheng',
            at: '2026-04-15T09:59:00+08:00',
            reason: '材料不全',
          },
        ])
      ).refused,
    ).toEqual([]);
    const { fake, forge } = await setup();
    let moved = false;
    fake.beforeRefUpdate = () => {
      if (moved) return;
      moved = true;
      fake.commitOn(
        'main',
        {
          'content/decisions/TS-2026-002/0002.yml': new TextDecoder().decode(
            rival.get('content/decisions/TS-2026-002/0002.yml')!,
          ),
        },
        'the rival return',
      );
    };
    const outcome = await route(ctx(forge, approve(2, 504)));
    expect(outcome.verdict).toBe('refused');
    expect(outcome.errors[0]!.keyword).toBe('transition');
    expect(fake.filesAt('main')['content/decisions/TS-2026-002/0002.yml']).toContain('action: return');
    expect(fake.filesAt('main')['content/decisions/TS-2026-002/0003.yml']).toBeUndefined();
    expect(fake.commentsOn(2)[0]!.body).toContain('is “Returned for changes”');
  });

  it('ten acts at once on different subjects through the REST API lose no write', async () => {
    const extra = Array.from({ length: 10 }, (_, i) => 301 + i);
    const files = await fixtureFiles({
      extraDemands: extra,
      acts: extra.map((n, i) => ({
        subject: `TS-2026-${n}`,
        action: 'submit',
        actor: 'system',
        at: `2026-03-20T10:0${i}:00+08:00`,
        source: { kind: 'issues', id: String(n) },
      })),
    });
    const { fake, forge } = await setup(files);
    for (const n of extra)
      fake.addIssue({ number: n, title: `需求 ${n}`, body: '', user: { login: 'submitter', type: 'User' } });
    const outcomes = await Promise.all(extra.map((n) => route(ctx(forge, approve(n, 600 + n)))));
    expect(outcomes.map((o) => o.verdict)).toEqual(extra.map(() => 'valid'));
    const main = fake.filesAt('main');
    for (const n of extra) expect(main[`content/decisions/TS-2026-${n}/0002.yml`]).toContain('action: approve');
  });
});

/**
 * No event may be dropped (issue 20): an officer's command whose own run never ran (a newer
 * event cancelled it while it waited) is carried out by the next comment's run on that
 * issue — through the GitHub adapter against the local fake server, from the forge's own
 * record of the comment (author, text, time) — exactly once, however often events replay.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { route } from '../../pipeline/handlers/route.ts';
import type { EventContext } from '../../pipeline/events/types.ts';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { commentPayload } from '../review/events.ts';
import { fixtureFiles } from '../review/fixture.ts';

let base: Map<string, Uint8Array>;
let fake: FakeGitHub | undefined;
beforeAll(async () => {
  base = await fixtureFiles();
});
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setup(): Promise<{ fake: FakeGitHub; forge: () => GitHubForge }> {
  fake = new FakeGitHub({ files: Object.fromEntries(base), botLogin: 'jiebang[bot]' });
  await fake.start();
  fake.addIssue({ number: 2, title: '需求 2', body: '', user: { login: 'submitter', type: 'User' } });
  const f = fake;
  // A fresh adapter per run, as each workflow run has.
  return {
    fake: f,
    forge: () =>
      new GitHubForge({ apiUrl: f.url, token: f.token, owner: f.owner, repo: f.repo, botLogin: 'jiebang[bot]' }),
  };
}
const ctx = (forge: GitHubForge, payload: Record<string, unknown>): EventContext => ({
  name: 'issue_comment',
  payload,
  forge,
  branch: 'main',
  now: new Date('2030-01-01T00:00:00Z'),
});
const event = (c: { id: number; body: string; user: { login: string } }, at: string) =>
  commentPayload({ issue: 2, author: c.user.login, body: c.body, id: c.id, at });

describe('an officer’s command whose run was cancelled', () => {
  it('is carried out by the next comment’s run, once, with its own author and time', async () => {
    const { fake, forge } = await setup();
    const approve = fake.addComment(2, '/初核通过', { login: 'bureau-li', type: 'User' }, '2026-04-15T02:00:00Z');
    // Its run was cancelled: no event. Then anyone comments.
    const chatter = fake.addComment(2, '谢谢，辛苦了！', { login: 'someone', type: 'User' }, '2026-04-15T02:05:00Z');
    const outcome = await route(ctx(forge(), event(chatter, '2026-04-15T10:05:00+08:00')));
    expect(outcome.verdict).toBe('ignored'); // the chatter itself is no command
    const decision = fake.filesAt('main')['content/decisions/TS-2026-002/0002.yml'];
    expect(decision).toContain('action: approve');
    expect(decision).toContain('login: bureau-li');
    expect(decision).toContain(`id: "${approve.id}"`);
    expect(decision).toContain('at: 2026-04-15T10:00:00+08:00');
    expect(fake.commentsOn(2).filter((c) => c.body.includes(`<!-- jiebang:command:${approve.id} -->`))).toHaveLength(1);

    // Replays and later events change nothing more.
    const head = fake.refs.get('main');
    const writes = fake.writes().length;
    await route(ctx(forge(), event(chatter, '2026-04-15T10:05:00+08:00')));
    await route(ctx(forge(), event(approve, '2026-04-15T10:00:00+08:00')));
    const later = fake.addComment(2, '好的', { login: 'submitter', type: 'User' }, '2026-04-15T03:00:00Z');
    await route(ctx(forge(), event(later, '2026-04-15T11:00:00+08:00')));
    expect(fake.refs.get('main')).toBe(head);
    expect(fake.writes()).toHaveLength(writes);
  });

  it('a forged command is still refused on catch-up, and an edited one answered as an edit', async () => {
    const { fake, forge } = await setup();
    const forged = fake.addComment(2, '/初核通过', { login: 'random-user', type: 'User' }, '2026-04-15T02:00:00Z');
    const edited = fake.addComment(2, '/初核通过', { login: 'bureau-li', type: 'User' }, '2026-04-15T02:01:00Z');
    edited.updated_at = '2026-04-15T02:30:00Z';
    const chatter = fake.addComment(2, '请问进度？', { login: 'someone', type: 'User' }, '2026-04-15T03:00:00Z');
    const head = fake.refs.get('main');
    await route(ctx(forge(), event(chatter, '2026-04-15T11:00:00+08:00')));
    expect(fake.refs.get('main')).toBe(head);
    const bodies = fake
      .commentsOn(2)
      .filter((c) => c.user.login === 'jiebang[bot]')
      .map((c) => c.body);
    expect(bodies.find((b) => b.includes(`<!-- jiebang:command:${forged.id} -->`))).toContain('random-user');
    expect(bodies.some((b) => b.includes(`<!-- jiebang:command:${edited.id}.edited -->`))).toBe(true);
  });
});

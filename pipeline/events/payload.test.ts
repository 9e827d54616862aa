import { describe, expect, it } from 'vitest';
import { readCommentEvent, readMergedPullRequestEvent } from './payload.ts';

const comment = (over: Record<string, unknown> = {}) => ({
  action: 'created',
  comment: { id: 11, body: '/初审通过', user: { login: 'officer-a', type: 'User' }, ...over },
  issue: { number: 7 },
});

describe('readCommentEvent', () => {
  it('reads who said what on which issue', () => {
    expect(readCommentEvent(comment())).toMatchObject({
      action: 'created',
      commentId: 11,
      number: 7,
      body: '/初审通过',
      login: 'officer-a',
    });
  });

  it.each([
    ['no comment', { action: 'created', issue: { number: 7 } }],
    ['a body that is not text', comment({ body: 42 })],
    ['no author', comment({ user: {} })],
    ['an issue number that is not a number', { ...comment(), issue: { number: '7' } }],
    ['a comment that is a list', { ...comment(), comment: [] }],
  ])('is nothing for %s', (_, payload) => {
    expect(readCommentEvent(payload as Record<string, unknown>)).toBeUndefined();
  });
});

describe('readMergedPullRequestEvent', () => {
  const pr = { number: 5, merged: true, base: { ref: 'main' } };
  it('reads a merge', () => {
    expect(readMergedPullRequestEvent({ action: 'closed', pull_request: pr })).toMatchObject({
      number: 5,
      baseRef: 'main',
    });
  });

  it.each([
    ['closed without merging', { action: 'closed', pull_request: { ...pr, merged: false } }],
    ['merged-looking but not closed', { action: 'edited', pull_request: pr }],
    ['no pull request', { action: 'closed', number: 5 }],
  ])('is nothing when %s', (_, payload) => {
    expect(readMergedPullRequestEvent(payload)).toBeUndefined();
  });
});

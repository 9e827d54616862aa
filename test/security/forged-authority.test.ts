/**
 * Forged authority, beyond the review's own refusal scenarios (test/review/scenarios/
 * refusals.yml covers non-officers, roles, validity dates, quotes, code blocks, edited
 * comments, bots and replays): look-alike and invisible characters in logins, a payload
 * whose sender is an officer but whose comment is not theirs, a claimed repository role,
 * commands disguised (full-width slash, zero-width prefix, mid-sentence, inside HTML,
 * links, tables, <details>), a copied officer command posted by someone else, and a
 * comment dated before the subject's last decision. Each: nothing written, at most one
 * short inert answer. A genuine command on the same repository is the control.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jiebang, ROOT } from '../cli/run-cli.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { handleComment } from '../../pipeline/handlers/commands.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { commentPayload, context } from '../review/events.ts';
import { fixtureFiles } from '../review/fixture.ts';

let repo: TestRepo;
let forge: LocalGitForge;
beforeAll(async () => {
  repo = makeRepo(Object.fromEntries(await fixtureFiles()));
  forge = new LocalGitForge(repo.dir);
});
afterAll(() => repo?.cleanup());

/** Demand TS-2026-002 (issue #2) is submitted: `/approve` by bureau-li would pass it. */
const ISSUE = 2;
const AT = '2026-08-10T10:00:00+08:00';
let nextId = 70000;

type Payload = Record<string, unknown> & { comment: Record<string, unknown>; sender: Record<string, unknown> };

const CASES: Array<[string, () => Payload]> = [
  [
    'a login with a Cyrillic look-alike letter',
    () => commentPayload({ issue: ISSUE, author: 'bureau-lі', body: '/approve', at: AT, id: nextId++ }) as Payload,
  ],
  [
    'a login with a zero-width space',
    () =>
      commentPayload({ issue: ISSUE, author: 'bureau\u200b-li', body: '/approve', at: AT, id: nextId++ }) as Payload,
  ],
  [
    'a login with a right-to-left override',
    () =>
      commentPayload({ issue: ISSUE, author: '\u202eil-uaerub', body: '/approve', at: AT, id: nextId++ }) as Payload,
  ],
  [
    'a login with surrounding spaces',
    () => commentPayload({ issue: ISSUE, author: ' bureau-li ', body: '/approve', at: AT, id: nextId++ }) as Payload,
  ],
  [
    'the officer as sender, someone else as the comment’s author',
    () => {
      const p = commentPayload({
        issue: ISSUE,
        author: 'random-user',
        body: '/approve',
        at: AT,
        id: nextId++,
      }) as Payload;
      p.sender = { login: 'bureau-li', id: 1, type: 'User' };
      return p;
    },
  ],
  [
    'a repository owner who is not in the registry',
    () => {
      const p = commentPayload({
        issue: ISSUE,
        author: 'repo-owner',
        body: '/approve',
        at: AT,
        id: nextId++,
      }) as Payload;
      p.comment.author_association = 'OWNER';
      return p;
    },
  ],
  [
    'an officer’s login as a bot',
    () =>
      commentPayload({
        issue: ISSUE,
        author: 'bureau-li[bot]',
        body: '/approve',
        at: AT,
        id: nextId++,
        bot: true,
      }) as Payload,
  ],
  [
    'the Actions bot',
    () =>
      commentPayload({
        issue: ISSUE,
        author: 'github-actions[bot]',
        body: '/approve',
        at: AT,
        id: nextId++,
        bot: true,
      }) as Payload,
  ],
  [
    'a bot account whose type says User',
    () => commentPayload({ issue: ISSUE, author: 'jiebang[bot]', body: '/approve', at: AT, id: nextId++ }) as Payload,
  ],
  [
    'an officer’s command copied by someone else',
    () =>
      commentPayload({
        issue: ISSUE,
        author: 'copycat',
        body: '/approve\n\n（转自 @bureau-li）',
        at: AT,
        id: nextId++,
      }) as Payload,
  ],
  ...(
    [
      ['a zero-width space before the slash', '\u200b/approve'],
      ['a command mid-sentence', '我认为可以 /approve 了'],
      ['a command inside an HTML element', '<p>/approve</p>'],
      ['a command as link text', '[/approve](https://example.invalid/)'],
      ['a command in a table cell', '| 命令 |\n| --- |\n| /approve |'],
      ['a command after a bidi override', '\u202e/approve'],
      ['a command with a look-alike letter', '/аpprove'],
      ['a command in a quoted reply with spaces', '   > /approve'],
      ['a command in an HTML comment', '<!-- /approve -->'],
      ['a command in a tilde fence', '~~~\n/approve\n~~~'],
    ] as const
  ).map(([name, body]): [string, () => Payload] => [
    `${name} (by an officer)`,
    () => commentPayload({ issue: ISSUE, author: 'bureau-li', body, at: AT, id: nextId++ }) as Payload,
  ]),
  [
    'a comment dated before the subject’s last decision',
    () =>
      commentPayload({
        issue: ISSUE,
        author: 'bureau-li',
        body: '/approve',
        at: '2025-01-01T10:00:00+08:00',
        id: nextId++,
      }) as Payload,
  ],
];

describe('forged authority on officers’ commands', () => {
  it.each(CASES)('%s: no effect, at most a short answer', async (_name, make) => {
    const before = await forge.head('main');
    const answersBefore = (await forge.listComments(ISSUE)).length;
    const outcome = await handleComment(context(repo.dir, 'issue_comment', make()));
    expect(['refused', 'ignored']).toContain(outcome.verdict);
    expect(outcome.written).toEqual([]);
    expect(await forge.head('main')).toBe(before);
    const answers = await forge.listComments(ISSUE);
    expect(answers.length - answersBefore).toBeLessThanOrEqual(1);
    if (answers.length > answersBefore) {
      const reply = answers.at(-1)!.body;
      expect(reply.length).toBeLessThan(400);
      expect(reply).not.toMatch(/^\s*[/／>`]/m); // never itself a command or a quote of one
      expect(reply).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
    }
  });

  it('the control: the genuine command on the same repository is carried out', async () => {
    const before = await forge.head('main');
    const outcome = await handleComment(
      context(
        repo.dir,
        'issue_comment',
        commentPayload({ issue: ISSUE, author: 'bureau-li', body: '/approve', at: AT, id: nextId++ }) as Payload,
      ),
    );
    expect(outcome.verdict).toBe('valid');
    expect(outcome.written).toHaveLength(1);
    expect(await forge.head('main')).not.toBe(before);
  });

  it('the same genuine command delivered again, or edited into another, changes nothing', async () => {
    const payload = commentPayload({
      issue: ISSUE,
      author: 'bureau-li',
      body: '/recommend',
      at: '2026-08-11T10:00:00+08:00',
      id: nextId++,
    }) as Payload;
    const first = await handleComment(context(repo.dir, 'issue_comment', payload));
    expect(first.verdict).toBe('valid');
    const after = await forge.head('main');
    const again = await handleComment(context(repo.dir, 'issue_comment', payload));
    expect(again.written).toEqual([]);
    const edited = await handleComment(
      context(repo.dir, 'issue_comment', {
        ...payload,
        action: 'edited',
        comment: { ...payload.comment, body: '/reject 伪造的理由' },
      }),
    );
    expect(edited.written).toEqual([]);
    expect(await forge.head('main')).toBe(after);
  });
});

describe('jiebang audit on the sample ledger', () => {
  // The sample content's ledger in a git repository of its own, changed three ways behind the pipeline's back.
  const variants: Array<[string, (dir: string) => void, RegExp]> = [
    [
      'an actor rewritten to another officer (forged authorship)',
      (dir) => {
        const path = join(dir, 'content/decisions/XM-2023-001/0002.yml');
        const text = readFileSync(path, 'utf8');
        const login = /login: (\S+)/.exec(text)![1]!;
        writeFileSync(
          path,
          text.replace(`login: ${login}`, `login: ${login === 'xm-gxj-linzw' ? 'xm-gxj-chenyh' : 'xm-gxj-linzw'}`),
        );
      },
      /XM-2023-001/,
    ],
    [
      'two records swapped',
      (dir) => {
        const a = join(dir, 'content/decisions/XM-2023-001/0002.yml');
        const b = join(dir, 'content/decisions/XM-2023-001/0003.yml');
        const ta = readFileSync(a, 'utf8');
        writeFileSync(a, readFileSync(b, 'utf8'));
        writeFileSync(b, ta);
      },
      /XM-2023-001/,
    ],
    ['a record deleted', (dir) => rmSync(join(dir, 'content/decisions/XM-2023-001/0002.yml')), /XM-2023-001/],
  ];

  it.each(variants)('finds %s, committed or not', (_name, change, names) => {
    const repo = makeRepo({});
    try {
      cpSync(join(ROOT, 'content'), join(repo.dir, 'content'), { recursive: true });
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'sample content');
      expect(jiebang(['audit', join(repo.dir, 'content')]).code).toBe(0);
      change(repo.dir);
      const dirty = jiebang(['audit', '--json', join(repo.dir, 'content')]);
      expect(dirty.code).toBe(1);
      expect(dirty.stdout).toMatch(names);
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'rewrite history quietly');
      const committed = jiebang(['audit', '--json', join(repo.dir, 'content')]);
      expect(committed.code).toBe(1);
      expect((JSON.parse(committed.stdout) as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
    } finally {
      repo.cleanup();
    }
  });
});

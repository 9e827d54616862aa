/**
 * Officers' commands end to end: each scenario in scenarios/*.yml gets a real git
 * repository holding the fixture catalogue (test/review/fixture.ts), one comment event
 * goes through handleComment with the local git adapter, and the test checks the verdict,
 * the reply posted, and the ledger: exactly the expected decision appended (chained to the
 * previous one, hashing the judged file), or nothing written at all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordFromBytes } from '../../pipeline/content/load.ts';
import type { Decision } from '../../pipeline/generated/types.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { handleComment } from '../../pipeline/handlers/commands.ts';
import { decisionPath, sha256 } from '../../pipeline/review/ledger.ts';
import { replayActs, type SampleAct } from '../../pipeline/review/replay.ts';
import { subjectPath } from '../../pipeline/review/snapshot.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { commentPayload, context } from './events.ts';
import { fixtureFiles } from './fixture.ts';

interface Scenario {
  title: string;
  issue: number;
  issueTitle?: string;
  author: string;
  body: string;
  at?: string;
  action?: 'created' | 'edited' | 'deleted';
  bot?: boolean;
  pullRequest?: boolean;
  replay?: boolean;
  /** Edit the comment to this body after it was handled, and deliver the `edited` event. */
  editAfter?: string;
  given?: { acts?: SampleAct[]; edit?: { path: string; replace: [string, string] } };
  expect: {
    verdict: string;
    code?: string;
    reply?: string;
    decision?: Partial<Decision> & { actor?: string; role?: string };
  };
}

const dir = join(import.meta.dirname, 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
let base: Map<string, Uint8Array>;
const repos: TestRepo[] = [];

beforeAll(async () => {
  base = await fixtureFiles();
});
afterAll(() => repos.forEach((r) => r.cleanup()));

async function repoFor(s: Scenario): Promise<TestRepo> {
  const content = new Map(base);
  if (s.given?.acts) {
    const r = await replayActs(content, s.given.acts);
    expect(r.refused, 'given acts').toEqual([]);
  }
  const repo = makeRepo(Object.fromEntries(content));
  repos.push(repo);
  if (s.given?.edit) {
    const { path, replace } = s.given.edit;
    const forge = new LocalGitForge(repo.dir);
    const head = (await forge.head('main'))!;
    const text = Buffer.from((await forge.readFile(path, head))!).toString('utf8');
    expect(text).toContain(replace[0]);
    await forge.commit({
      branch: 'main',
      expectedHead: head,
      message: 'an edit after validation',
      files: [{ path, content: text.replace(replace[0], replace[1]) }],
    });
  }
  return repo;
}

for (const file of files) {
  const scenarios = parse(readFileSync(join(dir, file), 'utf8')) as Scenario[];
  describe(file, () => {
    let commentId = 1;
    for (const s of scenarios) {
      const id = commentId++;
      it(s.title, async () => {
        const repo = await repoFor(s);
        const forge = new LocalGitForge(repo.dir);
        const before = (await forge.head('main'))!;
        const payload = commentPayload({
          issue: s.issue,
          author: s.author,
          body: s.body,
          id: 90000 + id,
          at: s.at ?? '2026-08-10T10:00:00+08:00',
          ...(s.action ? { action: s.action } : {}),
          ...(s.bot ? { bot: true } : {}),
          ...(s.pullRequest ? { pullRequest: true } : {}),
          ...(s.issueTitle ? { title: s.issueTitle } : {}),
        });
        let outcome = await handleComment(context(repo.dir, 'issue_comment', payload));
        const afterFirst = (await forge.head('main'))!;
        const commentsAfterFirst = await forge.listComments(s.issue);
        if (s.replay) {
          outcome = await handleComment(context(repo.dir, 'issue_comment', payload));
          expect(await forge.head('main'), 'a replay writes nothing').toBe(afterFirst);
          expect(await forge.listComments(s.issue), 'a replay posts nothing new').toEqual(commentsAfterFirst);
        }
        if (s.editAfter) {
          const firstAnswer = (await forge.listComments(s.issue))[0]!.body;
          outcome = await handleComment(
            context(repo.dir, 'issue_comment', {
              ...payload,
              action: 'edited',
              comment: { ...(payload.comment as object), body: s.editAfter },
            }),
          );
          expect(await forge.head('main'), 'an edit writes nothing').toBe(afterFirst);
          const answers = await forge.listComments(s.issue);
          expect(answers[0]!.body, 'the first answer stays').toBe(firstAnswer);
          expect(answers).toHaveLength(2);
          expect(answers[1]!.body).toBe(outcome.comment);
          expect(outcome.verdict).toBe(s.expect.verdict);
          expect(outcome.errors[0]?.keyword).toBe(s.expect.code);
          expect(firstAnswer).toContain(
            `content/decisions/${s.expect.decision!.subject}/000${s.expect.decision!.seq}.yml`,
          );
          return;
        }
        expect(outcome.verdict).toBe(s.expect.verdict);
        if (s.expect.code) expect(outcome.errors[0]?.keyword).toBe(s.expect.code);
        const comments = await forge.listComments(s.issue);
        if (s.expect.verdict === 'ignored' && !s.expect.reply) {
          expect(comments).toEqual([]);
          expect(afterFirst).toBe(before);
          return;
        }
        // One answer, from the pipeline, short, never starting a line with a command.
        expect(comments).toHaveLength(1);
        expect(comments[0]!.body).toBe(outcome.comment);
        if (s.expect.reply) expect(comments[0]!.body).toContain(s.expect.reply);
        expect(comments[0]!.body.length).toBeLessThan(400);
        expect(comments[0]!.body).not.toMatch(/^\s*[/／>`]/m);

        const d = s.expect.decision;
        if (!d) {
          expect(afterFirst, 'a refusal changes nothing').toBe(before);
          expect(outcome.written).toEqual([]);
          return;
        }
        const chainDir = `content/decisions/${d.subject}`;
        const paths = await forge.listFiles(chainDir, 'main');
        const last = paths.at(-1)!;
        if (!s.replay) {
          expect(outcome.written).toEqual([last]);
          expect(await forge.listFiles(chainDir, before)).toEqual(paths.slice(0, -1));
          // Only the decision file changed in the commit.
          expect(repo.git('diff', '--name-only', before, 'main')).toBe(last);
        }
        const bytes = (await forge.readFile(last, 'main'))!;
        const rec = recordFromBytes(last, 'decision', bytes);
        expect(rec.issues).toEqual([]);
        const got = rec.data as unknown as Decision;
        const { actor, role, ...fields } = d;
        expect(got).toMatchObject(fields);
        if (actor) expect(got.actor.login).toBe(actor);
        if (role) expect(got.actor.role).toBe(role);
        expect(last).toBe(decisionPath(got.subject, got.seq));
        expect(got.at).toBe(s.at ?? '2026-08-10T10:00:00+08:00');
        expect(got.source).toEqual({
          kind: 'issue_comment',
          id: String(90000 + id),
          url: `https://github.com/xm-gxj/jiebang/issues/${s.issue}#issuecomment-${90000 + id}`,
        });
        const prevFile = paths.at(-2);
        expect(got.prev).toBe(prevFile ? sha256((await forge.readFile(prevFile, 'main'))!) : null);
        expect(got.revision).toBe(sha256((await forge.readFile(subjectPath(got.subject), 'main'))!));
        // The work tree follows the branch.
        expect(readFileSync(join(repo.dir, last))).toEqual(Buffer.from(bytes));
      });
    }
  });
}

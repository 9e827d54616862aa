/**
 * The ledger's trust (issue 20), on real git repositories: decisions are written by the
 * pipeline alone. A bureau officer who appends a correctly chained, entitled act by hand
 * (committed as themselves and pushed, or merged in through a pull request) passes every
 * other audit check — hashes, transitions, entitlement — but `jiebang audit --committer`
 * names the commit that added it, because its committer is not the pipeline's identity. The
 * act the pipeline itself records for the same officer's command passes. No pull request
 * may add a decision in the first place (path rules, no role exempt).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import type { Decision, Officers } from '../../pipeline/generated/types.ts';
import { pathProblems } from '../../pipeline/intake/path-rules.ts';
import { handleComment } from '../../pipeline/handlers/commands.ts';
import { decisionPath, sha256 } from '../../pipeline/review/ledger.ts';
import { jiebang } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { commentPayload, context } from '../review/events.ts';
import { fixtureFiles } from '../review/fixture.ts';

let base: Map<string, Uint8Array>;
const repos: TestRepo[] = [];
beforeAll(async () => {
  base = await fixtureFiles();
});
afterAll(() => repos.forEach((r) => r.cleanup()));

/** The seeded history stands for the pipeline's (committed as t@t.invalid); the pipeline's own commits are jiebang@pipeline.invalid. */
const PIPELINE = ['--committer', 't@t.invalid', '--committer', 'jiebang@pipeline.invalid'];
const audit = (r: TestRepo, ...args: string[]) => {
  const out = jiebang(['audit', '--json', ...args, join(r.dir, 'content')]);
  return {
    code: out.code,
    ...(JSON.parse(out.stdout) as { ok: boolean; problems: Array<{ file: string; code: string; message: string }> }),
  };
};

/** An approval of TS-2026-002 by bureau-li, correctly chained: what the pipeline would have written. */
function handMadeApproval(r: TestRepo): string {
  const subject = 'TS-2026-002';
  const existing = r.git('ls-files', `content/decisions/${subject}`).split('\n').filter(Boolean);
  const last = parse(readFileSync(join(r.dir, existing.at(-1)!), 'utf8')) as Decision;
  const record = {
    subject,
    seq: existing.length + 1,
    action: 'approve',
    from: last.to,
    to: 'prechecked',
    actor: { login: 'bureau-li', role: 'bureau' },
    at: '2026-04-12T10:00:00+08:00',
    revision: last.revision,
    prev: sha256(readFileSync(join(r.dir, existing.at(-1)!))),
    source: { kind: 'cli', id: 'by-hand' },
  } as Decision;
  const path = decisionPath(subject, record.seq);
  writeFileSync(join(r.dir, path), formatYaml('decision', record));
  return path;
}
const asOfficer = {
  GIT_COMMITTER_NAME: 'Li Ming',
  GIT_COMMITTER_EMAIL: 'bureau-li@example.gov.cn',
  GIT_AUTHOR_NAME: 'Li Ming',
  GIT_AUTHOR_EMAIL: 'bureau-li@example.gov.cn',
};

describe('decisions are added by the pipeline alone', () => {
  it('an officer’s hand-made, correctly chained act passes every other check but not the committer check', () => {
    const r = makeRepo(Object.fromEntries(base));
    repos.push(r);
    expect(audit(r, ...PIPELINE)).toMatchObject({ code: 0, ok: true });
    const path = handMadeApproval(r);
    r.git('add', '-A');
    // The officer commits as themselves.
    execFileSync('git', ['commit', '-q', '-m', 'approve'], { cwd: r.dir, env: { ...process.env, ...asOfficer } });
    // Hashes, transition and entitlement hold: without the identities, nothing to see.
    expect(audit(r)).toMatchObject({ code: 0, ok: true });
    const checked = audit(r, ...PIPELINE);
    expect(checked.code).toBe(1);
    expect(checked.problems).toEqual([expect.objectContaining({ file: path, code: 'history-committer' })]);
    expect(checked.problems[0]!.message).toContain('bureau-li@example.gov.cn');
  });

  it('merged in through a pull request, the same act is found too', () => {
    const r = makeRepo(Object.fromEntries(base));
    repos.push(r);
    r.git('checkout', '-q', '-b', 'forged');
    const path = handMadeApproval(r);
    r.git('add', '-A');
    execFileSync('git', ['commit', '-q', '-m', 'approve'], { cwd: r.dir, env: { ...process.env, ...asOfficer } });
    r.git('checkout', '-q', 'main');
    r.git('merge', '--no-ff', '-q', '-m', 'Merge pull request #77', 'forged');
    expect(audit(r, ...PIPELINE).problems).toEqual([
      expect.objectContaining({ file: path, code: 'history-committer' }),
    ]);
  });

  it('the act the pipeline records for the officer’s command passes', async () => {
    const r = makeRepo(Object.fromEntries(base));
    repos.push(r);
    const outcome = await handleComment(
      context(
        r.dir,
        'issue_comment',
        commentPayload({ issue: 2, author: 'bureau-li', body: '/approve', id: 1, at: '2026-04-12T09:00:00+08:00' }),
      ),
    );
    expect(outcome.verdict).toBe('valid');
    expect(r.git('log', '-1', '--format=%ce')).toBe('jiebang@pipeline.invalid');
    expect(audit(r, ...PIPELINE)).toMatchObject({ code: 0, ok: true });
  });

  it('no pull request may add a decision, whoever opens it', () => {
    const officers = parse(new TextDecoder().decode(base.get('content/officers.yml')!)) as Officers;
    for (const o of officers.officers) {
      const problems = pathProblems([{ path: 'content/decisions/TS-2026-002/0002.yml', status: 'added' }], {
        author: { login: o.login, isBot: false },
        officers,
        now: new Date('2026-08-01T00:00:00Z'),
      });
      expect(
        problems.map((p) => p.rule),
        o.login,
      ).toEqual(['guarded']);
    }
  });

  it('--committer needs the history', () => {
    const r = makeRepo(Object.fromEntries(base));
    repos.push(r);
    expect(jiebang(['audit', '--no-git', '--committer', 'x@y', join(r.dir, 'content')]).code).toBe(2);
  });
});

/**
 * The hostile corpus (test/fixtures/intake/hostile.ts), every case through route() on one
 * real git repository: each gets a clear answer (a Chinese comment naming problems, or
 * acceptance), nothing throws, the comment echoes nothing active (no HTML, links, mentions,
 * direction overrides), and every write lands under content/ at a path of the expected shape.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAt } from '../../pipeline/intake/content.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { gitText } from '../../pipeline/forge/git.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { INTAKE_MARKER } from '../../pipeline/intake/comment.ts';
import { issueEvent } from '../fixtures/intake/events.ts';
import { hostileCases } from '../fixtures/intake/hostile.ts';
import { writeIntakeRepo } from '../fixtures/intake/repo.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-hostile-'));
const dir = join(root, 'repo');
const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
const cases = hostileCases();
const SAFE_PATH =
  /^content\/(?:demands\/[A-Z]{2,4}-\d{4}-\d{3}\/index\.yml|applications\/[A-Z]{2,4}-\d{4}-\d{3}-A\d{2}\.yml|enterprises\/[0-9A-Z]{18}\/index\.yml|decisions\/[A-Z]{2,4}-\d{4}-\d{3}(?:-A\d{2})?\/\d{4}\.yml)$/;

function workTreeFiles(): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith('.git'))
    .sort();
}

let filesBefore: string[];
let mainBefore: string;
beforeAll(async () => {
  writeIntakeRepo(dir);
  filesBefore = workTreeFiles();
  mainBefore = (await forge.head('main'))!;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The comment shows submitted text inert: only the pipeline's own markers and <sub> are markup. */
function expectInert(comment: string): void {
  expect(comment.split(INTAKE_MARKER)).toHaveLength(2);
  expect(comment.match(/<!-- jiebang:subject=/g)?.length ?? 0).toBeLessThanOrEqual(1);
  const rest = comment
    .replace(INTAKE_MARKER, '')
    .replace(/<!-- jiebang:subject=[A-Z0-9-]+ -->/, '')
    .replace(/<\/?sub>/g, '');
  expect(rest).not.toMatch(/<[A-Za-z!/?]/);
  expect(rest).not.toMatch(/\]\((?:javascript|data):/i);
  expect(rest).not.toMatch(/@/);
  expect(rest).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/);
  expect(rest.isWellFormed()).toBe(true);
}

describe('hostile and broken issue bodies', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  cases.forEach((c, i) => {
    it(c.name, async () => {
      const number = 1000 + i;
      const payload = issueEvent({
        number,
        body: typeof c.body === 'string' ? c.body : '',
        labels: c.labels ?? [],
        at: c.at ?? '2026-08-03T02:00:00Z',
      });
      const issue = payload.issue as Record<string, unknown>;
      issue.body = c.body;
      Object.assign(issue, c.issue ?? {});
      const outcome = await route({
        name: 'issues',
        payload,
        forge,
        branch: 'main',
        now: new Date(c.at ?? '2026-08-03T02:00:00Z'),
      });

      expect(['valid', 'invalid', 'ignored']).toContain(outcome.verdict);
      if (outcome.verdict === 'ignored') {
        expect(outcome.comment).toBeUndefined();
        return;
      }
      expect(outcome.comment).toBeDefined();
      expectInert(outcome.comment!);
      if (outcome.verdict === 'invalid') {
        expect(outcome.errors.length).toBeGreaterThan(0);
        for (const e of outcome.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
        expect(outcome.written).toEqual([]);
      }
      for (const path of outcome.written) {
        expect(path).toMatch(SAFE_PATH);
        const branch = (await forge.readFile(path, 'main')) ? 'main' : `submission/issue-${number}`;
        const record = recordAt(path, (await forge.readFile(path, branch))!);
        expect(record?.issues).toEqual([]);
      }
      const comments = (await forge.listComments(number)).filter((x) => x.body.includes(INTAKE_MARKER));
      expect(comments).toHaveLength(1);
    });
  });

  it('wrote nothing outside content/, on any branch, nor in the work tree', async () => {
    const refs = (await gitText(['for-each-ref', '--format=%(objectname)', 'refs/heads'], { cwd: dir })).split('\n');
    const changed = new Set<string>();
    for (const sha of refs) {
      (await gitText(['diff', '--name-only', mainBefore, sha], { cwd: dir }))
        .split('\n')
        .filter(Boolean)
        .forEach((p) => changed.add(p));
    }
    for (const p of changed) expect(p).toMatch(SAFE_PATH);
    const outside = workTreeFiles().filter((p) => !p.startsWith('content/'));
    expect(outside).toEqual(filesBefore.filter((p) => !p.startsWith('content/')));
  });
});

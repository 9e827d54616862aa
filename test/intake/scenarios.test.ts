/**
 * Golden scenarios: each folder under test/fixtures/intake/scenarios/ holds a recorded event
 * (event.json), what happens before it (scenario.json), and what must come out: the
 * verdict, labels, written paths and errors (expected.json), the comment (comment.md), the
 * submission read from the issue (submission.json) and every file written (files/). Each
 * runs on a fresh git repository holding the fixture catalogue, through the same route()
 * the action and the CLI use. UPDATE_GOLDEN=1 rewrites the expected outputs (then review
 * the diff).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventNameOf, eventTime } from '../../pipeline/events/context.ts';
import { route } from '../../pipeline/handlers/route.ts';
import type { EventName } from '../../pipeline/events/types.ts';
import { gitText } from '../../pipeline/forge/git.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { parseIssueBody } from '../../pipeline/forms/submission.ts';
import { restrictedValues } from '../../pipeline/privacy/visibility.ts';
import { applyActs } from '../../pipeline/review/apply.ts';
import type { Action } from '../../pipeline/domain/machines.ts';
import { writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { SCENARIOS_DIR, type Scenario } from '../fixtures/intake/make-scenarios.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
// Commits made at a fixed time have the same sha on every run (comments quote them).
process.env.GIT_AUTHOR_DATE = '2026-08-01T00:00:00+08:00';
process.env.GIT_COMMITTER_DATE = '2026-08-01T00:00:00+08:00';
const root = mkdtempSync(join(tmpdir(), 'jiebang-golden-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

function golden(path: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

async function allRefs(dir: string): Promise<Map<string, string>> {
  const out = await gitText(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads'], { cwd: dir });
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ') as [string, string]),
  );
}

/** Every path any branch changed between two ref snapshots. */
async function changedPaths(dir: string, before: Map<string, string>, after: Map<string, string>): Promise<string[]> {
  const paths = new Set<string>();
  const base = before.get('refs/heads/main')!;
  for (const [ref, sha] of after) {
    const from = before.get(ref) ?? base;
    if (from === sha) continue;
    const diff = await gitText(['diff', '--name-only', from, sha], { cwd: dir });
    diff
      .split('\n')
      .filter(Boolean)
      .forEach((p) => paths.add(p));
  }
  return [...paths].sort();
}

const scenarios = readdirSync(SCENARIOS_DIR)
  .filter((n) => existsSync(join(SCENARIOS_DIR, n, 'event.json')))
  .sort();

describe('golden intake scenarios', () => {
  it('has the scenarios make-scenarios.ts writes', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
  });

  for (const name of scenarios) {
    it(name, async () => {
      const folder = join(SCENARIOS_DIR, name);
      const scenario = readJson(join(folder, 'scenario.json')) as Omit<Scenario, 'event'>;
      let event = readJson(join(folder, 'event.json'));
      const dir = join(root, name);
      writeIntakeRepo(dir, scenario.writeMode ? { writeMode: scenario.writeMode } : {});
      const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
      const handle = (payload: Record<string, unknown>) => {
        const eventName = (scenario.eventName ?? eventNameOf(payload)) as EventName;
        // Recorded events keep their own time (the real clock must not clamp a 2028 event).
        return route({
          name: eventName,
          payload,
          forge,
          branch: 'main',
          now: eventTime(eventName, payload, new Date('2100-01-01T00:00:00Z')),
        });
      };
      for (const prior of scenario.prior ?? []) await handle(prior);
      for (const [i, act] of (scenario.acts ?? []).entries()) {
        const applied = await applyActs(forge, 'main', act.subject, [
          {
            subject: act.subject,
            action: act.action as Action,
            login: act.login,
            at: new Date(act.at),
            ...(act.reason ? { reason: act.reason } : {}),
            source: { kind: 'cli', id: `golden-${i + 1}` },
          },
        ]);
        expect(
          applied.judgements.every((j) => j.ok !== false),
          JSON.stringify(applied.judgements),
        ).toBe(true);
      }
      if (scenario.pr) {
        const base = (await forge.head('main'))!;
        await forge.createBranch(scenario.pr.headRef, base);
        const r = await forge.commit({
          branch: scenario.pr.headRef,
          expectedHead: base,
          message: 'pull request',
          files: Object.entries(scenario.pr.files).map(([path, content]) => ({ path, content })),
        });
        if (!r.ok) throw new Error('could not build the pull request branch');
        event = JSON.parse(JSON.stringify(event).replaceAll('{{base}}', base).replaceAll('{{head}}', r.sha));
      }
      const before = await allRefs(dir);
      const outcome = await handle(event);
      const after = await allRefs(dir);

      // Nothing is ever written outside content/, on any branch.
      const changed = await changedPaths(dir, before, after);
      for (const p of changed) expect(p.startsWith('content/'), p).toBe(true);
      expect(changed).toEqual([...outcome.written].sort());

      const expected = {
        verdict: outcome.verdict,
        labels: outcome.labels,
        written: outcome.written,
        errors: outcome.errors,
      };
      golden(join(folder, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
      golden(join(folder, 'comment.md'), outcome.comment === undefined ? '' : `${outcome.comment}\n`);
      const issue = event.issue as Record<string, unknown> | undefined;
      if (issue && typeof issue.body === 'string') {
        const parsed = parseIssueBody(
          issue.body,
          ((issue.labels as Array<{ name: string }>) ?? []).map((l) => l.name),
        );
        golden(
          join(folder, 'submission.json'),
          `${JSON.stringify(parsed.ok ? { form: parsed.form.template, record: parsed.record } : parsed, null, 2)}\n`,
        );
        // Whatever the submitter typed into a restricted field, the public answer never repeats it.
        if (parsed.ok && outcome.comment) {
          for (const { value } of restrictedValues(parsed.form.kind, parsed.record)) {
            if (String(value).length >= 4)
              expect(outcome.comment, `restricted value echoed: ${String(value)}`).not.toContain(String(value));
          }
        }
      }
      for (const path of outcome.written) {
        const branches = [...after.keys()].map((r) => r.replace('refs/heads/', ''));
        let bytes: Uint8Array | undefined;
        for (const b of ['main', ...branches.filter((x) => x !== 'main')]) {
          bytes = await forge.readFile(path, b).catch(() => undefined);
          if (bytes) break;
        }
        golden(join(folder, 'files', path), new TextDecoder().decode(bytes));
      }
    });
  }
});

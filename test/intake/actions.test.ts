/**
 * The committed action bundles, as GitHub runs them: `node .github/actions/<name>/dist/index.mjs`
 * in a fresh process with the runner's environment (event file, repository, token, API
 * URL pointed at the local fake server), plus the check that each bundle is exactly what
 * its sources build now.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTIONS, distPath, drift } from '../../pipeline/actions/build.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { pullRequestEvent, REPOSITORY } from '../fixtures/intake/events.ts';
import { intakeFiles, writeIntakeRepo } from '../fixtures/intake/repo.ts';

const ROOT = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'jiebang-actions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

/** Run a bundled action in its own process, as the runner does (no shell, only these variables). */
function runAction(name: string, env: Record<string, string>): Promise<Run> {
  const output = join(tmp, `${name}-${Math.random().toString(36).slice(2)}.out`);
  writeFileSync(output, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, distPath(name))], {
      cwd: env.GITHUB_WORKSPACE ?? tmp,
      env: {
        PATH: process.env.PATH ?? '',
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: join(tmp, 'summary.md'),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, output: readFileSync(output, 'utf8') }));
  });
}

describe('action bundles', () => {
  it.each(ACTIONS)(
    '%s: the committed dist is what the sources build (run `npm run build:actions` when this fails)',
    async (name) => {
      expect(await drift(name), 'stale, missing or left-over files').toEqual([]);
    },
  );
});

describe('the intake action', () => {
  it('answers a recorded issue event through the REST API', async () => {
    const fake = new FakeGitHub({ files: intakeFiles() });
    await fake.start();
    try {
      const event = readFileSync(join(ROOT, 'test/fixtures/events/issue-opened-jiebang.json'), 'utf8');
      const parsed = JSON.parse(event) as { issue: { number: number; body: string } };
      fake.addIssue({
        number: parsed.issue.number,
        title: '【揭榜】',
        body: parsed.issue.body,
        user: { login: 'xinsense-ltd', type: 'User' },
        labels: ['揭榜'],
      });
      writeFileSync(join(tmp, 'issue.json'), event);
      const run = await runAction('intake', {
        GITHUB_EVENT_NAME: 'issues',
        GITHUB_EVENT_PATH: join(tmp, 'issue.json'),
        GITHUB_REPOSITORY: 'xm-gxj/jiebang',
        GITHUB_API_URL: fake.url,
        INPUT_TOKEN: fake.token,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.output).toMatch(/^verdict<<jiebang_[\w-]+\nvalid\n/m);
      expect(fake.commentsOn(parsed.issue.number)).toHaveLength(1);
      expect(fake.issues.get(parsed.issue.number)!.labels.sort()).toEqual(['待初审', '揭榜'].sort());
      expect(fake.filesAt('main')['content/decisions/XM-2026-001-A02/0001.yml']).toMatch(/action: submit/);
      expect([...fake.pulls.values()]).toHaveLength(1);
      // Every request carried the token, and only the endpoints the adapter documents were called.
      expect(
        fake.calls.every(
          (c) =>
            (c.status !== 401 && c.status !== 404) || c.path.includes('/contents/') || c.path.includes('/git/ref/'),
        ),
      ).toBe(true);
    } finally {
      await fake.stop();
    }
  });

  it('fails the job, not the submitter, when the pipeline itself cannot run (bad credentials)', async () => {
    const fake = new FakeGitHub({ files: intakeFiles() });
    await fake.start();
    try {
      writeFileSync(
        join(tmp, 'issue2.json'),
        readFileSync(join(ROOT, 'test/fixtures/events/issue-opened-jiebang.json')),
      );
      const run = await runAction('intake', {
        GITHUB_EVENT_NAME: 'issues',
        GITHUB_EVENT_PATH: join(tmp, 'issue2.json'),
        GITHUB_REPOSITORY: 'xm-gxj/jiebang',
        GITHUB_API_URL: fake.url,
        INPUT_TOKEN: 'wrong',
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::jiebang intake failed: /m);
      expect(fake.writes()).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});

describe('the pull-request check and report', () => {
  it('checks a pull request in a read-only checkout: annotations on file and line, identifiers for the report, a failed job', async () => {
    const dir = join(tmp, 'checkout');
    writeIntakeRepo(dir);
    const forge = new LocalGitForge(dir);
    const base = (await forge.head('main'))!;
    await forge.createBranch('apply-bad', base);
    const bad = intakeFiles()
      ['content/applications/XM-2026-001-A01.yml']!.replace('id: XM-2026-001-A01', 'id: XM-2026-001-A07')
      .replace(/^directed: false$/m, 'directed: 不知道');
    const head = await forge.commit({
      branch: 'apply-bad',
      expectedHead: base,
      message: 'pr',
      files: [{ path: 'content/applications/XM-2026-001-A07.yml', content: bad }],
    });
    if (!head.ok) throw new Error('branch');
    const event = pullRequestEvent({
      number: 77,
      login: 'someone',
      headRef: 'apply-bad',
      at: '2026-08-03T02:00:00Z',
      baseSha: base,
      headSha: head.sha,
    });
    writeFileSync(join(tmp, 'pr.json'), JSON.stringify(event));
    const run = await runAction('pr-check', {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(tmp, 'pr.json'),
      GITHUB_WORKSPACE: dir,
      INPUT_RESULTS: join(tmp, 'results/pull-request.json'),
    });
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error file='));
    expect(
      annotations.some((a) =>
        /^::error file=content\/applications\/XM-2026-001-A07\.yml,line=6,title=jiebang::是否定向揭榜：/.test(a),
      ),
    ).toBe(true);
    expect(JSON.parse(readFileSync(join(tmp, 'results/pull-request.json'), 'utf8'))).toEqual({
      number: 77,
      headSha: head.sha,
    });
    // The check never writes: no outbox, no new refs.
    expect((await forge.outbox()).file).toBeDefined();
    expect((await (await forge.outbox()).read()).log).toEqual([]);
  });

  it('reports from the trusted side: re-checks through the API, one comment, label, commit status; ignores a stale head', async () => {
    const fake = new FakeGitHub({ files: intakeFiles() });
    await fake.start();
    try {
      const file = intakeFiles()
        ['content/applications/XM-2026-001-A01.yml']!.replace('id: XM-2026-001-A01', 'id: XM-2026-001-A07')
        .replace(/^directed: false$/m, 'directed: 不知道');
      const base = fake.refs.get('main')!;
      fake.refs.set('apply-bad', base);
      const headSha = fake.commitOn('apply-bad', { 'content/applications/XM-2026-001-A07.yml': file });
      fake.pulls.set(78, {
        number: 78,
        head: 'apply-bad',
        base: 'main',
        title: '揭榜',
        body: '',
        state: 'open',
        merged: false,
        user: { login: 'someone', type: 'User' },
      });
      const results = join(tmp, 'report/pull-request.json');
      rmSync(join(tmp, 'report'), { recursive: true, force: true });
      writeFileSync(
        join(tmp, 'report.json'),
        JSON.stringify({
          action: 'completed',
          workflow_run: { id: 9, event: 'pull_request', head_sha: headSha },
          repository: REPOSITORY,
        }),
      );
      const env = {
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: join(tmp, 'report.json'),
        GITHUB_REPOSITORY: 'xm-gxj/jiebang',
        GITHUB_API_URL: fake.url,
        INPUT_TOKEN: fake.token,
        INPUT_RESULTS: results,
      };
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(tmp, 'report'), { recursive: true });
      writeFileSync(results, JSON.stringify({ number: 78, headSha }));
      const run = await runAction('pr-report', env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(fake.commentsOn(78)).toHaveLength(1);
      expect(fake.commentsOn(78)[0]!.body).toContain('第 6 行：是否定向揭榜');
      expect(fake.issues.get(78)!.labels).toEqual(['待修改']);
      expect(fake.statuses).toEqual([
        { sha: headSha, state: 'failure', description: '1 处问题，见评论', context: 'jiebang / 内容检查' },
      ]);

      // An artifact naming a head other than the run's is refused; a moved pull request is left to its newer check.
      writeFileSync(results, JSON.stringify({ number: 78, headSha: base }));
      const forged = await runAction('pr-report', env);
      expect(forged.code).toBe(1);
      fake.commitOn('apply-bad', {
        'content/applications/XM-2026-001-A07.yml': file.replace('directed: 不知道', 'directed: false'),
      });
      writeFileSync(results, JSON.stringify({ number: 78, headSha }));
      const stale = await runAction('pr-report', env);
      expect(stale.code).toBe(0);
      expect(stale.stdout).toMatch(/no longer at/);
      expect(fake.commentsOn(78)).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });
});

/**
 * One intake event from process start to verdict, cold (a new process each run), the median
 * of several runs, beside a bare `node -e 0` on the same machine, run for run interleaved so
 * a busy moment hits all three alike:
 *   - the bundled action (.github/actions/intake/dist/index.mjs), as the workflow runs it,
 *     against a local server speaking GitHub's REST API (test/fixtures/fake-github);
 *   - `jiebang intake` from the TypeScript sources against a local git repository.
 * Both get the recorded 揭榜 issue (test/fixtures/events/issue-opened-jiebang.json) and the
 * intake fixture catalogue (test/fixtures/intake/repo.ts), fresh for every run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FakeGitHub } from '../../test/fixtures/fake-github/server.ts';
import { REPO_ROOT } from '../generate.ts';

export const INTAKE_EVENT = join(REPO_ROOT, 'test/fixtures/events/issue-opened-jiebang.json');
const ACTION = join(REPO_ROOT, '.github/actions/intake/dist/index.mjs');
const CLI = join(REPO_ROOT, 'pipeline/cli/jiebang.ts');

export interface IntakeTiming {
  runs: number;
  /** Medians, ms. */
  bareNode: number;
  action: number;
  cli: number;
  /** Each run's ms, for the spread. */
  samples: { bareNode: number[]; action: number[]; cli: number[] };
  verdicts: { action: string; cli: string };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function timed(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = REPO_ROOT,
): Promise<{ ms: number; code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b;
    });
    child.stderr.on('data', () => {});
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code: code ?? 1, stdout }));
  });
}

function filesOf(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const e of readdirSync(join(dir, 'content'), { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[relative(dir, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name));
  }
  return out;
}

const baseEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST') && !k.startsWith('GITHUB_'),
    ),
  );

export async function measureIntake(runs = 9): Promise<IntakeTiming> {
  const work = mkdtempSync(join(tmpdir(), 'jiebang-bench-intake-'));
  try {
    const template = join(work, 'template');
    execFileSync(process.execPath, [join(REPO_ROOT, 'test/fixtures/intake/repo.ts'), template], { stdio: 'ignore' });
    const files = filesOf(template);
    const payload = JSON.parse(readFileSync(INTAKE_EVENT, 'utf8')) as {
      issue: {
        number: number;
        title: string;
        body: string;
        user: { login: string; type?: string };
        labels?: Array<{ name: string }>;
      };
    };
    const samples = { bareNode: [] as number[], action: [] as number[], cli: [] as number[] };
    const verdicts = { action: '', cli: '' };
    for (let i = 0; i < runs; i++) {
      samples.bareNode.push((await timed(['-e', '0'], baseEnv())).ms);

      const fake = new FakeGitHub({ files });
      await fake.start();
      const { issue } = payload;
      fake.addIssue({
        number: issue.number,
        title: issue.title,
        body: issue.body,
        user: { login: issue.user.login, type: issue.user.type ?? 'User' },
        labels: (issue.labels ?? []).map((l) => l.name),
      });
      const output = join(work, `output-${i}`);
      writeFileSync(output, '');
      const a = await timed([ACTION], {
        ...baseEnv(),
        GITHUB_EVENT_NAME: 'issues',
        GITHUB_EVENT_PATH: INTAKE_EVENT,
        GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
        GITHUB_TOKEN: fake.token,
        GITHUB_API_URL: fake.url,
        GITHUB_OUTPUT: output,
      });
      await fake.stop();
      samples.action.push(a.ms);
      verdicts.action = /verdict<<\S+\n(\w+)/.exec(readFileSync(output, 'utf8'))?.[1] ?? `exit ${a.code}`;

      const repo = join(work, `repo-${i}`);
      execFileSync('git', ['clone', '-q', template, repo]);
      const c = await timed([CLI, 'intake', '--event', INTAKE_EVENT, '--repo', repo, '--json'], baseEnv());
      samples.cli.push(c.ms);
      try {
        verdicts.cli = (JSON.parse(c.stdout) as { verdict: string }).verdict;
      } catch {
        verdicts.cli = `exit ${c.code}`;
      }
      rmSync(repo, { recursive: true, force: true });
    }
    return {
      runs,
      bareNode: median(samples.bareNode),
      action: median(samples.action),
      cli: median(samples.cli),
      samples,
      verdicts,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

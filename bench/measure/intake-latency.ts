/**
 * An answer on a real forge: the bundled intake action against the fake GitHub server with
 * every REST call held back `latencyMs` (a round trip to api.github.com from a runner), on the
 * recorded 揭榜 issue and the intake fixture catalogue. Timed from the action's start (spawn)
 * to the answer comment being posted (the first intake comment written), to the comment in
 * its final form, and to the last write; with the number of REST calls, reads and writes.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHub, type RecordedCall } from '../../test/fixtures/fake-github/server.ts';
import { intakeFiles } from '../../test/fixtures/intake/repo.ts';
import { REPO_ROOT } from '../generate.ts';
import { INTAKE_EVENT } from './intake.ts';

const ACTION = join(REPO_ROOT, '.github/actions/intake/dist/index.mjs');
const MARKER = '<!-- jiebang:intake -->';

export interface LatencyRun {
  /** ms from spawn to the answer comment posted, to its last edit, to the last write, to exit. */
  answer: number;
  finalComment: number;
  lastWrite: number;
  exit: number;
  calls: number;
  reads: number;
  writes: number;
  verdictOk: boolean;
}

export interface IntakeLatency {
  latencyMs: number;
  runs: number;
  /** Medians, ms (counts from the last run: the same every run). */
  answer: number;
  finalComment: number;
  lastWrite: number;
  exit: number;
  calls: number;
  reads: number;
  writes: number;
  /** The calls of the last run, in order of arrival, for reading where the time goes. */
  sequence: string[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const env = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('VITEST') && !k.startsWith('GITHUB_'),
    ),
  );

const isIntakeComment = (c: RecordedCall) =>
  (c.method === 'POST' || c.method === 'PATCH') &&
  /\/issues\/(\d+\/)?comments/.test(c.path) &&
  String((c.body as { body?: string } | undefined)?.body ?? '').includes(MARKER);

async function once(latencyMs: number): Promise<{ run: LatencyRun; calls: RecordedCall[] }> {
  const payload = JSON.parse(readFileSync(INTAKE_EVENT, 'utf8')) as {
    issue: { number: number; title: string; body: string; user: { login: string; type?: string } };
  };
  const fake = new FakeGitHub({ files: intakeFiles(), latencyMs });
  await fake.start();
  try {
    const { issue } = payload;
    fake.addIssue({
      number: issue.number,
      title: issue.title,
      body: issue.body,
      user: { login: issue.user.login, type: issue.user.type ?? 'User' },
    });
    const t0 = performance.now();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [ACTION], {
        cwd: REPO_ROOT,
        env: {
          ...env(),
          GITHUB_EVENT_NAME: 'issues',
          GITHUB_EVENT_PATH: INTAKE_EVENT,
          GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
          GITHUB_TOKEN: fake.token,
          GITHUB_API_URL: fake.url,
        },
        stdio: 'ignore',
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve(c ?? 1));
    });
    const exit = performance.now() - t0;
    const calls = fake.calls;
    const comments = calls.filter(isIntakeComment);
    const writes = calls.filter((c) => c.method !== 'GET');
    const final = fake.commentsOn(issue.number).find((c) => c.body.includes(MARKER));
    return {
      calls,
      run: {
        answer: (comments[0]?.answeredAt ?? NaN) - t0,
        finalComment: (comments.at(-1)?.answeredAt ?? NaN) - t0,
        lastWrite: Math.max(...writes.map((c) => c.answeredAt)) - t0,
        exit,
        calls: calls.length,
        reads: calls.length - writes.length,
        writes: writes.length,
        verdictOk: code === 0 && !!final?.body.includes('已受理'),
      },
    };
  } finally {
    await fake.stop();
  }
}

export async function measureIntakeLatency(latencyMs: number, runs = 3): Promise<IntakeLatency> {
  const all: LatencyRun[] = [];
  let last: RecordedCall[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await once(latencyMs);
    if (!r.run.verdictOk) throw new Error(`intake at ${latencyMs} ms per call did not answer 已受理`);
    all.push(r.run);
    last = r.calls;
  }
  const t0 = last[0]?.at ?? 0;
  return {
    latencyMs,
    runs,
    answer: median(all.map((r) => r.answer)),
    finalComment: median(all.map((r) => r.finalComment)),
    lastWrite: median(all.map((r) => r.lastWrite)),
    exit: median(all.map((r) => r.exit)),
    calls: all.at(-1)!.calls,
    reads: all.at(-1)!.reads,
    writes: all.at(-1)!.writes,
    sequence: last.map(
      (c) =>
        `${String(Math.round(c.at - t0)).padStart(6)} ms  ${c.method.padEnd(6)} ${c.path.replace(/^\/repos\/[^/]+\/[^/]+\//, '')}`,
    ),
  };
}

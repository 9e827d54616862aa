/**
 * What only the key can check, answered in the intake comment (pipeline/intake/sealed-answer.ts),
 * against the fake GitHub API: the intake answers first (it cannot open the sealed part), then
 * the check with an officer's key adds its section to that same comment — a sealed part that
 * keeps the rules is confirmed; one that breaks them is answered by field and rule, in Chinese,
 * without any restricted value; a blob the key cannot open says so. A second check replaces
 * its section instead of adding another.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applicationOf } from '../../bench/measure/sealed-size.ts';
import { distPath } from '../../pipeline/actions/build.ts';
import { contextFromEnv } from '../../pipeline/events/context.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { INTAKE_MARKER } from '../../pipeline/intake/comment.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { answerSealedPart, SEALED_CHECK_BEGIN } from '../../pipeline/intake/sealed-answer.ts';
import { parseIdentities, seal } from '../../pipeline/seal/seal.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { intakeFiles, OPEN_DEMAND, SME_SEALED } from '../fixtures/intake/repo.ts';

const KEYS = join(import.meta.dirname, '../fixtures/keys');
const recipientOf = (login: string) =>
  /# public key: (age1\S+)/.exec(readFileSync(join(KEYS, `${login}.key`), 'utf8'))![1]!;
const keyOf = (login: string) => parseIdentities(readFileSync(join(KEYS, `${login}.key`), 'utf8'));

let fake: FakeGitHub;
const tmp = mkdtempSync(join(tmpdir(), 'jiebang-sealed-answer-'));
// A fresh repository each: the same enterprise applies to the same demand in every case.
beforeEach(async () => {
  fake = new FakeGitHub({ files: intakeFiles() });
  await fake.start();
});
afterEach(async () => {
  await fake?.stop();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const forge = () =>
  new GitHubForge({ apiUrl: fake.url, token: fake.token, owner: fake.owner, repo: fake.repo, webUrl: fake.url });

const SECRET_PLAN = '本公司的保密攻关路线：采用自研的哨兵算法XQ-77。';

/** An application sealed to the officer's demo key, its plan `plan`. */
async function sealedBody(plan: string): Promise<string> {
  const app = applicationOf(5000) as unknown as Record<string, unknown>;
  const record = {
    ...app,
    id: undefined,
    demandId: OPEN_DEMAND,
    applicant: { ...SME_SEALED },
    chapters: { ...(app.chapters as object), plan },
  };
  return bodyFromRecord('application', await seal('application', record, [recipientOf('xm-gxj-chenyh')]));
}

let n = 80;
async function intake(body: string) {
  const number = n++;
  fake.addIssue({ number, title: '揭榜', body, user: { login: 'xinsense', type: 'User' }, labels: ['揭榜'] });
  const payload = {
    action: 'opened',
    issue: {
      number,
      title: '揭榜',
      body,
      state: 'open',
      labels: [{ name: '揭榜' }],
      user: { login: 'xinsense', id: 9, type: 'User' },
      html_url: `https://github.com/xm-gxj/jiebang/issues/${number}`,
      created_at: '2026-08-03T02:00:00Z',
      updated_at: '2026-08-03T02:00:00Z',
    },
    repository: { full_name: 'xm-gxj/jiebang', html_url: 'https://github.com/xm-gxj/jiebang', default_branch: 'main' },
  };
  const eventPath = join(tmp, `event-${number}.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  const env = {
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'xm-gxj/jiebang',
    GITHUB_TOKEN: fake.token,
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: fake.url,
  };
  const outcome = await route(await contextFromEnv(env, new Date('2026-08-03T02:00:05Z')));
  return { outcome, number };
}

describe('the key-side check answers in the intake comment', () => {
  it("confirms a sealed part that keeps the rules, below the intake's own answer, once", async () => {
    const body = await sealedBody(`${SECRET_PLAN}${'分阶段开展样机研制、工艺验证和现场测试。'.repeat(40)}`);
    const { outcome, number } = await intake(body);
    expect(outcome.verdict).toBe('valid');
    const before = fake.commentsOn(number)[0]!.body;
    expect(await answerSealedPart(forge(), number, body, ['揭榜'], keyOf('xm-gxj-chenyh'))).toEqual({
      state: 'checked',
      issues: [],
    });
    await answerSealedPart(forge(), number, body, ['揭榜'], keyOf('xm-gxj-chenyh'));
    const comments = fake.commentsOn(number);
    expect(comments).toHaveLength(1);
    const after = comments[0]!.body;
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after.split(SEALED_CHECK_BEGIN)).toHaveLength(2);
    expect(after).toContain('密封部分符合要求');
    expect(after).not.toContain('XQ-77');
  });

  it('names the field and the rule of a sealed part that breaks them, in Chinese, never the value', async () => {
    const body = await sealedBody(SECRET_PLAN);
    const { outcome, number } = await intake(body);
    expect(outcome.verdict).toBe('valid'); // without the key the intake cannot see it
    const check = await answerSealedPart(forge(), number, body, ['揭榜'], keyOf('xm-gxj-chenyh'));
    expect(check.state === 'checked' && check.issues.map((i) => i.path)).toEqual(['/chapters/plan']);
    const comment = fake.commentsOn(number)[0]!.body;
    expect(comment).toContain(INTAKE_MARKER);
    expect(comment).toMatch(/密封部分有以下问题：\n\n- 申请书正文 › 四、技术攻关方案：太短，至少 500 个字/);
    expect(comment).not.toContain('XQ-77');
    expect(comment).not.toContain(SECRET_PLAN);
  });

  it('never echoes a sealed value, whatever rule it breaks', async () => {
    // A sentinel in every chapter and indicator field, each breaking a rule of its own (too long, too short).
    const sentinel = (i: number) => `哨兵SENTINEL${i}号`;
    const app = applicationOf(5000) as unknown as Record<string, unknown>;
    const chapters = Object.fromEntries(
      Object.entries(app.chapters as Record<string, unknown>).map(([k, v], i) => [
        k,
        typeof v === 'string' ? (i % 2 ? sentinel(i) : sentinel(i).repeat(2000)) : v,
      ]),
    );
    const indicatorResponses = (app.indicatorResponses as Array<Record<string, unknown>>).map((r, i) => ({
      ...r,
      committedValue: sentinel(100 + i).repeat(40),
      note: sentinel(200 + i).repeat(60),
    }));
    const record = {
      ...app,
      id: undefined,
      demandId: OPEN_DEMAND,
      applicant: { ...SME_SEALED },
      chapters,
      indicatorResponses,
    };
    const body = bodyFromRecord('application', await seal('application', record, [recipientOf('xm-gxj-chenyh')]));
    const { number } = await intake(body);
    const check = await answerSealedPart(forge(), number, body, ['揭榜'], keyOf('xm-gxj-chenyh'));
    expect(check.state === 'checked' && check.issues.length).toBeGreaterThan(5);
    const comment = fake.commentsOn(number)[0]!.body;
    expect(comment).not.toMatch(/SENTINEL|哨兵/);
  });

  it('says when the key cannot open the sealed part', async () => {
    const body = await sealedBody(`${SECRET_PLAN}${'分阶段开展样机研制。'.repeat(60)}`);
    const { number } = await intake(body);
    const check = await answerSealedPart(forge(), number, body, ['揭榜'], keyOf('outsider'));
    expect(check.state).toBe('unopened');
    expect(fake.commentsOn(number)[0]!.body).toMatch(/主管部门的密钥无法打开本议题的密封信息/);
  });

  it('runs as the bundled sealed-check action after the intake, the key only in its environment', async () => {
    const body = await sealedBody(SECRET_PLAN);
    const { number } = await intake(body);
    const eventPath = join(tmp, `event-${number}.json`);
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: join(tmp, `out-${number}`),
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'xm-gxj/jiebang',
      GITHUB_API_URL: fake.url,
      GITHUB_SERVER_URL: fake.url,
      INPUT_TOKEN: fake.token,
      JIEBANG_OFFICER_KEY: readFileSync(join(KEYS, 'xm-gxj-chenyh.key'), 'utf8'),
    };
    writeFileSync(env.GITHUB_OUTPUT, '');
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, '../..', distPath('sealed-check'))], {
        cwd: tmp,
        env,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('jiebang sealed check: checked, 1 problem(s)');
    expect(run.stdout).not.toContain('XQ-77');
    expect(fake.commentsOn(number)[0]!.body).toMatch(/密封部分有以下问题：\n\n- 申请书正文 › 四、技术攻关方案：太短/);
  });
});

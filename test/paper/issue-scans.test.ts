/**
 * Stamped scans attached to an issue, end to end against the fake GitHub API: the intake
 * fetches the forge's own attachment links through the Forge with the size cap (no other
 * host), refuses a hostile file before anything is written, and notes a clean one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFromEnv } from '../../pipeline/events/context.ts';
import { route } from '../../pipeline/handlers/route.ts';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { attachmentLinks } from '../../pipeline/paper/scan/issue-scans.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { intakeFiles, OPEN_DEMAND, SME_SEALED } from '../fixtures/intake/repo.ts';
import { applicationIssue } from '../fixtures/intake/samples.ts';
import { makePdf, PDF_ACTIVE } from '../security/corpus/scans.ts';

let fake: FakeGitHub;
const tmp = mkdtempSync(join(tmpdir(), 'jiebang-issue-scans-'));
beforeAll(async () => {
  fake = new FakeGitHub({ files: intakeFiles() });
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const forge = () =>
  new GitHubForge({ apiUrl: fake.url, token: fake.token, owner: fake.owner, repo: fake.repo, webUrl: fake.url });

describe('fetching an attachment through the forge', () => {
  it("reads the forge's own attachment links only, and stops at the cap", async () => {
    const link = fake.attach('盖章扫描件.pdf', makePdf(1));
    const got = await forge().fetchAttachment(link, 1024 * 1024);
    expect(got.ok && Buffer.from(got.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await forge().fetchAttachment(link, 100)).toEqual({ ok: false, reason: 'too-large' });
    expect(await forge().fetchAttachment(`${fake.url}/user-attachments/files/1/none.pdf`, 1000)).toMatchObject({
      ok: false,
      reason: 'missing',
    });
    // Another host, another path on the forge, credentials in the URL: never fetched.
    const calls = fake.calls.length;
    for (const bad of [
      'http://127.0.0.1:9/user-attachments/files/1/a.pdf',
      `${fake.url}/repos/${fake.owner}/${fake.repo}/contents/README.md`,
      link.replace('://', '://user:pw@'),
    ]) {
      expect(await forge().fetchAttachment(bad, 1000)).toEqual({ ok: false, reason: 'not-allowed' });
    }
    expect(fake.calls.length).toBe(calls);
    expect(attachmentLinks(`见附件 [扫描件](${link})，以及 ${link} 和 https://example.com/x.pdf`)).toEqual([link]);
  });
});

describe('an issue with a stamped scan', () => {
  let n = 40;
  async function submit(scan: Buffer) {
    const number = n++;
    const link = fake.attach(`申请书盖章扫描件-${number}.pdf`, scan);
    const app = applicationIssue(OPEN_DEMAND, SME_SEALED);
    // The file dropped into the form: the forge puts its link where the cursor is (here, at the
    // end of the 承诺 section, before the sealed block, which must stay intact).
    const body = bodyFromRecord('application', app).replace(
      '### 密封信息',
      `盖章扫描件：[申请书盖章扫描件.pdf](${link})\n\n### 密封信息`,
    );
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
      repository: {
        full_name: 'xm-gxj/jiebang',
        html_url: 'https://github.com/xm-gxj/jiebang',
        default_branch: 'main',
      },
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
    const writesBefore = fake.writes().length;
    const outcome = await route(await contextFromEnv(env, new Date('2026-08-03T02:00:05Z')));
    return { outcome, number, writes: fake.writes().slice(writesBefore), link };
  }

  it('refuses a hostile scan before anything is written, and says why in Chinese', async () => {
    const { outcome, number, writes, link } = await submit(PDF_ACTIVE['JavaScript action']);
    expect(outcome.verdict).toBe('invalid');
    expect(outcome.errors.map((e) => e.keyword)).toEqual(['scan:active']);
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === decodeURIComponent(new URL(link).pathname))).toBe(
      true,
    );
    // Only the answer and the label: no blob, tree, commit, branch or pull request.
    expect(writes.map((c) => c.path).filter((p) => /git\/|pulls/.test(p))).toEqual([]);
    const comment = fake.commentsOn(number)[0]!.body;
    expect(comment).toContain('附件未通过检查');
    expect(comment).toMatch(/第 1 个附件：PDF 含有可执行或嵌入的内容/);
  });

  it('accepts a submission whose scan is clean, and notes the scan', async () => {
    const { outcome, number } = await submit(makePdf(3));
    expect(outcome.errors).toEqual([]);
    expect(outcome.verdict).toBe('valid');
    expect(fake.commentsOn(number)[0]!.body).toContain('已检查附上的 1 个盖章扫描件（PDF 3 页）');
  });
});

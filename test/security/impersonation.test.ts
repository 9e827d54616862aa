/**
 * Applying in another enterprise's name (issue 20), through the intake on real git
 * repositories: an application from an account other than the one that filed the
 * enterprise's 对接表 is answered with a note for the bureau to check (naming neither
 * account); the same account gets none. In pull-request mode, a second application from
 * one enterprise to one demand is refused while the first still waits in its pull request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { route } from '../../pipeline/handlers/route.ts';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { OTHER_ACCOUNT } from '../../pipeline/intake/handle-issue.ts';
import { bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { issueEvent } from '../fixtures/intake/events.ts';
import { DURING_APPLY, OPEN_DEMAND, writeIntakeRepo } from '../fixtures/intake/repo.ts';
import { applicationIssue, enterpriseSubmission } from '../fixtures/intake/samples.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-impersonation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function repo(name: string, writeMode: 'pr' | 'commit') {
  const dir = join(root, name);
  writeIntakeRepo(dir, { writeMode });
  const forge = new LocalGitForge(dir, { baseUrl: 'https://github.com/xm-gxj/jiebang' });
  const file = (number: number, label: string, body: string, login: string) =>
    route({
      name: 'issues',
      payload: issueEvent({ number, body, labels: [label], at: new Date(DURING_APPLY).toISOString(), login }),
      forge,
      branch: 'main',
      now: new Date(DURING_APPLY),
    });
  return { forge, file };
}

const PROFILE = { n: 41, name: '厦门真企业科技有限公司' };

describe('applying in another enterprise’s name', () => {
  it('an application from another account than the profile’s is flagged for the bureau; the same account is not', async () => {
    const { file } = repo('accounts', 'commit');
    const profile = enterpriseSubmission(PROFILE.n, PROFILE.name);
    const filed = await file(501, '对接表', bodyFromRecord('enterprise', profile), 'real-owner');
    expect(filed.verdict).toBe('valid');
    const applicant = { uscc: String(profile.uscc), name: PROFILE.name };

    const stranger = await file(
      502,
      '揭榜',
      bodyFromRecord('application', applicationIssue(OPEN_DEMAND, applicant)),
      'impostor',
    );
    expect(String(stranger.comment)).toContain(OTHER_ACCOUNT);
    expect(String(stranger.comment)).not.toContain('real-owner');

    const { file: file2 } = repo('accounts-same', 'commit');
    expect((await file2(501, '对接表', bodyFromRecord('enterprise', profile), 'real-owner')).verdict).toBe('valid');
    const owner = await file2(
      503,
      '揭榜',
      bodyFromRecord('application', applicationIssue(OPEN_DEMAND, applicant)),
      'real-owner',
    );
    expect(owner.verdict).toBe('valid');
    expect(String(owner.comment)).not.toContain(OTHER_ACCOUNT);
  });

  it('a second application from one enterprise to one demand is refused while the first waits in its pull request', async () => {
    const { file, forge } = repo('pending', 'pr');
    const first = await file(601, '揭榜', bodyFromRecord('application', applicationIssue(OPEN_DEMAND)), 'xinsense-ltd');
    expect(first.verdict).toBe('valid');
    const second = await file(
      602,
      '揭榜',
      bodyFromRecord('application', applicationIssue(OPEN_DEMAND)),
      'xinsense-ltd',
    );
    expect(second.verdict).toBe('invalid');
    expect(String(second.comment)).toContain('同一企业对同一需求只能提交一份申请');
    // The first issue edited is still its own submission, not a duplicate of itself.
    // (The chapters travel sealed: an edit that leaves the parsed form as it was is an edit all the same.)
    const edited = applicationIssue(OPEN_DEMAND);
    const again = await route({
      name: 'issues',
      payload: issueEvent({
        number: 601,
        action: 'edited',
        body: bodyFromRecord('application', edited),
        labels: ['揭榜'],
        at: new Date(DURING_APPLY).toISOString(),
        login: 'xinsense-ltd',
      }),
      forge,
      branch: 'main',
      now: new Date(DURING_APPLY),
    });
    expect(again.verdict, String(again.comment)).toBe('valid');
  });

  it('the GitHub adapter names the account that added a file (the commits API), and no bot or stranger', async () => {
    const fake = new FakeGitHub({ files: { 'content/site.yml': 'x: 1\n' }, botLogin: 'jiebang[bot]' });
    await fake.start();
    try {
      const forge = new GitHubForge({
        apiUrl: fake.url,
        token: fake.token,
        owner: fake.owner,
        repo: fake.repo,
        botLogin: 'jiebang[bot]',
      });
      const path = 'content/enterprises/913502000000041X00/index.yml';
      const head = (await forge.head('main'))!;
      const r = await forge.commit({
        branch: 'main',
        expectedHead: head,
        message: 'intake',
        files: [{ path, content: 'uscc: x\n' }],
        author: { name: 'real-owner', email: '70001+real-owner@users.noreply.github.com' },
      });
      expect(r.ok).toBe(true);
      // A later edit by someone else does not change who filed it.
      const later = (await forge.head('main'))!;
      await forge.commit({
        branch: 'main',
        expectedHead: later,
        message: 'edit',
        files: [{ path, content: 'uscc: y\n' }],
        author: { name: 'other', email: 'other@example.invalid' },
      });
      expect(await forge.fileAuthor(path, 'main')).toBe('real-owner');
      expect(await forge.fileAuthor('content/enterprises/none/index.yml', 'main')).toBeUndefined();
    } finally {
      await fake.stop();
    }
  });
});

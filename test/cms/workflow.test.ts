/**
 * The editorial workflow as production runs it, against decap-server's git mode: saving a
 * new demand puts it on its own cms/… branch (on GitHub: a pull request), the pipeline's
 * pull-request check judges that branch like any other, and publishing merges it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalGitForge } from '../../pipeline/forge/local-git.ts';
import { checkPullRequest } from '../../pipeline/intake/pull-request.ts';
import { parseYamlText } from '../../pipeline/content/parse.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { fillDemand, shown, startCms, type Cms } from './harness.ts';
import { eventually } from '../helpers/wait.ts';

let cms: Cms;
beforeAll(async () => {
  cms = await startCms('git');
});
afterAll(async () => {
  await cms?.stop();
});

const BRANCH = 'cms/demands/XM-2026-019/index';
const FILE = 'content/demands/XM-2026-019/index.yml';

const until = (_what: string, ok: () => boolean) => eventually(ok, 200);

const hasBranch = (name: string) => cms.git('branch', '--list', name).trim() !== '';

/** A pull_request event for the CMS branch, as GitHub would send it. */
function pullRequest(login: string, head: string) {
  return {
    action: 'opened',
    pull_request: {
      number: 7,
      title: '新增大企业技术创新需求表 XM-2026-019/index',
      user: { login, type: 'User' },
      base: { ref: 'main', sha: cms.git('rev-parse', 'main').trim(), repo: { full_name: 'xm-gxj/jiebang' } },
      head: { ref: head, sha: cms.git('rev-parse', head).trim(), repo: { full_name: 'xm-gxj/jiebang' } },
    },
  };
}

describe('the editorial workflow', () => {
  it('saves a new demand as a draft on its own branch, leaving the published branch alone', async () => {
    const page = await cms.open('#/collections/demands/new');
    await fillDemand(page, 'XM-2026-019');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await until('the draft branch', () => hasBranch(BRANCH));
    await shown(page.getByText('状态: 草稿'));
    expect(cms.git('log', '-1', '--format=%s', BRANCH).trim()).toBe('新增大企业技术创新需求表 XM-2026-019/index');
    expect(cms.git('diff', '--name-status', `main...${BRANCH}`).trim()).toBe(`A\t${FILE}`);
    expect(existsSync(join(cms.repo, FILE))).toBe(false);
  });

  it("passes the pipeline's pull-request check, as an officer's and as anyone's", async () => {
    const forge = new LocalGitForge(cms.repo, { syncWorkTree: false });
    for (const login of ['xm-gxj-chenyh', 'someone-else']) {
      const outcome = await checkPullRequest({
        name: 'pull_request',
        payload: pullRequest(login, BRANCH),
        forge,
        branch: 'main',
        now: new Date('2026-06-15T10:00:00+08:00'),
      });
      expect(outcome.errors, login).toEqual([]);
      expect(outcome.verdict).toBe('valid');
      expect(outcome.checked).toEqual([FILE]);
    }
  });

  it('publishes once ready: the branch is merged into main and removed', async () => {
    const page = cms.page;
    await page.getByText('状态: 草稿').click();
    await page.getByRole('menuitem', { name: '就绪' }).click();
    await shown(page.getByText('状态: 就绪'));
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('立即发布').click();
    await until('the merge', () => !hasBranch(BRANCH));
    expect(cms.git('show', `main:${FILE}`)).toBe(readFileSync(join(cms.repo, FILE), 'utf8'));
    const parsed = parseYamlText(readFileSync(join(cms.repo, FILE), 'utf8'));
    expect(parsed.ok && validateRecord('demand', parsed.data)).toEqual([]);
    expect(cms.git('status', '--porcelain')).toBe('');
    expect(cms.external).toEqual([]);
  });
});

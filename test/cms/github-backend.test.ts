/**
 * The CMS as a bureau deploys it: the built /admin on Decap's GitHub backend, in Chromium,
 * against the fake GitHub (test/fixtures/fake-github) holding the sample content. The browser
 * reaches it as https://api.github.com, as the deployed page does. The editor is logged in
 * (Decap keeps the user and the token in localStorage, as after the OAuth login). They list
 * the demands, see the editorial workflow's pull requests over more than one page of the API
 * (Decap follows the Link header), open a demand with its programme state read from the
 * ledger, save a change as a pull request and publish it by merging, and create a demand with
 * a picture, whose pull request the pipeline's check passes and whose merge by an officer the
 * pipeline records as the demand's submission and the officer's precheck, all through the
 * REST API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlText, stateLabel, type State } from '../../pipeline/face/core.ts';
import { GitHubForge } from '../../pipeline/forge/github.ts';
import { handlePullRequestMerged } from '../../pipeline/handlers/commands.ts';
import { checkPullRequest } from '../../pipeline/intake/pull-request.ts';
import { FakeGitHub } from '../fixtures/fake-github/server.ts';
import { eventually } from '../helpers/wait.ts';
import { ROOT, useServedSite } from '../site/harness.ts';
import { field, fillDemand } from './harness.ts';

const API = 'https://api.github.com';

/** The sample content, as the repository's files. */
const files: Record<string, Uint8Array> = {};
for (const e of readdirSync(join(ROOT, 'content'), { recursive: true, withFileTypes: true }))
  if (e.isFile()) files[relative(ROOT, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name));
const text = (path: string) => Buffer.from(files[path]!).toString('utf8');
const titleOf = (id: string) => /^title: (.+)$/m.exec(text(`content/demands/${id}/index.yml`))![1]!;

// Two pull requests a page (GitHub gives 100): the workflow's three take two pages. The editor
// signed in is an officer of the bureau (content/officers.yml): publishing is their act.
const OFFICER = 'xm-gxj-chenyh';
const fake = new FakeGitHub({ files, maxPerPage: 2, editorLogin: OFFICER });
fake.publicUrl = API;

/** Entries in the editorial workflow, as the CMS leaves them: a cms/… branch, a pull request, a label. */
const WORKFLOW = [
  { id: 'XM-2026-001', status: 'draft', title: '修改中的需求一' },
  { id: 'XM-2026-002', status: 'pending_review', title: '修改中的需求二' },
  { id: 'XM-2026-003', status: 'pending_publish', title: '修改中的需求三' },
];
WORKFLOW.forEach(({ id, status, title }, i) => {
  const path = `content/demands/${id}/index.yml`;
  const branch = `cms/demands/${id}/index`;
  fake.refs.set(branch, fake.refs.get('main')!);
  fake.commitOn(branch, { [path]: text(path).replace(/^title: .*$/m, `title: ${title}`) }, `修改 ${id}`);
  const number = 50 + i;
  const editor = { login: fake.editorLogin, type: 'User' };
  fake.pulls.set(number, {
    number,
    head: branch,
    base: 'main',
    title: `修改 ${id}`,
    body: '',
    state: 'open',
    merged: false,
    user: editor,
  });
  fake.addIssue({ number, title: '', body: '', user: editor, labels: [`decap-cms/${status}`] });
});

/** A branch's files: path → blob. */
const treeOf = (branch: string) => new Map(fake.treeAt(fake.refs.get(branch)!));
const initial = treeOf('main');

const served = useServedSite({ base: '/jiebang/' });
let page: Page;
// The page first: Decap polls the API in the background.
afterAll(async () => {
  await page?.close();
  await fake.stop();
});

async function open(hash: string): Promise<Page> {
  if (!page) {
    await fake.start();
    page = await served.b.context.newPage();
    // api.github.com, answered by the fake (page routes come before the harness's refusal of other hosts).
    await page.route(`${API}/**`, async (route) => {
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: `${fake.url}${url.pathname}${url.search}` }).catch(() => undefined);
      // Unanswered, as a network failure would be (Decap reports it on the page); a closed page takes no answer.
      await (response ? route.fulfill({ response }) : route.abort()).catch(() => {});
    });
    await page.addInitScript(
      ([token, login]) => {
        if (location.protocol === 'http:')
          localStorage.setItem('decap-cms-user', JSON.stringify({ backendName: 'github', token, login }));
      },
      [fake.editorToken, fake.editorLogin],
    );
    // Decap asks before publishing: the editor says yes.
    page.on('dialog', (d) => void d.accept());
  }
  await page.goto('about:blank');
  await page.goto(`${served.url}admin/${hash}`);
  return page;
}

const calls = (path: string) => fake.calls.filter((c) => c.method === 'GET' && c.path === path);

describe('the deployed CMS on GitHub', () => {
  it("lists the demands from the repository's tree", async () => {
    const p = await open('#/collections/demands');
    await p.getByText(titleOf('XM-2023-001')).waitFor();
    expect(calls('/user')).toHaveLength(1);
    expect(calls('/repos/xm-gxj/jiebang/git/trees/main:content/demands')[0]!.query).toEqual({ recursive: '1' });
  });

  it("shows the workflow's pull requests, following the API's pages", async () => {
    const p = await open('#/workflow');
    for (const { title } of WORKFLOW) await p.getByText(title).waitFor();
    // The statuses come from the labels: one draft, one in review, one ready.
    await p.getByText('1 个待审查的内容、1 个已就绪的内容').waitFor();
    await p.getByRole('button', { name: '新建条目' }).waitFor();
    const pages = calls('/repos/xm-gxj/jiebang/pulls').map((c) => c.query.page ?? '1');
    expect(pages).toContain('2');
  });

  it("opens a demand with its programme state, read from the ledger through GitHub's API", async () => {
    const ledger = 'content/decisions/XM-2026-004';
    const last = Object.keys(files)
      .filter((f) => f.startsWith(`${ledger}/`) && /\/\d{4}\.yml$/.test(f))
      .sort()
      .at(-1)!;
    const act = parseYamlText(text(last));
    const state = (act.ok ? (act.data as { to: State }).to : undefined)!;
    const reads = () =>
      calls(`/repos/xm-gxj/jiebang/contents/${ledger}`).length + calls(`/repos/xm-gxj/jiebang/contents/${last}`).length;
    const before = reads();
    const p = await open('#/collections/demands/entries/XM-2026-004/index');
    const panel = p.locator('#jiebang-entry-state');
    await panel.getByText(`办理状态：${stateLabel(state, 'zh')}`).waitFor();
    // On 127.0.0.1 the page would ask decap-server; Decap found none and edits through GitHub, and so does the panel.
    expect(reads()).toBe(before + 2);
    // An act on paper is recorded on the forge (no local server to post to): the panel says how.
    await panel.getByText('登记纸质文件送达的行为').click();
    await panel.getByText('线上请在该需求或申请的议题中用命令登记').waitFor();
    expect(await panel.locator('form').count()).toBe(0);
  });

  it('saves a change as a pull request marked draft, and publishes it by merging', async () => {
    const id = 'XM-2026-004';
    const path = `content/demands/${id}/index.yml`;
    const branch = `cms/demands/${id}/index`;
    const revised = `${titleOf(id)}（修订）`;
    const p = page;
    await p.locator('input[id^="title-field"]').fill(revised);
    await p.getByRole('button', { name: '保存', exact: true }).click();
    await p.getByText('状态: 草稿').waitFor();
    const pull = [...fake.pulls.values()].find((x) => x.head === branch)!;
    expect(pull.state).toBe('open');
    expect(fake.issues.get(pull.number)!.labels).toEqual(['decap-cms/draft']);
    expect(fake.filesAt(branch)[path]).toContain(`title: ${revised}\n`);
    expect(fake.filesAt('main')[path]).toBe(text(path));

    await p.getByText('状态: 草稿').click();
    await p.getByRole('menuitem', { name: '就绪' }).click();
    await p.getByText('状态: 就绪').waitFor();
    expect(fake.issues.get(pull.number)!.labels).toEqual(['decap-cms/pending_publish']);
    await p.getByRole('button', { name: '发布', exact: true }).click();
    await p.getByText('立即发布').click();
    await eventually(() => !fake.refs.has(branch));
    expect(pull.merged).toBe(true);
    // On main: that file changed, and nothing else.
    const after = treeOf('main');
    expect(fake.blobs.get(after.get(path)!)!.toString('utf8')).toContain(`title: ${revised}\n`);
    after.delete(path);
    const before = new Map(initial);
    before.delete(path);
    expect(after).toEqual(before);
    // Nothing left the machine but Decap's look for a local decap-server (this page is on 127.0.0.1).
    expect(served.b.foreign.filter((u) => u !== 'http://localhost:8081/api/v1')).toEqual([]);
  });

  it("creates a demand with a picture: a pull request the pipeline's check passes, whose merge records the officer's act", async () => {
    const id = 'XM-2026-019';
    const branch = `cms/demands/${id}/index`;
    const p = await open('#/collections/demands/new');
    await fillDemand(p, id);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c81e1e' } })
      .png()
      .toBuffer();
    await p.getByRole('button', { name: '选择图片' }).last().click();
    await p.locator('input[type=file]').setInputFiles({ name: 'workshop.png', mimeType: 'image/png', buffer: photo });
    await p.getByRole('button', { name: '选用已选中项目' }).click();
    await field(p, 'alt', 1).fill('叶片铸件检测工位照片'); // 0 is the issuer logo's
    await p.getByRole('button', { name: '保存', exact: true }).click();
    await p.getByText('状态: 草稿').waitFor();
    const pull = [...fake.pulls.values()].find((x) => x.head === branch)!;
    expect(fake.issues.get(pull.number)!.labels).toEqual(['decap-cms/draft']);
    const added = [...treeOf(branch).keys()].filter((f) => !initial.has(f)).sort();
    expect(added).toEqual([`content/demands/${id}/index.yml`, `content/demands/${id}/workshop.png`]);
    expect(fake.blobs.get(treeOf(branch).get(`content/demands/${id}/workshop.png`)!)!.equals(photo)).toBe(true);
    expect(fake.filesAt(branch)[`content/demands/${id}/index.yml`]).toContain('  src: workshop.png\n');

    // The pull request's check, as the pr-check workflow runs it: through the REST API, on the same repository.
    const forge = new GitHubForge({ apiUrl: fake.url, token: fake.token, owner: fake.owner, repo: fake.repo });
    expect(pull.user.login).toBe(fake.editorLogin);
    const outcome = await checkPullRequest({
      name: 'pull_request',
      payload: { action: 'opened', pull_request: fake.pullJson(pull) },
      forge,
      branch: 'main',
      now: new Date('2026-06-15T10:00:00+08:00'),
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.verdict).toBe('valid');
    expect(outcome.checked).toContain(`content/demands/${id}/index.yml`);

    // The officer publishes it: the merge is the pull_request event the review's workflow gets,
    // and the pipeline records the demand's submission and the officer's precheck on main.
    await p.getByText('状态: 草稿').click();
    await p.getByRole('menuitem', { name: '就绪' }).click();
    await p.getByText('状态: 就绪').waitFor();
    await p.getByRole('button', { name: '发布', exact: true }).click();
    await p.getByText('立即发布').click();
    await eventually(() => !fake.refs.has(branch));
    const merged = fake.pullJson(pull) as { merged_by: { login: string } };
    expect(merged.merged_by.login).toBe(OFFICER);
    const done = await handlePullRequestMerged({
      name: 'pull_request',
      payload: {
        action: 'closed',
        number: pull.number,
        // Merged during the round's call for demands (the sample's moment), not at the test's clock.
        pull_request: { ...merged, merged_at: '2026-06-15T10:00:00+08:00' },
        repository: { full_name: `${fake.owner}/${fake.repo}` },
        sender: merged.merged_by,
      },
      forge,
      branch: 'main',
      now: new Date('2026-06-15T10:00:00+08:00'),
    });
    expect(done.errors).toEqual([]);
    const ledger = `content/decisions/${id}`;
    expect(done.written).toEqual([`${ledger}/0001.yml`, `${ledger}/0002.yml`]);
    const acts = done.written.map((f) => parseYamlText(fake.filesAt('main')[f]!));
    expect(acts.map((a) => a.ok && (a.data as { action: string }).action)).toEqual(['submit', 'approve']);
    expect(acts[1]!.ok && (acts[1]!.data as { actor: { login: string } }).actor.login).toBe(OFFICER);
    // …and says so on the pull request.
    expect(fake.commentsOn(pull.number).filter((c) => c.user.login === fake.botLogin)).toHaveLength(1);
  });
});

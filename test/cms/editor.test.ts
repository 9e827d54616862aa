/**
 * An editor in the CMS (decap-server in fs mode: publishing writes the working tree), in a
 * real Chromium against the real dev server: creating a demand, the round trip of an
 * existing entry, and the checks that keep anything invalid from being written.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYamlText } from '../../pipeline/content/parse.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { field, fillDemand, publishNow, shown, startCms, typeMarkdown, validUscc, type Cms } from './harness.ts';
import { eventually, quiet, writtenFile } from '../helpers/wait.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let cms: Cms;

beforeAll(async () => {
  cms = await startCms('fs');
});
afterAll(async () => {
  await cms?.stop();
});

/** Wait until the working tree shows a change. */
const changed = (until: () => boolean = () => cms.git('status', '--porcelain') !== '') => eventually(until);

describe('the CMS at /admin', () => {
  it('creates a demand: the file lands in content/demands/<id>/index.yml, canonical and valid', async () => {
    const page = await cms.open('#/collections/demands/new');
    await fillDemand(cms.page, 'XM-2026-019');
    await publishNow(page);
    const file = join(cms.repo, 'content/demands/XM-2026-019/index.yml');
    await writtenFile(file);
    await shown(page.getByText('内容已保存'));

    const text = readFileSync(file, 'utf8');
    const parsed = parseYamlText(text);
    expect(parsed.ok).toBe(true);
    const record = (parsed as { data: Record<string, unknown> }).data;
    expect(record).toMatchObject({
      id: 'XM-2026-019',
      round: 'XM-2026',
      isPublic: true,
      anonymousIssuer: false,
      plannedInvestment: 300,
      completionMonths: 12,
      technicalIndicators: [
        { name: '缺陷检出率', target: '≥99', unit: '%' },
        { name: '单件检测时间', target: '≤3' },
      ],
      deliverables: ['prototype'],
      cooperationModes: ['joint_development'],
      ipArrangement: 'shared',
    });
    expect(validateRecord('demand', record)).toEqual([]);
    expect(text).toBe(formatYaml('demand', record));
    // Only this entry's folder is new.
    expect(cms.git('status', '--porcelain', '-uall').trim()).toBe('?? content/demands/XM-2026-019/index.yml');
    // And the whole content folder, cross-record rules included, passes jiebang validate.
    const out = execFileSync(
      join(ROOT, 'node_modules/.bin/node'),
      [join(ROOT, 'pipeline/cli/jiebang.ts'), 'validate', join(cms.repo, 'content')],
      { encoding: 'utf8' },
    );
    expect(out).toMatch(/✓ \d+ 个文件，\d+ 个通过，0 个有问题/);
  });

  it('opens an existing entry without changing it, and an edit changes only the edited lines', async () => {
    cms.git('add', '-A');
    cms.git('commit', '-qm', 'created in the CMS');
    const page = await cms.open('#/collections/demands/entries/XM-2023-001/index');
    await shown(field(page, 'title'));
    expect(await field(page, 'title').inputValue()).toBe('OLED蒸镀用精密金属掩膜版张网精度在线检测设备');
    // The preview is the public article (the site's renderer and stylesheet): restricted fields are not in it.
    const preview = page.frameLocator('iframe');
    await shown(preview.locator('article.demand h1', { hasText: 'OLED蒸镀用精密金属掩膜版张网精度在线检测设备' }));
    expect(await preview.locator('body').innerText()).not.toContain('郑晓东');
    // Opened and looked at: no widget rewrote a value, so there is nothing to publish.
    await shown(page.getByText('修改已保存'));
    expect(await page.getByRole('button', { name: '发布', exact: true }).count()).toBe(0);
    expect(cms.git('status', '--porcelain')).toBe('');
    // The page carries the bureau's name (site.yml bureau.name).
    expect(await page.title()).toContain('厦门市工业和信息化局');

    await field(page, 'title').fill('OLED蒸镀用精密金属掩膜版张网精度在线检测设备（修订）');
    await field(page, 'target', 2).fill('≤18');
    await typeMarkdown(page, 3, '补充说明。', true); // the last line of 揭榜方条件
    await publishNow(page);
    await changed();
    const diff = cms
      .git('diff', '-U0', '--', 'content')
      .split('\n')
      .filter((l) => /^[-+](?![-+])/.test(l));
    expect(diff).toEqual([
      '-title: OLED蒸镀用精密金属掩膜版张网精度在线检测设备',
      '+title: OLED蒸镀用精密金属掩膜版张网精度在线检测设备（修订）',
      '-    target: ≤20',
      '+    target: ≤18',
      '-solverRequirements: 具有精密光学测量或半导体、显示面板检测设备研发经验，拥有自主的图像处理算法团队；近三年有同类设备交付案例者优先。',
      '+solverRequirements: 具有精密光学测量或半导体、显示面板检测设备研发经验，拥有自主的图像处理算法团队；近三年有同类设备交付案例者优先。补充说明。',
    ]);
    cms.git('checkout', '-q', '--', 'content');
  });

  it('keeps an uploaded image beside its entry, named in the entry by its file name', async () => {
    const photo = join(cms.repo, '..', 'workshop.png');
    writeFileSync(
      photo,
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c81e1e' } })
        .png()
        .toBuffer(),
    );
    const page = await cms.open('#/collections/demands/entries/XM-2026-018/index');
    await page.getByRole('button', { name: '选择图片' }).last().click();
    await page.locator('input[type=file]').setInputFiles(photo);
    await page.getByRole('button', { name: '选用已选中项目' }).click();
    await field(page, 'alt', 1).fill('叶片铸件检测工位照片'); // 0 is the issuer logo's
    await publishNow(page);
    await changed(() => cms.git('status', '--porcelain').includes('index.yml'));
    expect(cms.git('status', '--porcelain', '-uall').split('\n').filter(Boolean).sort()).toEqual([
      ' M content/demands/XM-2026-018/index.yml',
      '?? content/demands/XM-2026-018/workshop.png',
    ]);
    expect(readFileSync(join(cms.repo, 'content/demands/XM-2026-018/workshop.png')).equals(readFileSync(photo))).toBe(
      true,
    );
    expect(
      cms
        .git('diff', '-U0', '--', 'content')
        .split('\n')
        .filter((l) => /^[-+](?![-+])/.test(l)),
    ).toEqual(['+illustration:', '+  src: workshop.png', '+  alt: 叶片铸件检测工位照片']);
    cms.git('add', '-A');
    cms.git('commit', '-qm', 'image');
  });

  it('creates a page: the address becomes the file name, the front matter is canonical, the preview is the page', async () => {
    const page = await cms.open('#/collections/pages/new');
    await field(page, 'slug').fill('cms-guide');
    await field(page, 'title').fill('内容管理使用说明');
    await field(page, 'description').fill('编辑人员如何在网站后台发布需求和页面。');
    await field(page, 'order').fill('9');
    await typeMarkdown(page, 0, '## 登录\n\n用代码平台账号登录。');
    await shown(page.frameLocator('iframe').locator('article.page h1', { hasText: '内容管理使用说明' }));
    await publishNow(page);
    const file = join(cms.repo, 'content/pages/cms-guide.mdx');
    await writtenFile(file);
    expect(readFileSync(file, 'utf8')).toBe(
      '---\ntitle: 内容管理使用说明\ndescription: 编辑人员如何在网站后台发布需求和页面。\ncategory: guide\norder: 9\n---\n## 登录\n\n用代码平台账号登录。\n',
    );
    expect(cms.git('status', '--porcelain', '-uall').trim()).toBe('?? content/pages/cms-guide.mdx');
    cms.git('add', '-A');
    cms.git('commit', '-qm', 'page');
  });

  it('refuses a demand with a required field missing: the CMS names the field and writes nothing', async () => {
    const page = await cms.open('#/collections/demands/new');
    await fillDemand(cms.page, 'XM-2026-020', ['title']);
    await publishNow(page);
    await shown(page.getByText('“需求名称”是必填项'));
    await shown(page.getByText(/漏掉了一个必填项/));
    await quiet(2000);
    expect(cms.git('status', '--porcelain')).toBe('');
  });

  it("refuses what only the pipeline's rules catch (a USCC check digit), with the pipeline's message", async () => {
    const page = await cms.open('#/collections/demands/new');
    await fillDemand(cms.page, 'XM-2026-020');
    const uscc = validUscc('MA2Y7K3P');
    await field(page, 'uscc').fill(`${uscc.slice(0, 16)}${uscc[16] === '0' ? '1' : '0'}${uscc[17]}`);
    await publishNow(page);
    // The problem under its field, scrolled into view, and in a panel that stays.
    const note = page.locator('.jiebang-field-problem').filter({ hasText: '统一社会信用代码' });
    await shown(note);
    await eventually(async () =>
      note.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      }),
    );
    const panel = page.locator('#jiebang-problems');
    await shown(panel);
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/^未保存，请先修改：.*统一社会信用代码/);
    expect(text).not.toContain('SaveRefused');
    expect(text).not.toMatch(/[。；：，:]{2}/);
    // Decap's own toast says the same without an exception name, then goes; the panel stays.
    expect(await page.getByText(/SaveRefused|保存内容失败/).count()).toBe(0);
    await eventually(
      async () =>
        (await page.locator('[class*="Toast"], [class*="toast"]').filter({ hasText: '未保存' }).count()) === 0,
    );
    expect(await panel.isVisible()).toBe(true);
    await quiet(2000);
    expect(cms.git('status', '--porcelain')).toBe('');
  });

  it('refuses an id that is taken, as the editor types it', async () => {
    const page = await cms.open('#/collections/demands/new');
    await fillDemand(cms.page, 'XM-2023-001');
    await shown(page.getByRole('alert').filter({ hasText: 'XM-2023-001 已被使用' }));
    await publishNow(page);
    await shown(page.getByText(/已被使用，请换一个/).first());
    await quiet(2000);
    expect(cms.git('status', '--porcelain')).toBe('');
    expect(readdirSync(join(cms.repo, 'content/demands')).filter((d) => d.startsWith('XM-2023-001')).length).toBe(1);
  });

  it("carries the bureau's emblem and name in the header (site.yml bureau.logo), not Decap's logo", async () => {
    const page = await cms.open('#/collections/demands');
    const logo = page.locator('header img[alt="Logo"]');
    await shown(logo);
    const svg = decodeURIComponent(
      (await logo.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''),
    );
    expect(svg).toContain('>厦门市工业和信息化局</text>');
    // The emblem is the build's re-encoded PNG of content/media/bureau-logo.svg, inside the SVG.
    const png = Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(svg)![1]!, 'base64');
    expect((await sharp(png).metadata()).height).toBe(88);
    expect(await logo.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
  });

  it('npm run dev shows a content change on the open page without a restart', async () => {
    const page = await cms.page.context().newPage();
    // The page hears of a change through Vite's client: wait until it is connected (a state, not a delay).
    const connected = page.waitForEvent('console', {
      predicate: (m) => m.text().includes('[vite] connected'),
      timeout: 0,
    });
    // The dev server has taken in the earlier tests' edits (a page it cannot render yet answers 500).
    await eventually(async () => (await fetch(`${cms.site}/demands/XM-2026-001/`)).status === 200, 250);
    const response = await page.goto(`${cms.site}/demands/XM-2026-001/`);
    await connected;
    // (Its body may be gone already: a reload the dev server owed an earlier test can follow at once.)
    expect(response?.status()).toBe(200);
    const heading = page.locator('main h1');
    const before = (await heading.textContent())!.trim();
    const file = join(cms.repo, 'content/demands/XM-2026-001/index.yml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`title: ${before}`);
    writeFileSync(file, text.replace(`title: ${before}`, `title: ${before}（开发服务器已刷新）`));
    // The dev server sees the file, reloads its model and the browser: no restart, no click.
    await shown(page.locator('main h1', { hasText: `${before}（开发服务器已刷新）` }));
    writeFileSync(file, text);
    await eventually(async () => (await heading.textContent())?.trim() === before);
    await page.close();
  });

  it('loads nothing from any host but the site and its local backend', () => {
    expect(cms.external).toEqual([]);
  });
});

/**
 * The CMS as an editor meets it: the site's dev server (astro dev, which also starts
 * decap-server) on free ports, editing a throw-away git repository holding a copy of the
 * sample content, and a real Chromium on /admin. The checkout itself is never written.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';

import { orgCodeCheckChar, usccCheckChar } from '../../pipeline/rules/uscc.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { parseYamlText } from '../../pipeline/content/parse.ts';
import { CMS_CONFIG_PATH, cmsConfigModule } from '../../pipeline/gen/cms-config.ts';
import type { Site } from '../../pipeline/generated/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'schemas', 'pipeline', 'site'];

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Wait until the URL answers, as long as the server lives (a busy machine only makes it slower). */
async function waitFor(
  url: string,
  init: RequestInit | undefined,
  server: ChildProcess,
  log: () => string,
): Promise<void> {
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the dev server exited (${server.exitCode}):\n${log()}`);
    const ok = await fetch(url, init).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface Cms {
  page: Page;
  /** The throw-away repository the CMS edits (its content/ is a copy of the sample content). */
  repo: string;
  /** The dev server's address (the site beside /admin), without a trailing slash. */
  site: string;
  git(...args: string[]): string;
  /** Requests that left 127.0.0.1 (there must be none). */
  external: string[];
  /** Open /admin in a fresh page, logged in to the local backend. */
  open(hash?: string): Promise<Page>;
  stop(): Promise<void>;
}

export interface CmsOptions {
  /** A deployment whose repository is public (site.yml privacy.sealAtRest): saving seals. */
  publicRepository?: boolean;
}

export async function startCms(mode: 'fs' | 'git', options: CmsOptions = {}): Promise<Cms> {
  const root = mkdtempSync(join(tmpdir(), 'jiebang-cms-'));
  // The site's sources as they are in the checkout, run from a copy: the dev server then
  // watches only them (not whatever else lies in the checkout) and nothing is written there.
  const siteDir = join(root, 'site');
  for (const part of SOURCES) cpSync(join(ROOT, part), join(siteDir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(siteDir, 'node_modules'), 'dir');
  const repo = join(root, 'repo');
  cpSync(join(ROOT, 'content'), join(repo, 'content'), { recursive: true });
  if (options.publicRepository) {
    // That deployment's settings, and the CMS config generated from them (as `npm run gen` would).
    const settings = join(repo, 'content/site.yml');
    const site = {
      ...(parseYamlText(readFileSync(settings, 'utf8')) as { data: Site }).data,
      privacy: { sealAtRest: true },
    };
    writeFileSync(settings, formatYaml('site', site));
    writeFileSync(join(siteDir, CMS_CONFIG_PATH), cmsConfigModule(site));
  }
  const env = {
    // Not the test runner's own variables: with VITEST set astro dev serves no page (only
    // /admin, our middleware), and with NODE_ENV=test it turns off the reload on a change.
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')),
    GIT_AUTHOR_NAME: '编辑',
    GIT_AUTHOR_EMAIL: 'editor@example.invalid',
    GIT_COMMITTER_NAME: '编辑',
    GIT_COMMITTER_EMAIL: 'editor@example.invalid',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'sample content');

  const [sitePort, cmsPort] = [await freePort(), await freePort()];
  let output = '';
  const server = spawn(
    join(ROOT, 'node_modules/.bin/astro'),
    ['dev', '--port', String(sitePort), '--host', '127.0.0.1'],
    {
      cwd: siteDir,
      env: {
        ...env,
        JIEBANG_CONTENT: join(repo, 'content'),
        JIEBANG_CMS_PORT: String(cmsPort),
        JIEBANG_CMS_MODE: mode,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout!.on('data', (d) => {
    output += d;
  });
  server.stderr!.on('data', (d) => {
    output += d;
  });
  const base = `http://127.0.0.1:${sitePort}`;
  const stopServer = async () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) =>
      server.exitCode !== null || server.signalCode !== null ? r(undefined) : server.once('exit', r),
    );
  };
  try {
    await waitFor(`${base}/admin/`, undefined, server, () => output);
    await waitFor(
      `http://127.0.0.1:${cmsPort}/api/v1`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info"}' },
      server,
      () => output,
    );
  } catch (e) {
    await stopServer();
    rmSync(root, { recursive: true, force: true });
    throw e;
  }

  const profile = mkdtempSync(join(tmpdir(), 'jiebang-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    viewport: { width: 1400, height: 1000 },
  });
  // No clock on any wait: a step waits for its state however slow the machine is.
  context.setDefaultTimeout(0);
  const external: string[] = [];
  context.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') external.push(r.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Decap asks before publishing and before leaving unsaved changes: the editor says yes. It
  // also offers to restore a local backup of an unsaved entry from an earlier test: no.
  page.on('dialog', (d) => void (d.type() === 'beforeunload' || /发布/.test(d.message()) ? d.accept() : d.dismiss()));

  return {
    page,
    repo,
    site: base,
    git,
    external,
    async open(hash = '') {
      // A fresh document each time (a new hash alone would not reload the app).
      await page.goto('about:blank');
      await page.goto(`${base}/admin/${hash}`);
      // The first visit asks to log in to the local backend; later ones remember the user.
      const login = page.getByRole('button', { name: '登录' });
      const app = page.locator('header[class*="AppHeader"], [class*="ToolbarContainer"]').first();
      await login.or(app).first().waitFor();
      if (await login.isVisible()) await login.click();
      return page;
    },
    async stop() {
      await context.close().catch(() => {});
      await stopServer();
      rmSync(root, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A field's input by its name (Decap ids are `<name>-field-<n>`); `n` picks among fields of the same name. */
export const field = (page: Page, name: string, n = 0) => page.locator(`[id^="${name}-field-"]`).nth(n);

/** Choose an option of a select or relation widget by its label. */
export async function choose(page: Page, name: string, label: string, n = 0): Promise<void> {
  await field(page, name, n).click();
  await page.keyboard.type(label);
  await page.getByRole('option', { name: label, exact: false }).first().click();
}

/** Type into a Markdown field (the n-th on the page). */
export async function typeMarkdown(page: Page, n: number, text: string, atEnd = false): Promise<void> {
  const box = page.locator('[contenteditable="true"]').nth(n);
  await box.click();
  if (atEnd) await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** Publish the open entry at once (simple mode: 发布 → 立即发布). */
export async function publishNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.getByText('立即发布').click();
}

/** Wait until the locator is on screen (however long a busy machine takes). */
export async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

export function validUscc(org8: string): string {
  const first17 = `91350206${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

/** Fill every required field of a new demand (and an optional unit), leaving out `skip`. */
export async function fillDemand(page: Page, id: string, skip: string[] = []): Promise<void> {
  const fill = async (name: string, value: string, n = 0) => {
    if (!skip.includes(name)) await field(page, name, n).fill(value);
  };
  await fill('id', id);
  await choose(page, 'round', 'XM-2026');
  await fill('title', '高温合金叶片精密铸造缺陷在线检测');
  await field(page, 'name', 0).fill('厦门测试重工有限公司');
  await field(page, 'uscc').fill(validUscc('MA2Y7K3P'));
  await field(page, 'province').fill('福建省');
  await field(page, 'city').fill('厦门市');
  await choose(page, 'ownership', '民营企业');
  await field(page, 'isPublic').click();
  await choose(page, 'demandType', '技术攻关');
  await choose(page, 'field', '高端装备');
  await typeMarkdown(page, 0, '公司现有叶片精铸检测依赖人工目视和离线X射线，效率低、漏检率高，需要外部攻关。');
  await typeMarkdown(page, 1, '铸件内部疏松和夹杂缺陷的高速识别，复杂曲面的自动定位与成像。');
  await page.getByRole('button', { name: /新增指标/ }).click();
  await field(page, 'name', 1).fill('缺陷检出率');
  await field(page, 'target', 0).fill('≥99');
  await field(page, 'unit', 0).fill('%');
  await page.getByRole('button', { name: /新增指标/ }).click();
  await field(page, 'name', 2).fill('单件检测时间');
  await field(page, 'target', 1).fill('≤3');
  await typeMarkdown(page, 2, '研制在线检测设备样机一台，完成产线验证，检出率和节拍达到指标要求。');
  await choose(page, 'deliverables', '样品/样机');
  await choose(page, 'cooperationModes', '合作开发');
  await field(page, 'plannedInvestment').fill('300');
  await field(page, 'completionMonths').fill('12');
  await choose(page, 'ipArrangement', '双方共有');
  await field(page, 'name', 3).fill('王测试');
  await field(page, 'mobile').fill('13906012345');
  await field(page, 'email').fill('wang@example.com');
}

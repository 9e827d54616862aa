/**
 * The editor: how long /admin takes to become usable — logged in to the local backend and
 * the first collection's entries listed — as `npm start` serves it: the admin page and its
 * bundle from the site's own static server (site/server/static.ts, compressing), real
 * decap-server editing a copy of the sample content, real Chromium with a fresh profile.
 *   - cold: a new browser (empty HTTP cache, nobody logged in): navigation → the 登录 button,
 *     then its click → the entries listed; `usable` is the sum;
 *   - warm: the same browser opening /admin again (scripts cached, the user remembered).
 * Also the bytes the cold visit received (as transferred, compressed) and the bundle's files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page, type Response } from 'playwright-core';
import { adminHtml, buildAdminApart, bundleBytes } from '../../site/admin/build.ts';
import { serveStatic } from '../../site/server/static.ts';
import { REPO_ROOT } from '../generate.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './weights.ts';

export interface EditorTiming {
  runs: number;
  /** Medians, ms. */
  cold: { loginShown: number; listed: number; usable: number };
  warm: { listed: number };
  /** What the cold visit received for /admin (page and scripts), compressed, and in how many files. */
  transferred: { bytes: number; files: number };
  bundle: { entryBytes: number; totalBytes: number; files: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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

/** decap-server as `npm start` runs it (site/admin/integration.ts), answering once it does. */
async function decapServer(repo: string, port: number): Promise<ChildProcess> {
  const entry = createRequire(import.meta.url).resolve('decap-server/dist/index.js');
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(port),
      BIND_HOST: '127.0.0.1',
      GIT_REPO_DIRECTORY: repo,
      MODE: 'fs',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`decap-server exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"action":"info"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listed = (page: Page) =>
  page.locator('a[href*="/collections/demands/entries/"]').first().waitFor({ state: 'visible', timeout: 0 });

export async function measureEditor(runs: number): Promise<EditorTiming> {
  const root = mkdtempSync(join(tmpdir(), 'jiebang-bench-editor-'));
  const repo = join(root, 'repo');
  cpSync(join(REPO_ROOT, 'content'), join(repo, 'content'), { recursive: true });
  const cmsPort = await freePort();
  const decap = await decapServer(repo, cmsPort);
  // The admin part of a build, as `npm run build` writes it.
  const bundle = await buildAdminApart();
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'admin'), { recursive: true });
  for (const f of bundle.files) writeFileSync(join(dist, 'admin', f.name), f.code);
  writeFileSync(
    join(dist, 'admin/index.html'),
    adminHtml({
      base: '/',
      script: bundle.script,
      preload: bundle.preload,
      title: '揭榜挂帅',
      localBackend: `http://127.0.0.1:${cmsPort}/api/v1`,
    }),
  );
  const { server, url } = await serveStatic(dist, '/', 0, '127.0.0.1');
  const admin = `${url.replace('localhost', '127.0.0.1')}admin/`;
  const cold = { loginShown: [] as number[], listed: [] as number[], usable: [] as number[] };
  const warm: number[] = [];
  let transferred = { bytes: 0, files: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'jiebang-bench-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1400, height: 1000 },
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const sizes: Array<Promise<number>> = [];
        const onResponse = (r: Response) => {
          if (new URL(r.url()).pathname.startsWith('/admin/'))
            sizes.push(
              r
                .finished()
                .then(() => r.request().sizes())
                .then(
                  (s) => s.responseBodySize + s.responseHeadersSize,
                  () => 0,
                ),
            );
        };
        page.on('response', onResponse);
        const t0 = performance.now();
        await page.goto(admin, { waitUntil: 'commit' });
        const login = page.getByRole('button', { name: '登录' });
        await login.waitFor({ state: 'visible', timeout: 0 });
        const t1 = performance.now();
        await login.click();
        await listed(page);
        const t2 = performance.now();
        page.off('response', onResponse);
        const got = await Promise.all(sizes);
        transferred = { bytes: got.reduce((a, b) => a + b, 0), files: got.length };
        cold.loginShown.push(t1 - t0);
        cold.listed.push(t2 - t1);
        cold.usable.push(t2 - t0);
        await page.goto('about:blank');
        const t3 = performance.now();
        await page.goto(admin, { waitUntil: 'commit' });
        await listed(page);
        warm.push(performance.now() - t3);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
    decap.kill();
    rmSync(root, { recursive: true, force: true });
  }
  const size = bundleBytes(bundle);
  return {
    runs,
    cold: { loginShown: median(cold.loginShown), listed: median(cold.listed), usable: median(cold.usable) },
    warm: { listed: median(warm) },
    transferred,
    bundle: { entryBytes: size.entry, totalBytes: size.total, files: bundle.files.length },
  };
}

/**
 * /admin in the built site (under a base path, as a bureau may deploy it): one page and a
 * content-hashed bundle split in an entry and chunks loaded later, loaded by that page only,
 * within its size budgets, starting the CMS with the production (GitHub) backend without a
 * request to any other host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildFixtureSite, serve, type BuiltSite } from '../site/harness.ts';

/**
 * Budgets for the admin bundle: the entry the page loads (Decap's core, React, the widgets,
 * the config) and all its files (with the Markdown editor, the previews, the validators and
 * sealing, loaded when an entry is opened or saved).
 */
const MAX_ENTRY_BYTES = 2.5 * 1024 * 1024;
const MAX_ENTRY_GZIP_BYTES = 0.75 * 1024 * 1024;
const MAX_BYTES = 5 * 1024 * 1024;

let site: BuiltSite;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  site = await buildFixtureSite({ base: '/jiebang/' });
  if (site.code !== 0) throw new Error(site.output);
  server = await serve(site);
});
afterAll(async () => {
  server?.server.close();
  site?.cleanup();
});

function files(dir: string): string[] {
  return (
    readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{
      name: string;
      parentPath: string;
      isFile(): boolean;
    }>
  )
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('/admin in the build', () => {
  it('is one page and a content-hashed bundle within budget, split in an entry and chunks', () => {
    const admin = readdirSync(join(site.out, 'admin')).sort();
    expect(admin).toContain('index.html');
    const scripts = admin.filter((f) => f.endsWith('.js'));
    expect(admin).toHaveLength(scripts.length + 1);
    for (const s of scripts) expect(s).toMatch(/^cms(-[\w-]+)?\.[A-Z0-9]{8}\.js$/);
    const html = readFileSync(join(site.out, 'admin/index.html'), 'utf8');
    const script = /<script type="module" src="\/jiebang\/admin\/([^"]+)"><\/script>/.exec(html)?.[1];
    expect(script).toMatch(/^cms\.[A-Z0-9]{8}\.js$/);
    const code = readFileSync(join(site.out, 'admin', script!));
    // The Markdown editor, the previews and the save's validators are chunks of their own, loaded with an import().
    const lazy = [...code.toString().matchAll(/import\("\.\/(cms-[^"]+\.js)"\)/g)].map((m) => m[1]);
    expect(lazy.length).toBeGreaterThanOrEqual(3);
    for (const chunk of lazy) expect(scripts).toContain(chunk);
    // The chunks the entry imports statically are preloaded beside it.
    for (const m of code.toString().matchAll(/from"\.\/(cms-[^"]+\.js)"/g))
      expect(html).toContain(`<link rel="modulepreload" href="/jiebang/admin/${m[1]}">`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('noindex');
    expect(html).not.toContain('jiebang-local-backend'); // JIEBANG_CMS_PORT was not set
    expect(code.byteLength).toBeLessThan(MAX_ENTRY_BYTES);
    expect(gzipSync(code, { level: 9 }).byteLength).toBeLessThan(MAX_ENTRY_GZIP_BYTES);
    expect(scripts.reduce((n, s) => n + readFileSync(join(site.out, 'admin', s)).byteLength, 0)).toBeLessThan(
      MAX_BYTES,
    );
  });

  it('is served by the local server (npm start) compressed, its hashed scripts cacheable for good and the page not', async () => {
    const html = readFileSync(join(site.out, 'admin/index.html'), 'utf8');
    const script = /src="\/jiebang\/admin\/([^"]+)"/.exec(html)![1]!;
    const js = await fetch(`${server.url}admin/${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.headers.get('content-encoding')).toBe('br');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Number(js.headers.get('content-length'))).toBeLessThan(
      readFileSync(join(site.out, 'admin', script)).byteLength / 3,
    );
    const page = await fetch(`${server.url}admin/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('is loaded by no other page, script or stylesheet', () => {
    const others = files(site.out).filter(
      (f) => !relative(site.out, f).startsWith('admin/') && /\.(html|js|css|xml|json)$/.test(f),
    );
    expect(others.length).toBeGreaterThan(20);
    for (const f of others) {
      const text = readFileSync(f, 'utf8');
      expect(/admin\/cms\.|decap-cms/i.test(text), relative(site.out, f)).toBe(false);
    }
  });

  it('starts the CMS in the browser with the GitHub backend, asking no other host for anything', async () => {
    const origin = new URL(server.url).origin;
    const { context, foreign, close } = await browser(origin);
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      // A public page first: it must not fetch the CMS.
      await page.goto(`${origin}/jiebang/`);
      await page.waitForLoadState('networkidle');
      expect(requested.filter((p) => p.includes('/admin/'))).toEqual([]);
      await page.goto(`${origin}/jiebang/admin/`);
      await page.getByRole('button', { name: /GitHub/ }).waitFor();
      expect(errors).toEqual([]);
      // Only Decap's look for a local decap-server, which it makes because this page is on
      // 127.0.0.1 (a deployed site is not): nothing else leaves the origin.
      expect(foreign.filter((u) => u !== 'http://localhost:8081/api/v1')).toEqual([]);
    } finally {
      await close();
    }
  });
});

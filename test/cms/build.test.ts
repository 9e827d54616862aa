/**
 * /admin in the built site (under a base path, as a bureau may deploy it): one page and one
 * content-hashed bundle, loaded by that page only, within its size budget, starting the
 * CMS with the production (GitHub) backend without a request to any other host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildFixtureSite, serve, type BuiltSite } from '../site/harness.ts';

/** Budgets for the admin bundle (Decap CMS with React, our app and the validators). */
const MAX_BYTES = 7.5 * 1024 * 1024;
const MAX_GZIP_BYTES = 2.2 * 1024 * 1024;

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
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('/admin in the build', () => {
  it('is one page and one content-hashed bundle within budget', () => {
    const admin = readdirSync(join(site.out, 'admin')).sort();
    expect(admin).toHaveLength(2);
    const script = admin.find((f) => f.endsWith('.js'))!;
    expect(script).toMatch(/^cms\.[0-9a-f]{10}\.js$/);
    const code = readFileSync(join(site.out, 'admin', script));
    expect(script.slice(4, 14)).toBe(createHash('sha256').update(code).update('\0').digest('hex').slice(0, 10));
    const html = readFileSync(join(site.out, 'admin/index.html'), 'utf8');
    expect(html).toContain(`<script type="module" src="/jiebang/admin/${script}"></script>`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('noindex');
    expect(html).not.toContain('jiebang-local-backend'); // JIEBANG_CMS_PORT was not set
    expect(code.byteLength).toBeLessThan(MAX_BYTES);
    expect(gzipSync(code, { level: 9 }).byteLength).toBeLessThan(MAX_GZIP_BYTES);
  });

  it('is loaded by no other page, script or stylesheet', () => {
    const others = files(site.out).filter((f) => !relative(site.out, f).startsWith('admin/') && /\.(html|js|css|xml|json)$/.test(f));
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

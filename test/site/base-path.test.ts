/**
 * The site served under a sub-path (`base` = /jiebang/): every link, asset, feed and API
 * address carries it (the link check finds nothing broken and nothing outside the base),
 * and in Chromium the pages, images, styles and search load from under it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildFixtureSite, serve, type BuiltSite } from './harness.ts';
import { checkLinks } from './link-check.ts';

let site: BuiltSite;
let server: Server;
let url: string;

beforeAll(async () => {
  site = await buildFixtureSite({ base: '/jiebang/' });
  expect(site.code, site.output).toBe(0);
  ({ server, url } = await serve(site));
});
afterAll(() => {
  server?.close();
  site?.cleanup();
});

describe('under /jiebang/', () => {
  it('passes the link check: every local link is under the base and resolves', () => {
    const { broken, checked } = checkLinks(site.out, '/jiebang/', 'https://jiebang.example.cn');
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    const feed = readFileSync(join(site.out, 'feeds/demands.xml'), 'utf8');
    expect(feed).toContain('<link>https://jiebang.example.cn/jiebang/demands/');
    const api = JSON.parse(readFileSync(join(site.out, 'api/demands.json'), 'utf8')) as {
      demands: Array<{ api: string }>;
    };
    expect(api.demands[0]!.api).toMatch(/^\/jiebang\/api\/demands\//);
  });

  it('loads pages, images, styles and search from under the base, with no failed request', async () => {
    const b = await browser(url.replace(/\/jiebang\/$/, ''));
    const failed: string[] = [];
    b.context.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    try {
      const page = await b.context.newPage();
      await page.goto(`${url}demands/XM-2026-001/`, { waitUntil: 'networkidle' });
      const img = page.locator('.illustration img');
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => (document.querySelector('.illustration img') as HTMLImageElement | null)?.complete,
      );
      expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).borderTopStyle)).toBe(
        'solid',
      );
      await page.goto(`${url}search/?q=${encodeURIComponent('传感器')}`);
      await page.locator('[data-results] .card').first().waitFor();
      const href = await page.locator('[data-results] .card h3 a').first().getAttribute('href');
      expect(href).toMatch(/^\/jiebang\/demands\/XM-2026-00[16]\/$/);
      await page.click('.site-nav a[href="/jiebang/stats/"]');
      await page.waitForURL(/\/jiebang\/stats\/$/);
      expect(failed).toEqual([]);
      expect(b.foreign).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

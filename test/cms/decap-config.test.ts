/**
 * The admin bundle leaves Decap's check of its config out of every editor's start (half a
 * second of ajv compiling Decap's schema on a 2-core machine: site/admin/build.ts,
 * configCheckedInTests). The same check runs here, in Chromium, on the config the page passes
 * to CMS.init, with the widgets the app registers (site/admin/config-check.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildConfigCheck } from '../../site/admin/build.ts';
import type { PageSettings } from '../../site/admin/page-config.ts';
import { browser, type TestBrowser } from '../site/harness.ts';

type Check = (settings: PageSettings, override?: Record<string, unknown>) => string | null;

const ORIGIN = 'http://127.0.0.1:9';
let chromium: TestBrowser;
let page: Page;
const check = (settings: PageSettings, override?: Record<string, unknown>) =>
  page.evaluate(([s, o]) => (globalThis as unknown as { jiebangCheckConfig: Check }).jiebangCheckConfig(s, o), [
    settings,
    override,
  ] as const);

beforeAll(async () => {
  const code = await buildConfigCheck();
  chromium = await browser(ORIGIN);
  page = await chromium.context.newPage();
  // Served from a local origin (a secure context, as /admin is: Decap's code uses crypto.randomUUID).
  await page.route(`${ORIGIN}/**`, (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: code })
      : route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: '<!doctype html><html lang="zh-CN"><body><script src="check.js"></script></body></html>',
        }),
  );
  await page.goto(`${ORIGIN}/admin/`);
  await page.waitForFunction(() => 'jiebangCheckConfig' in globalThis);
});
afterAll(async () => {
  await chromium?.close();
});

describe("the CMS config, checked by Decap's own schema", () => {
  it('passes as deployed: the GitHub backend, no local addresses', async () => {
    expect(await check({})).toBeNull();
  });

  it('passes as npm start serves it: decap-server, the local site, the bureau logo', async () => {
    expect(
      await check({
        localBackend: 'http://127.0.0.1:8082/api/v1',
        localSite: 'http://localhost:4321/',
        logo: 'data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E',
      }),
    ).toBeNull();
  });

  it('is a live check: a broken config is refused, naming the place', async () => {
    expect(await check({}, { local_backend: { url: 42 } })).toMatch(/local_backend\.url.*string/);
    expect(await check({}, { collections: [{ label: '无名集合', fields: [] }] })).toMatch(/collections\[0\].*name/);
  });
});

/**
 * A new user's journey on the built site, in Chromium: home → search 传感器 → results →
 * filter by 领域 → open a demand → 我要揭榜 opens the site's 揭榜 helper for that demand
 * (which seals the application before it goes to the forge's form); the English switch; Chinese search without spaces (a title word and an
 * indicator word); the catalogue without JavaScript; and no request to any other host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { browser, ROOT, useServedSite } from './harness.ts';
import { WITHHELD_TITLE } from './fixture.ts';

const pagefindRequests: string[] = [];

const served = useServedSite();
beforeAll(() => {
  served.b.context.on('request', (r) => {
    if (r.url().includes('/pagefind/')) pagefindRequests.push(r.url());
  });
});

const cardIds = async (page: import('playwright-core').Page) =>
  (await page.locator('[data-results] .card-meta span:nth-child(2)').allTextContents()).map((s) => s.trim());

describe('the site, as a new user meets it', () => {
  it('leads from the home page through search and a filter to the prefilled 揭榜 form', async () => {
    const page = await served.b.context.newPage();
    await page.goto(served.url);
    expect(await page.locator('h1').textContent()).toBe('厦门市大企业发榜中小企业揭榜平台');

    await page.fill('#q-header', '传感器');
    await page.press('#q-header', 'Enter');
    await page.waitForURL(/\/search\/\?q=/);
    await page.locator('[data-results] .card').first().waitFor();
    expect(new Set(await cardIds(page))).toEqual(new Set(['XM-2026-001', 'XM-2026-006']));
    expect(await page.locator('[data-status]').textContent()).toBe('找到 2 条结果');

    await page.selectOption('#f-field', 'ngit');
    await page.waitForFunction(() => document.querySelectorAll('[data-results] .card').length === 1);
    expect(await cardIds(page)).toEqual(['XM-2026-001']);
    expect(new URL(page.url()).searchParams.get('field')).toBe('ngit');

    await page.click('[data-results] .card h3 a');
    await page.waitForURL(/\/demands\/XM-2026-001\/$/);
    const apply = page.locator('a.button-primary');
    expect(await apply.textContent()).toBe('我要揭榜');
    const target = new URL((await apply.getAttribute('href'))!, page.url());
    expect(target.pathname).toMatch(/\/submit\/jiebang\/$/);
    expect(target.searchParams.get('demand')).toBe('XM-2026-001');
    const helper = await page.request.get(target.href);
    expect(helper.status()).toBe(200);
    // The helper fills the form's demandId field (the generated issue form, when present, has it).
    const form = join(ROOT, '.github/ISSUE_TEMPLATE/jiebang.yml');
    if (existsSync(form)) expect(readFileSync(form, 'utf8')).toMatch(/id:\s*demandId\b/);

    const guide = page.locator('.apply-box a', { hasText: '中小企业揭榜指南' });
    const guideResponse = await page.request.get(new URL((await guide.getAttribute('href'))!, page.url()).href);
    expect(guideResponse.status()).toBe(200);

    await page.click('a.lang-switch');
    await page.waitForURL(/\/en\/demands\/XM-2026-001\/$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('a.button-primary').textContent()).toBe('Apply');
    expect(await page.locator('h1').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('#s-technicalIndicators').textContent()).toBe('Technical indicators');
    await page.close();
    expect(served.b.foreign).toEqual([]);
  });

  it('finds a word of an indicator, without spaces, in either language, and a demand by its number', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}search/?q=${encodeURIComponent('温漂')}`);
    await page.locator('[data-results] .card').first().waitFor();
    expect(await cardIds(page)).toContain('XM-2026-001');
    await page.goto(`${served.url}en/search/?q=${encodeURIComponent('无故障运行')}`);
    await page.locator('[data-results] .card').first().waitFor();
    expect((await cardIds(page)).length).toBeGreaterThan(3);
    expect(await page.locator('[data-results] .badge').first().textContent()).toMatch(/^[A-Za-z ]+$/);
    // A demand's number, typed whole, finds that demand (an issuer that hid its name stays hidden), and a withheld one not at all.
    await page.goto(`${served.url}search/?q=${served.site.fixture.anonymousId.toLowerCase()}`);
    await page.locator('[data-results] .card').first().waitFor();
    expect(await cardIds(page)).toEqual([served.site.fixture.anonymousId]);
    expect(await page.locator('[data-results] .card-meta').textContent()).toContain('（企业名称不公开）');
    await page.goto(`${served.url}search/?q=${served.site.fixture.withheldId}`);
    await page.waitForFunction(() => document.querySelector('[data-status]')!.textContent!.startsWith('没有找到'));
    expect(await page.locator('[data-results] .card').count()).toBe(0);
    await page.close();
    expect(served.b.foreign).toEqual([]);
  });

  it('keeps a filtered catalogue in its URL, and loads search only when used', async () => {
    const page = await served.b.context.newPage();
    pagefindRequests.length = 0;
    await page.goto(`${served.url}demands/`, { waitUntil: 'networkidle' });
    expect(pagefindRequests).toEqual([]);
    // The default list is the current round's (XM-2026, the national catalogue's entry in it too): what 当前轮次 says.
    expect(await page.locator('[data-full-list] .card').count()).toBe(
      served.site.fixture.publicIds.filter((id) => id.startsWith('XM-2026-') || id === served.site.fixture.externalId)
        .length,
    );
    await page.goto(`${served.url}demands/?type=supply`, { waitUntil: 'networkidle' });
    await page.locator('[data-results] .card').first().waitFor();
    expect(pagefindRequests.length).toBeGreaterThan(0);
    expect(await page.locator('#f-type').inputValue()).toBe('supply');
    const labels = await page.locator('[data-results] .card-facts').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toContain('产品配套/采购');
    expect(await page.locator('[data-full-list]').isHidden()).toBe(true);
    await page.close();
  });

  it('shows a closed demand without the 揭榜 button', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/XM-2023-001/`);
    expect(await page.locator('a.button-primary').count()).toBe(0);
    expect(await page.locator('.apply-closed').textContent()).toContain('已截止');
    // Round XM-2023 is over and no SME was selected for this demand: it ended unmatched.
    expect(await page.locator('.badge').first().textContent()).toBe('流榜');
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('lists every public demand (the current round in the catalogue, the past one on its page) and nothing withheld', async () => {
    const noJs = await browser(served.url.replace(/\/$/, ''), { javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(`${served.url}demands/`);
      expect(await page.locator('.finder-form').isHidden()).toBe(true);
      // The catalogue lists the current round; the past round is on its own page.
      const ids = await page.locator('[data-full-list] .card-meta span:nth-child(2)').allTextContents();
      expect(await page.content()).not.toContain(WITHHELD_TITLE);
      await page.goto(`${served.url}rounds/XM-2023/`);
      ids.push(
        ...(await page
          .locator('main a[href*="/demands/XM-2023-"]')
          .evaluateAll((as) => as.map((a) => /XM-2023-\d{3}/.exec((a as HTMLAnchorElement).href)![0]))),
      );
      expect([...new Set(ids)].sort()).toEqual([...served.site.fixture.publicIds].sort());
      expect(await page.content()).not.toContain(WITHHELD_TITLE);
      await page.goto(`${served.url}demands/XM-2026-001/`);
      expect(await page.locator('a.button-primary').getAttribute('href')).toContain(
        'submit/jiebang/?demand=XM-2026-001',
      );
      expect(noJs.foreign).toEqual([]);
    } finally {
      await noJs.close();
    }
  });
});

/**
 * The search and the catalogue's filters as visitors use them, in Chromium on the
 * repository's sample content (real demand texts): a fixed list of real queries must find
 * the demands that speak of them (recall) and absurd ones nothing (precision); nothing found
 * says what was searched and offers every year in one click; the catalogue's default list,
 * label and count agree with and without JavaScript; an unknown filter in the address is said.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unzip, xlsxSheets } from '../helpers/unzip.ts';
import type { Page } from 'playwright-core';
import { browser, useServedSite } from './harness.ts';

const served = useServedSite({ sample: true });

/** Cards on the first page of results (PAGE in scripts/finder.ts). */
const FIRST_PAGE = 10;

/** Type a query into the search page and wait for its answer: the status and the demand numbers listed. */
async function search(page: Page, query: string): Promise<{ status: string; ids: string[] }> {
  // The previous answer is cleared first, so the wait below sees this query's.
  await page.evaluate(() => {
    document.querySelector('[data-finder] [data-status]')!.textContent = '';
    document.querySelector('[data-finder] [data-results]')!.replaceChildren();
  });
  await page.fill('#finder-q', query);
  await page.press('#finder-q', 'Enter');
  await page.waitForFunction((firstPage) => {
    const root = document.querySelector<HTMLElement>('[data-finder]')!;
    const strings = JSON.parse(root.dataset.strings!) as Record<string, string>;
    const status = root.querySelector('[data-status]')!.textContent ?? '';
    if (status === '' || status === strings.loading) return false;
    // A count: its first page of cards (PAGE in scripts/finder.ts) is drawn after it.
    const n = Number(/\d+/.exec(status)?.[0] ?? 0);
    return root.querySelectorAll('[data-results] > li').length >= Math.min(n, firstPage);
  }, FIRST_PAGE);
  const status = (await page.locator('[data-finder] [data-status]').textContent()) ?? '';
  const ids = await page
    .locator('[data-results] a[href*="/demands/"]')
    .evaluateAll((as) =>
      as.map((a) => (a as HTMLAnchorElement).href.match(/demands\/([A-Z]+-\d{4}-\d{3})\//)?.[1] ?? ''),
    );
  return { status, ids: [...new Set(ids)] };
}

// What people type, and a demand each must find in the current round (XM-2026).
const RECALL: Array<[string, string]> = [
  ['蒸镀', 'XM-2026-001'], // in the background and outcome, not the title
  ['薄膜封装', 'XM-2026-001'],
  ['AR眼镜', 'XM-2026-001'], // Latin and Chinese together, in the expected outcome
  ['OLED', 'XM-2026-001'],
  ['碳化硅', 'XM-2026-003'],
  ['SiC', 'XM-2026-003'], // a short Latin term, in the background
  ['MES', 'XM-2026-002'], // in the key problems' opening
  ['储能', 'XM-2026-006'],
  ['钠离子电池', 'XM-2026-005'],
  ['硬碳负极', 'XM-2026-005'],
  ['封装', 'XM-2026-001'], // a two-character word ICU's dictionary does not know
];
// Nothing in the sample speaks of these.
// Nothing in the listed demands speaks of these; 固态电解质 is only in a demand that is not
// public (XM-2026-007), so its words 电解 and 质 alone must not bring others up.
const PRECISION = ['火锅底料', '量子计算机', '披萨外卖配送', 'Kubernetes', '固态电解质', '热泵空调'];

describe('search (sample content)', () => {
  it('finds the demands whose texts name a query, and nothing for absurd ones', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}search/`);
    const missed: string[] = [];
    for (const [query, id] of RECALL) {
      const { ids } = await search(page, query);
      if (!ids.includes(id)) missed.push(`${query} → ${id} (got ${ids.join(', ') || 'nothing'})`);
      // Precision too: a specific word does not list most of the catalogue.
      expect(ids.length, query).toBeLessThan(8);
    }
    expect(missed).toEqual([]);
    for (const query of PRECISION) {
      const { status, ids } = await search(page, query);
      expect(ids, query).toEqual([]);
      expect(status, query).toContain(query);
    }
    await page.close();
  });

  it('says what was searched when nothing is found, and searches every year in one click', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}search/`);
    // A past round's demand by its exact title: not in the current rounds.
    const title = '工程机械远程运维平台关键部件故障预测模型开发';
    const first = await search(page, title);
    expect(first.ids).toEqual([]);
    const scope = page.locator('[data-finder] [data-scope]');
    await expect.poll(() => scope.isVisible()).toBe(true);
    expect(await scope.textContent()).toContain('当前轮次');
    const widen = page.getByRole('button', { name: '在全部年度中搜索' });
    await widen.click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-results] .card a[href*="XM-2023-013"]').length > 0,
    );
    expect(await page.locator('#f-round').inputValue()).toBe('all');
    expect(await widen.isVisible()).toBe(false);
    expect(page.url()).toContain('round=all');
    await page.close();
  });

  it('draws a page of cards at a time, running Pagefind without its worker', async () => {
    const page = await served.b.context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${served.url}demands/?round=all`);
    const status = page.locator('[data-finder] [data-status]');
    await page.waitForFunction(() =>
      /\d+/.test(document.querySelector('[data-finder] [data-status]')?.textContent ?? ''),
    );
    const n = Number(/\d+/.exec((await status.textContent()) ?? '')![0]);
    expect(n, 'the sample lists more demands than one page').toBeGreaterThan(FIRST_PAGE);
    const cards = page.locator('[data-results] > li');
    await expect.poll(() => cards.count()).toBe(FIRST_PAGE);
    const more = page.locator('[data-finder] [data-more]');
    expect(await more.isVisible()).toBe(true);
    while (await more.isVisible()) {
      const before = await cards.count();
      await more.click();
      await expect.poll(() => cards.count()).toBeGreaterThan(before);
    }
    expect(await cards.count()).toBe(n);
    expect(fetched.filter((p) => p.includes('pagefind'))).not.toEqual([]);
    expect(fetched.filter((p) => p.endsWith('pagefind-worker.js'))).toEqual([]);
    await page.close();
  });
});

describe('catalogue default view (sample content)', () => {
  /** The count the catalogue's plain list states, and the cards it lists (all pages of it). */
  async function defaultList(page: Page): Promise<{ label: string; count: number; cards: number }> {
    await page.goto(`${served.url}demands/`);
    const label = (await page.locator('[data-default-count]').textContent()) ?? '';
    const count = Number(await page.locator('[data-default-count]').getAttribute('data-default-count'));
    const cards = await page.locator('[data-full-list] .card').count();
    return { label, count, cards };
  }

  it('lists the current rounds under 当前轮次, with the count it states, without JavaScript', async () => {
    const noJs = await browser(served.url.replace(/\/$/, ''), { javaScriptEnabled: false });
    const page = await noJs.context.newPage();
    const { label, count, cards } = await defaultList(page);
    expect(label).toContain('当前轮次');
    expect(count).toBe(cards);
    expect(label).toContain(`共 ${count} 项`);
    // Only the current round's demands, and a way to the past ones.
    const ids = await page
      .locator('[data-full-list] .card a[href*="/demands/"]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(ids.some((h) => h.includes('XM-2023-'))).toBe(false);
    expect(await page.locator('[data-full-list] a[href$="/rounds/"]').count()).toBe(1);
    await noJs.close();
  });

  it('keeps the same count when a control is touched with JavaScript', async () => {
    const page = await served.b.context.newPage();
    const { count } = await defaultList(page);
    // Choose the current round explicitly: the same scope as the default.
    await page.selectOption('#f-round', 'XM-2026');
    await page.waitForFunction(
      (n) => (document.querySelector('[data-finder] [data-status]')?.textContent ?? '').includes(String(n)),
      count,
    );
    expect(await page.locator('[data-finder] [data-status]').textContent()).toBe(`符合条件的需求 ${count} 项`);
    await page.close();
  });

  it('says so when the address carries a filter value it does not know, and shows the filter', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/?field=no-such-field`);
    const notice = page.locator('[data-finder] [data-notice]');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('field=no-such-field');
    expect(await page.locator('#f-field').isVisible()).toBe(true);
    await page.close();
  });
});

describe('the SME guide link (sample content)', () => {
  it('opens the guide for SMEs from the home page and a demand page, in both languages', async () => {
    const page = await served.b.context.newPage();
    for (const [path, name, guide] of [
      ['', '中小企业揭榜指南', 'pages/guide-smes/'],
      ['demands/XM-2026-001/', '中小企业揭榜指南', 'pages/guide-smes/'],
      ['en/', 'Guide for SMEs', 'en/pages/guide-smes/'],
      ['en/demands/XM-2026-001/', 'Guide for SMEs', 'en/pages/guide-smes/'],
    ] as const) {
      await page.goto(`${served.url}${path}`);
      const link = page.getByRole('link', { name, exact: true });
      expect(await link.count(), path).toBeGreaterThan(0);
      await link.first().click();
      await page.waitForURL(`${served.url}${guide}`);
      expect(await page.locator('h1').textContent(), path).toMatch(/揭榜|SME/);
    }
    await page.close();
  });
});

describe('policy pages (sample content)', () => {
  it('ends a literal autolink at CJK punctuation (the 2023 notice)', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}pages/notice-2023/`);
    const link = page.locator('main a[href*="xieshouxingdong"]');
    expect(await link.getAttribute('href')).toBe('http://www.xieshouxingdong.cn');
    expect(await link.textContent()).toBe('www.xieshouxingdong.cn');
    await page.close();
  });
});

describe('English amounts (sample content)', () => {
  it('writes amounts in millions of CNY, never "× 10,000 CNY"', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}en/`);
    expect(await page.locator('main').textContent()).toMatch(/CNY [\d,.]+ million/);
    await page.goto(`${served.url}en/demands/`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('CNY 15 million'); // XM-2026-001: 1500 万元
    expect(text).not.toContain('10,000 CNY');
    await page.close();
  });
});

describe('layout (sample content)', () => {
  /** Elements reaching past the viewport's right edge, outside any box that scrolls sideways. */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const scrolls = (el: Element | null): boolean => {
        for (let e = el; e && e !== document.body; e = e.parentElement) {
          const o = getComputedStyle(e).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
        }
        return false;
      };
      const out: string[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1 || scrolls(el.parentElement)) continue;
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}px`);
      }
      return { width, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10) };
    });

  it('fits a phone (390×844): nothing wider than the screen, filters closed behind 筛选 (n)', async () => {
    const page = await served.b.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [
      '',
      'demands/',
      'demands/XM-2026-001/',
      'rounds/XM-2026/',
      'stats/',
      'issuers/',
      'en/',
      'en/demands/XM-2026-001/',
      'en/stats/',
    ]) {
      await page.goto(`${served.url}${path}`);
      const o = await overflowing(page);
      expect(o.out, path).toEqual([]);
      expect(o.scrollWidth, path).toBeLessThanOrEqual(o.width);
      // A one-line title in the header.
      const name = page.locator('.brand-name');
      const box = (await name.boundingBox())!;
      const line = Number.parseFloat(await name.evaluate((e) => getComputedStyle(e).lineHeight));
      expect(box.height, path).toBeLessThan(line * 1.5);
    }
    await page.goto(`${served.url}demands/?field=ic`);
    const toggle = page.locator('[data-filters-toggle]');
    await page.waitForFunction(() => document.querySelector('[data-filters-toggle]')?.textContent === '筛选 (1)');
    expect(await page.locator('#f-type').isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await page.locator('#f-type').isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('draws the English demand summary and phase cards without overlapping or overflowing boxes', async () => {
    const page = await served.b.context.newPage();
    for (const width of [1366, 900, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['en/demands/XM-2026-001/', 'en/']) {
        await page.goto(`${served.url}${path}`);
        const problems = await page.evaluate(() => {
          const out: string[] = [];
          const rect = (e: Element) => e.getBoundingClientRect();
          const cells = [...document.querySelectorAll('.facts > div')];
          for (const c of cells) {
            const box = rect(c);
            for (const part of c.children)
              if (rect(part).right > box.right + 1) out.push(`${part.textContent} spills out of its cell`);
          }
          for (let i = 0; i < cells.length; i++)
            for (let j = i + 1; j < cells.length; j++) {
              const a = rect(cells[i]!);
              const b = rect(cells[j]!);
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                out.push(`${cells[i]!.textContent} overlaps ${cells[j]!.textContent}`);
            }
          for (const p of document.querySelectorAll('.phase'))
            if (p.scrollWidth > p.clientWidth + 1) out.push(`phase ${p.textContent} overflows`);
          return out;
        });
        expect(problems, `${path} at ${width}px`).toEqual([]);
      }
    }
    await page.close();
  });
});

describe("the bureau's home page (sample content)", () => {
  it('lists notices, links 依据文件 to its notice, offers RSS and names the bureau in the masthead', async () => {
    const page = await served.b.context.newPage();
    await page.goto(served.url);
    expect(await page.locator('.brand-bureau').textContent()).toBe('厦门市工业和信息化局');
    // The bureau's own emblem (site.yml bureau.logo, an SVG re-encoded to one PNG), loaded and shown at 44 px.
    const emblem = page.locator('.brand img.emblem');
    expect(await emblem.getAttribute('src')).toBe('/bureau-logo.png');
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.brand img.emblem')?.complete);
    expect(
      await emblem.evaluate((img) => [(img as HTMLImageElement).naturalHeight, img.getBoundingClientRect().height]),
    ).toEqual([88, 44]);
    const notices = page.locator('section.notices');
    expect(await notices.getByRole('heading', { name: '通知公告' }).count()).toBe(1);
    const links = await notices.locator('li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(links).toEqual(['/pages/notice-2026/', '/pages/notice-2023/']);
    expect(await page.locator('.round-now a[href$="/pages/notice-2026/"]').count()).toBe(1);
    const rss = page.locator('main a[type="application/rss+xml"]');
    expect(await rss.getAttribute('href')).toBe('/feeds/demands.xml');
    const feed = await page.request.get(`${served.url}feeds/demands.xml`);
    expect(feed.ok()).toBe(true);
    await page.goto(`${served.url}rounds/XM-2023/`);
    expect(await page.locator('main a[href$="/pages/notice-2023/"]').count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe('downloads (sample content)', () => {
  it('offers the round as an Excel sheet with a Chinese file name, a title, an as-of row, widths, dates and numeric amounts', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/`);
    const link = page.locator('.downloads a[href$="/downloads/XM-2026.xlsx"]');
    expect(await link.getAttribute('download')).toMatch(/^2026年度.*需求目录\.xlsx$/);
    const bytes = Buffer.from(await (await page.request.get(`${served.url}downloads/XM-2026.xlsx`)).body());
    const files = unzip(bytes);
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toMatch(/<cols>(<col [^>]*width="[\d.]+"[^>]*\/>)+<\/cols>/);
    const rows = xlsxSheets(bytes).get('XM-2026')!;
    expect(rows[0]![0]).toMatch(/^2026年度.*需求目录$/);
    expect(rows[1]![0]).toMatch(/^数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
    const headers = rows[2]!;
    const amount = headers.indexOf('拟投入资金（万元）');
    const note = headers.indexOf('资金说明');
    expect(amount).toBeGreaterThan(0);
    expect(note).toBe(amount + 1);
    // Empty cells are left out of a row's XML: look cells up by their reference (column letter, row).
    const letter = (i: number) => String.fromCharCode(65 + i);
    const cells = new Map(
      [...sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((m) => [
        m[1]!,
        { attrs: m[2]!, inner: m[3] ?? '' },
      ]),
    );
    let numbers = 0;
    for (let row = 4; row <= rows.length; row++) {
      const value = cells.get(`${letter(amount)}${row}`);
      if (value) {
        expect(value.attrs, 'amounts are numbers').not.toMatch(/t="(s|inlineStr|str)"/);
        numbers++;
      } else {
        expect(cells.get(`${letter(note)}${row}`), `row ${row}: 面议 in the note`).toBeDefined();
      }
    }
    expect(numbers).toBeGreaterThan(0);
    // Deadlines are dates: a number cell with a date format, not text.
    expect(files.get('xl/styles.xml')!.toString('utf8')).toContain('yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;');
    await page.close();
  });

  it('downloads what the filters show as CSV', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/?field=ic`);
    await page.waitForFunction(() =>
      /\d+/.test(document.querySelector('[data-finder] [data-status]')?.textContent ?? ''),
    );
    const n = Number(/\d+/.exec((await page.locator('[data-finder] [data-status]').textContent()) ?? '')![0]);
    const button = page.getByRole('button', { name: '下载筛选结果（CSV）' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('需求目录筛选结果.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^需求编号,需求名称,发榜企业,/);
    expect(lines.length - 1).toBe(n);
    for (const l of lines.slice(1)) expect(l).toContain('集成电路');
    await page.close();
  });
});

/**
 * Accessibility: axe-core (WCAG 2.1 A and AA rules) finds no violation on any page
 * template, in either language, including the catalogue and search with results showing;
 * and the journey works by keyboard alone.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useServedSite } from './harness.ts';

const served = useServedSite();

const TEMPLATES = [
  ['home', ''],
  ['catalogue', 'demands/'],
  ['catalogue, filtered', 'demands/?field=ngit'],
  ['search with results', `search/?q=${encodeURIComponent('传感器')}`],
  ['demand open for 揭榜, with images', 'demands/XM-2026-001/'],
  ['demand closed', 'demands/XM-2023-001/'],
  ['demand of a hidden issuer', 'demands/XM-2026-003/'],
  ['rounds', 'rounds/'],
  ['round catalogue', 'rounds/XM-2026/'],
  ['issuers', 'issuers/'],
  ['statistics', 'stats/'],
  ['policy pages', 'pages/'],
  ['policy page', 'pages/guide/'],
] as const;

async function violations(path: string) {
  const page = await served.b.context.newPage();
  try {
    await page.goto(served.url + path, { waitUntil: 'networkidle' });
    if (path.includes('?')) await page.locator('[data-results] .card').first().waitFor();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  } finally {
    await page.close();
  }
}

describe('axe-core finds no violation', () => {
  for (const lang of ['', 'en/']) {
    for (const [name, path] of TEMPLATES) {
      it(`${lang ? 'English' : 'Chinese'}: ${name}`, async () => {
        expect(await violations(lang + path)).toEqual([]);
      });
    }
  }
  it('an issuer page, in both languages', async () => {
    const slug = (await (await fetch(`${served.url}issuers/`)).text()).match(/href="\/issuers\/([^/]+)\/"/)![1]!;
    expect(await violations(`issuers/${slug}/`)).toEqual([]);
    expect(await violations(`en/issuers/${slug}/`)).toEqual([]);
  });
  it('the 404 page', async () => {
    expect(await violations('no/such/page/')).toEqual([]);
  });
  it('and no page asked any other host for anything', () => {
    expect(served.b.foreign).toEqual([]);
  });
});

describe('by keyboard alone', () => {
  it('skips to the content, filters the catalogue and opens a demand', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/`, { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash === '#main'); // the jump lands when the browser gets to it, however busy
    await page.focus('#f-type');
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-results] .card').first().waitFor();
    const first = page.locator('[data-results] .card h3 a').first();
    await first.focus();
    const href = await first.getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === href);
    const apply = page.locator('a.button-primary');
    if (await apply.count()) {
      await apply.focus();
      expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href)).toMatch(
        /\/submit\/jiebang\/\?demand=/,
      );
    }
    await page.close();
  });
});

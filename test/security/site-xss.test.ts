/**
 * XSS through the public site, rendered by the real build in real Chromium: every XSS
 * payload of the corpus is planted in the text fields a submitter controls (titles,
 * issuer names, indicators, every Markdown field) and a page's front matter; the whole
 * site is built; every HTML page in both languages, and the search with queries that hit
 * the payloads, is opened with JavaScript on. Nothing may run: no dialog, no console
 * beacon, no request to /xss-*, no request to another host, and no active markup in the
 * DOM (event-handler attributes, javascript:/data: links, frames, objects, base, refresh).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import { useServedSite } from '../site/harness.ts';
import { XSS } from './corpus/payloads.ts';

const fired: string[] = [];

/** Short payloads for fields of at most 50–60 characters (titles, names, indicator cells). */
const SHORT = [
  '<img src=x onerror=alert(91)>',
  '"><svg onload=alert(92)>',
  '[x](javascript:alert(93))',
  "'><script>alert(94)</script>",
];

const served = useServedSite({
  change: (dir) => {
    const demands = readdirSync(join(dir, 'demands'));
    XSS.forEach((p, i) => {
      const id = demands[i % demands.length]!;
      const path = join(dir, 'demands', id, 'index.yml');
      const d = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      const field = ['background', 'keyProblems', 'expectedOutcome', 'solverRequirements'][
        Math.floor(i / demands.length) % 4
      ]!;
      d[field] = `${String(d[field] ?? '需求说明文字，至少二十个字符长度的正常内容。')}\n\n${p.text}`;
      if (i < SHORT.length * 2) {
        const s = SHORT[i % SHORT.length]!;
        if (i < SHORT.length) d.title = `${String(d.title).slice(0, 20)}${s}`;
        else (d.issuer as Record<string, unknown>).name = `厦门${s}有限公司`;
        (d.technicalIndicators as Array<Record<string, unknown>>)[0]!.target = s;
        (d.technicalIndicators as Array<Record<string, unknown>>)[0]!.unit = s.slice(0, 20);
      }
      writeFileSync(path, formatYaml('demand', d));
    });
    const page = join(dir, 'pages', 'guide.mdx');
    writeFileSync(
      page,
      readFileSync(page, 'utf8').replace(
        /^description: .*$/m,
        `description: '${SHORT[0]}${SHORT[1]!.replace(/'/g, "''")}'`,
      ),
    );
  },
});
beforeAll(async () => {
  await served.b.context.route('**/xss-*', (route) => {
    fired.push(`request ${route.request().url()}`);
    return route.abort();
  });
});

/** Active markup left in a page, as the browser parsed it. */
async function activeMarkup(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) out.push(`${el.tagName} ${a.name}`);
        if (
          ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name) &&
          /^\s*(javascript|data|vbscript):/i.test(a.value)
        )
          out.push(`${el.tagName} ${a.name}=${a.value.slice(0, 30)}`);
      }
    }
    for (const sel of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv]', 'form[action^="javascript"]']) {
      for (const el of document.querySelectorAll(sel)) out.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const s of document.querySelectorAll('script')) {
      if (s.src && new URL(s.src).origin !== location.origin) out.push(`foreign script ${s.src}`);
      if (!s.src && !/json/.test(s.type) && /XSS-|alert\(/.test(s.textContent ?? ''))
        out.push('inline script with a payload');
    }
    return out;
  });
}

describe('XSS on the built site', () => {
  it('plants every XSS payload of the corpus', () => {
    expect(XSS.length).toBeGreaterThanOrEqual(25);
  });

  it('the control: the listeners see a payload that does run', async () => {
    const page = await served.b.context.newPage();
    const seen: string[] = [];
    page.on('dialog', (d) => {
      seen.push('dialog');
      void d.dismiss();
    });
    await page.goto(served.url);
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="alert(1);fetch(\'/xss-control\')">'),
    );
    await page.waitForTimeout(300);
    expect(seen).toEqual(['dialog']);
    expect(await activeMarkup(page)).toEqual(['IMG onerror']);
    expect(fired.splice(0)).toEqual([expect.stringContaining('/xss-control')]);
    await page.close();
  });

  it('runs none of them on any page, in either language, and leaves no active markup', async () => {
    const pages = readdirSync(served.site.out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === 'index.html' && !e.parentPath.includes('admin'))
      .map((e) => relative(served.site.out, e.parentPath).split('\\').join('/'));
    expect(pages.length).toBeGreaterThan(30);
    const problems: string[] = [];
    const page = await served.b.context.newPage();
    page.on('dialog', (d) => {
      fired.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/XSS-/.test(m.text())) fired.push(`console ${m.text()}`);
    });
    let shownAsText = 0;
    for (const p of pages) {
      await page.goto(`${served.url}${p ? `${p}/` : ''}`, { waitUntil: 'load' });
      for (const m of await activeMarkup(page)) problems.push(`${p || '/'}: ${m}`);
      if ((await page.textContent('main'))?.includes('onerror')) shownAsText++;
    }
    await page.close();
    expect(shownAsText, 'the payloads are on the pages, as text').toBeGreaterThan(5);
    expect(problems).toEqual([]);
    expect(fired).toEqual([]);
    expect(served.b.foreign).toEqual([]);
  });

  it('runs none in search results and the catalogue’s filtered list (Pagefind excerpts)', async () => {
    const page = await served.b.context.newPage();
    page.on('dialog', (d) => {
      fired.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/XSS-/.test(m.text())) fired.push(`console ${m.text()}`);
    });
    for (const q of ['点我', 'onerror', 'script', 'javascript', '下载', 'svg']) {
      await page.goto(`${served.url}search/?q=${encodeURIComponent(q)}`);
      await page.waitForLoadState('networkidle');
      if (q === 'onerror') await page.locator('[data-results] .card').first().waitFor(); // the payloads are found
      expect(await activeMarkup(page), q).toEqual([]);
    }
    await page.goto(`${served.url}en/demands/?field=ngit`);
    await page.waitForLoadState('networkidle');
    expect(await activeMarkup(page)).toEqual([]);
    await page.close();
    expect(fired).toEqual([]);
    expect(served.b.foreign).toEqual([]);
  });
});

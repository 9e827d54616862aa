/**
 * 打印/下载需求表（附件1） on the built site, in Chromium: the link on a demand page opens the
 * print page, which lays the public demand out as the notice's form from the JSON API —
 * restricted fields as “（不公开）”, an anonymous issuer's name nowhere, the revision of the
 * demand's file on the verification line — and loads nothing from another host.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS_ISSUER, PLANTED_CONTACT } from './fixture.ts';
import { ROOT, useServedSite } from './harness.ts';

const served = useServedSite();

/** The printed form's text, once the frame holds it. */
async function formText(page: import('playwright-core').Page): Promise<string> {
  await page.locator('.paper-form h1').waitFor();
  return page.locator('.paper-form').innerText();
}

describe('the public demand form', () => {
  it('is linked from a demand page and printed from the public data only', async () => {
    const id = served.site.fixture.anonymousId;
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/${id}/`);
    await page.click('text=打印/下载需求表（附件1）');
    await page.waitForURL(/\/print\/\?id=/);
    const text = await formText(page);
    expect(text).toContain('《大企业技术创新需求表》');
    expect(text).toContain('附件1');
    expect(text).toContain(id);
    expect(text).toContain('（不公开）');
    expect(text).toContain('本表为公开版');
    expect(text).toContain('法定代表人（签字）');
    expect(text).not.toContain(ANONYMOUS_ISSUER);
    for (const v of Object.values(PLANTED_CONTACT)) expect(text).not.toContain(v);
    const revision = createHash('sha256')
      .update(readFileSync(join(served.site.content, 'demands', id, 'index.yml')))
      .digest('hex');
    expect(text).toContain(revision.slice(0, 12));
    expect(await page.locator('button', { hasText: '打印' }).isVisible()).toBe(true);
    expect(served.b.foreign).toEqual([]);
    // For a person to look at when the layout changes.
    mkdirSync(join(ROOT, 'test-results/paper'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results/paper/site-print-page.png'), fullPage: true });
    // Printed, the page is the form alone: none of the site's header and navigation.
    const pdf = join(ROOT, 'test-results/paper/site-print-page.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain('《大企业技术创新需求表》');
    expect(printed).not.toContain('政策与指南');
    expect(printed).not.toContain('打印 / 另存为 PDF');
    await page.close();
  });

  it('says so when the link names no public demand', async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}print/?id=${served.site.fixture.withheldId}`);
    await page.locator('[data-message]:not([hidden])').waitFor();
    expect(await page.locator('[data-message]').textContent()).toBe('找不到这项需求，它可能未公开或已撤下。');
    await page.goto(`${served.url}print/?id=<script>`);
    await page.locator('[data-message]:not([hidden])').waitFor();
    expect(await page.locator('[data-message]').textContent()).toBe('链接中没有有效的需求编号。');
    await page.close();
  });
});

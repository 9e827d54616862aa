/**
 * The submission helper on the built site, in Chromium: a submitter fills each form as a
 * person would (fields found by the same model the page is generated from), the page
 * checks it with the pipeline's rules, seals the restricted fields to the officers' keys
 * from officers.yml, and hands back the issue text and a prefilled issue link — while not
 * one request leaves the page. The text is then read by the real intake parser and the
 * sealed data opened with an officer's (demo) key. Also: problems are shown by field, the
 * helper's script is on its own pages only, the pages pass axe.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import type { FormField } from '../../pipeline/forms/form.ts';
import { answerFor } from '../../pipeline/forms/render-body.ts';
import { parseIssueBody } from '../../pipeline/forms/submission.ts';
import { validateSubmission } from '../../pipeline/forms/validate-submission.ts';
import { parseIdentities, unseal } from '../../pipeline/seal/seal.ts';
import { helperForm } from '../../site/submit/model.ts';
import { applicationOf, markovProse } from '../../bench/measure/sealed-size.ts';
import { Random } from '../../bench/random.ts';
import { ATTACHMENT_MARKER, resolveSealedAttachment } from '../../pipeline/intake/sealed-attachment.ts';
import { ROOT, useServedSite } from '../site/harness.ts';
import { unzip } from '../helpers/unzip.ts';
import { demandSubmission, enterpriseSubmission, uscc } from '../fixtures/intake/samples.ts';

const KEY = parseIdentities(readFileSync(join(ROOT, 'test/fixtures/keys/xm-gxj-chenyh.key'), 'utf8'));
const recipientOf = (login: string) =>
  /# public key: (age1\S+)/.exec(readFileSync(join(ROOT, `test/fixtures/keys/${login}.key`), 'utf8'))![1]!;

/** The site fixture's first open 2026 demand (its issuer's representative is yuguang-wangqian here). */
let OPEN = '';
const served = useServedSite({
  change: (dir) => {
    OPEN = readdirSync(join(dir, 'demands'))
      .filter((id) => id.startsWith('XM-2026'))
      .sort()[0]!;
    writeFileSync(
      join(dir, 'officers.yml'),
      formatYaml('officers', {
        officers: [
          {
            login: 'xm-gxj-chenyh',
            name: '陈雅慧',
            role: 'bureau',
            validFrom: '2023-01-01',
            recipient: recipientOf('xm-gxj-chenyh'),
          },
          {
            login: 'miit-qyj-zhaol',
            name: '赵磊',
            role: 'miit',
            validFrom: '2023-01-01',
            recipient: recipientOf('miit-qyj-zhaol'),
          },
          {
            login: 'yuguang-wangqian',
            name: '王倩',
            role: 'issuer',
            demands: [OPEN],
            validFrom: '2023-01-01',
            recipient: recipientOf('yuguang-wangqian'),
          },
          {
            login: 'luneng-caijq',
            name: '蔡俊清',
            role: 'issuer',
            demands: ['XM-2023-001'],
            validFrom: '2023-01-01',
            recipient: recipientOf('luneng-caijq'),
          },
        ],
      }),
    );
  },
});
const keyOf = (login: string) => parseIdentities(readFileSync(join(ROOT, `test/fixtures/keys/${login}.key`), 'utf8'));

const valueAt = (record: Record<string, unknown>, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);

/** Fill the helper's form from a record, field by field, as a person would. */
async function fill(page: Page, template: string, record: Record<string, unknown>): Promise<void> {
  const h = helperForm(template)!;
  for (const f of [...h.publicFields, ...h.restrictedFields] as FormField[]) {
    const value = valueAt(record, f.pointer);
    if (value === undefined) continue;
    switch (f.valueKind) {
      case 'declaration':
        if (value === true) await page.check(`[name="${f.id}"]`);
        break;
      case 'enum':
      case 'boolean':
        await page.selectOption(`[name="${f.id}"]`, f.options!.find((o) => o.value === value)!.label);
        break;
      case 'enum-list':
        for (const v of value as unknown[])
          await page.check(`[name="${f.id}"][value="${f.options!.find((o) => o.value === v)!.label}"]`);
        break;
      case 'table': {
        const rows = value as Array<Record<string, unknown>>;
        for (let i = 3; i < rows.length; i++) await page.click(`[data-add-row="${f.id}"]`);
        for (const [i, row] of rows.entries())
          for (const c of f.columns!)
            if (row[c.key] !== undefined) await page.fill(`[name="${f.id}.${i}.${c.key}"]`, String(row[c.key]));
        break;
      }
      default:
        await page.fill(`[name="${f.id}"]`, answerFor(f, value));
    }
  }
}

/** Open a helper page, count every request made after it loaded, fill, generate. */
/**
 * Every request the page makes, but the helper's own checking-and-sealing script, which it
 * loads from this site (a GET of a built /_astro/ file, nothing sent) once the person starts
 * filling in the form.
 */
function watchRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    const ownScript =
      r.method() === 'GET' &&
      r.postData() === null &&
      r.resourceType() === 'script' &&
      url.href.startsWith(`${served.url}_astro/`) &&
      url.search === '' &&
      url.pathname.endsWith('.js');
    if (!ownScript) requests.push(r.url());
  });
  return requests;
}

async function submit(path: string, template: string, record: Record<string, unknown>) {
  const page = await served.b.context.newPage();
  await page.goto(`${served.url}${path}`);
  await page.waitForLoadState('networkidle');
  const requests = watchRequests(page);
  await fill(page, template, record);
  await page.click('[data-helper] button[type=submit]');
  await page.locator('[data-output]:not([hidden]), [data-summary]:not([hidden])').first().waitFor();
  return { page, requests };
}

const CONTACT = { name: '欧阳助手', position: '总经理', mobile: '13912349876', email: 'helper.secret@example.cn' };

describe('the submission helper', () => {
  it('seals an enterprise profile in the browser, sends nothing, and hands back text the intake reads', async () => {
    const record: Record<string, unknown> = {
      ...enterpriseSubmission(77, '厦门助手测试科技有限公司'),
      sealed: undefined,
      legalRepresentative: '司马助手',
      contact: CONTACT,
      employees: 86,
      revenueLastYear: 9876.5,
    };
    const { page, requests } = await submit('submit/duijie/', 'duijie', record);
    expect(await page.locator('[data-output]').isVisible()).toBe(true);
    expect(requests).toEqual([]);

    const body = await page.locator('[data-body]').inputValue();
    for (const secret of [...Object.values(CONTACT), '司马助手', '9876.5']) expect(body).not.toContain(secret);
    const parsed = parseIssueBody(body, ['对接表']);
    expect(parsed.ok && parsed.issues).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.form.template).toBe('duijie');
    expect(validateSubmission('enterprise', parsed.record, [])).toEqual([]);
    const opened = await unseal('enterprise', parsed.record, KEY);
    expect(opened.issues).toEqual([]);
    expect(opened.record).toMatchObject({
      legalRepresentative: '司马助手',
      contact: CONTACT,
      employees: 86,
      revenueLastYear: 9876.5,
      name: '厦门助手测试科技有限公司',
    });

    const link = new URL((await page.locator('[data-issue-link]').getAttribute('href')) ?? '');
    expect(`${link.origin}${link.pathname}`).toBe('https://github.com/xm-gxj/jiebang/issues/new');
    expect(link.searchParams.get('template')).toBe('duijie.yml');
    expect(link.searchParams.get('name')).toBe('厦门助手测试科技有限公司');
    expect(link.searchParams.get('sealed')).toBe(String(parsed.record.sealed).trimEnd());
    for (const secret of Object.values(CONTACT)) expect(link.href).not.toContain(encodeURIComponent(secret));
    await page.close();
  });

  it('prints the checked 对接表 in full on this computer, as the notice’s form, saying it is not registered yet', async () => {
    const record: Record<string, unknown> = {
      ...enterpriseSubmission(78, '厦门打印测试科技有限公司'),
      sealed: undefined,
      legalRepresentative: '司马打印',
      contact: CONTACT,
      employees: 86,
      revenueLastYear: 9876.5,
    };
    const { page, requests } = await submit('submit/duijie/', 'duijie', record);
    // The print dialog is the browser's: here it only has to be asked for.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', '');
    });
    await page.click('[data-print]');
    await page.locator('body[data-printed]').waitFor({ state: 'attached' });
    const paper = page.locator('[data-paper]');
    expect(await paper.isVisible()).toBe(true);
    const text = await paper.innerText();
    expect(text).toContain('对接表');
    // Every answer, the sealed ones too (the submitter's own machine), with its label.
    for (const value of ['厦门打印测试科技有限公司', '司马打印', ...Object.values(CONTACT), '86', '9876.5'])
      expect(text).toContain(value);
    expect(text).toContain('法定代表人');
    expect(text).toMatch(/核验信息：提交前打印（尚未登记） · 91\w{16} · 打印于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // Printed alone: the print style hides the rest of the page.
    expect(
      await page.evaluate(() =>
        [...document.styleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.includes('@media print'))),
      ),
    ).toBe(true);
    // The same form as a DOCX, written in the page: every answer in its XML, and the QR code as a PNG.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 0 }), page.click('[data-docx]')]);
    expect(download.suggestedFilename()).toMatch(/对接表.*-厦门打印测试科技有限公司-提交前打印\.docx$/);
    const docx = unzip(readFileSync((await download.path())!));
    const xml = docx.get('word/document.xml')!.toString('utf8');
    for (const value of ['厦门打印测试科技有限公司', '司马打印', ...Object.values(CONTACT), '提交前打印（尚未登记）'])
      expect(xml).toContain(value);
    const png = [...docx].find(([name]) => name.startsWith('word/media/'))![1];
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(requests).toEqual([]);
    await page.close();
  });

  it('seals a hidden issuer’s name with the contact, and keeps it out of the title and the link', async () => {
    const record: Record<string, unknown> = {
      ...demandSubmission(),
      sealed: undefined,
      anonymousIssuer: true,
      contact: CONTACT,
    };
    const { page, requests } = await submit('submit/fabang/', 'fabang', record);
    expect(requests).toEqual([]);
    const body = await page.locator('[data-body]').inputValue();
    const href = (await page.locator('[data-issue-link]').getAttribute('href')) ?? '';
    const issuer = record.issuer as { name: string; uscc: string };
    for (const secret of [issuer.name, issuer.uscc, CONTACT.mobile]) {
      expect(body).not.toContain(secret);
      expect(decodeURIComponent(href)).not.toContain(secret);
    }
    const parsed = parseIssueBody(body, ['发榜']);
    if (!parsed.ok) throw new Error('not read');
    expect(parsed.issues).toEqual([]);
    const opened = await unseal('demand', { ...parsed.record, id: 'XM-2026-099', round: 'XM-2026' }, KEY);
    expect(opened.issues).toEqual([]);
    expect(opened.record).toMatchObject({
      issuer: { name: issuer.name, uscc: issuer.uscc },
      contact: CONTACT,
      title: record.title,
    });
    await page.close();
  });

  it('prefills an application from the chosen demand and its indicators', async () => {
    const page = await served.b.context.newPage();
    const open = served.site.fixture.publicIds.find((id) => id.startsWith('XM-2026'))!;
    await page.goto(`${served.url}submit/jiebang/?demand=${open}`);
    expect(await page.inputValue('[name="demandId"]')).toBe(open);
    const indicators = await page
      .locator('[data-table="indicatorResponses"] input[data-col="indicator"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean));
    expect(indicators.length).toBeGreaterThan(0);
    await page.close();
  });

  it('lists every problem by its field and generates nothing', async () => {
    const record: Record<string, unknown> = {
      ...enterpriseSubmission(78, '厦门'),
      sealed: undefined,
      contact: { ...CONTACT, mobile: '12345' },
      employees: 86,
    };
    const { page, requests } = await submit('submit/duijie/', 'duijie', record);
    expect(requests).toEqual([]);
    expect(await page.locator('[data-output]').isVisible()).toBe(false);
    const problems = await page.locator('[data-summary] li').allTextContents();
    expect(problems.some((p) => p.startsWith('企业名称'))).toBe(true);
    expect(problems.some((p) => p.includes('手机号码'))).toBe(true);
    expect(problems.some((p) => p.startsWith('法定代表人'))).toBe(true);
    expect(await page.locator('[data-error-for="contact-mobile"]').isVisible()).toBe(true);
    expect(await page.getAttribute('[name="contact-mobile"]', 'aria-invalid')).toBe('true');
    await page.close();
  });

  it("takes an application at the maximum lengths from the demand page to a body the intake accepts, sealed to the officers and this demand's issuer only", async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}demands/${OPEN}/`);
    await page.click('.apply-box a.button-primary');
    await page.waitForURL(/submit\/jiebang\/\?demand=/);
    expect(await page.inputValue('[name="demandId"]')).toBe(OPEN);
    const indicators = await page
      .locator('[data-table="indicatorResponses"] input[data-col="indicator"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean));
    const longest = applicationOf('max');
    const note = String(longest.indicatorResponses[0]!.note).padEnd(500, '。').slice(0, 500);
    const record: Record<string, unknown> = {
      demandId: OPEN,
      applicant: { uscc: uscc(77), name: '厦门助手测试科技有限公司' },
      directed: false,
      chapters: longest.chapters,
      indicatorResponses: indicators.map((indicator, i) => ({
        indicator,
        committedValue: `≥${100 + i} 单位`.padEnd(100, '0'),
        note,
      })),
    };
    for (const [k, v] of Object.entries(longest.chapters))
      if (typeof v === 'string') expect(v.length, k).toBeGreaterThan(4900);
    const requests = watchRequests(page);
    await fill(page, 'jiebang', record);
    expect(await page.locator('[data-count-for="chapters-plan"]').textContent()).toContain(
      `${[...String(longest.chapters.plan)].length} / 15000`,
    );
    await page.click('[data-helper] button[type=submit]');
    await page.locator('[data-output]:not([hidden]), [data-summary]:not([hidden])').first().waitFor();
    expect(
      await page.locator('[data-summary]').isVisible(),
      (await page.locator('[data-summary]').textContent()) ?? '',
    ).toBe(false);
    expect(requests).toEqual([]);

    const body = await page.locator('[data-body]').inputValue();
    expect(body.length).toBeLessThanOrEqual(65_536);
    for (const secret of [String(longest.chapters.plan).slice(0, 40), note.slice(0, 40)])
      expect(body).not.toContain(secret);
    const parsed = parseIssueBody(body, ['揭榜']);
    if (!parsed.ok) throw new Error('not read');
    expect(parsed.issues).toEqual([]);
    expect(validateSubmission('application', parsed.record, [])).toEqual([]);
    // The one primary action: copy the sealed data, then the prefilled form (it cannot carry the blob).
    expect(await page.locator('[data-sealed-steps]').isVisible()).toBe(true);
    expect(await page.locator('[data-sealed-text]').inputValue()).toBe(String(parsed.record.sealed));
    for (const login of ['xm-gxj-chenyh', 'yuguang-wangqian']) {
      const opened = await unseal(
        'application',
        { ...parsed.record, id: `${OPEN}-A01` } as Record<string, unknown>,
        keyOf(login),
      );
      expect(opened.issues, login).toEqual([]);
      expect((opened.record.chapters as Record<string, string>).plan).toBe(longest.chapters.plan);
    }
    await expect(
      unseal('application', { ...parsed.record, id: `${OPEN}-A01` } as Record<string, unknown>, keyOf('luneng-caijq')),
    ).rejects.toMatchObject({ code: 'wrong-key' });
    await page.close();
  });

  it("leads an application at every field's maximum through a sealed file: downloaded, named by its hash in the body, read back by the intake", async () => {
    const page = await served.b.context.newPage();
    await page.goto(`${served.url}submit/jiebang/?demand=${OPEN}`);
    // Every chapter and all 30 indicator responses at their maximum, in text with real
    // Chinese statistics (the bench's Markov chain): too long for the body even compressed.
    const app = applicationOf('max');
    const prose = markovProse(join(ROOT, 'content/pages'));
    const rng = new Random('helper-attachment');
    const chapters = Object.fromEntries(
      Object.entries(app.chapters).map(([k, v]) => [k, typeof v === 'string' ? prose(rng, v.length) : v]),
    );
    const indicatorResponses = Array.from({ length: 30 }, (_, i) => ({
      indicator: `指标${i + 1}`,
      committedValue: `≥${100 + i} 单位`.padEnd(100, '0'),
      note: prose(rng, 500),
    }));
    while ((await page.locator('[data-table="indicatorResponses"] tbody tr').count()) < 30)
      await page.click('[data-add-row="indicatorResponses"]');
    const record: Record<string, unknown> = {
      demandId: OPEN,
      applicant: { uscc: uscc(77), name: '厦门助手测试科技有限公司' },
      directed: false,
      chapters,
      indicatorResponses,
    };
    const requests = watchRequests(page);
    await fill(page, 'jiebang', record);
    await page.click('[data-helper] button[type=submit]');
    await page.locator('[data-output]:not([hidden]), [data-summary]:not([hidden])').first().waitFor();
    expect(
      await page.locator('[data-summary]').isVisible(),
      (await page.locator('[data-summary]').textContent()) ?? '',
    ).toBe(false);
    expect(await page.locator('[data-attach-steps]').isVisible()).toBe(true);
    expect(await page.locator('[data-sealed-steps]').isVisible()).toBe(false);
    expect(await page.locator('[data-attach-steps]').textContent()).toContain('把下载的文件拖进“密封信息”一栏');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download-sealed]')]);
    expect(download.suggestedFilename()).toMatch(/^jiebang-sealed-[0-9a-f]{12}\.txt$/);
    const file = readFileSync((await download.path())!);
    expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([]);

    const body = await page.locator('[data-body]').inputValue();
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).not.toContain(String(chapters.plan).slice(0, 30));
    const sha = (await page.locator('[data-sealed-sha]').textContent())!.replace('sha256:', '');
    expect(body).toContain(`${ATTACHMENT_MARKER} sha256:${sha}`);
    const link = new URL((await page.locator('[data-issue-link]').getAttribute('href')) ?? '');
    expect(link.searchParams.get('sealed')).toBe(`${ATTACHMENT_MARKER} sha256:${sha}`);

    // The forge writes the dropped file's link into the field; the intake's own code reads it back.
    const dropped = body.replace(
      `sha256:${sha}`,
      `sha256:${sha}\n[${download.suggestedFilename()}](https://github.com/user-attachments/files/1/${download.suggestedFilename()})`,
    );
    const parsed = parseIssueBody(dropped, ['揭榜']);
    if (!parsed.ok) throw new Error('not read');
    expect(parsed.issues).toEqual([]);
    const resolved = await resolveSealedAttachment(parsed.record.sealed, async () => ({
      ok: true,
      bytes: new Uint8Array(file),
    }));
    if (resolved.kind !== 'attached') throw new Error(JSON.stringify(resolved));
    const submitted = { ...parsed.record, sealed: resolved.armor };
    expect(validateSubmission('application', submitted, [])).toEqual([]);
    for (const login of ['xm-gxj-chenyh', 'yuguang-wangqian']) {
      const opened = await unseal(
        'application',
        { ...submitted, id: `${OPEN}-A01` } as Record<string, unknown>,
        keyOf(login),
      );
      expect(opened.issues, login).toEqual([]);
      // As the helper reads a textarea (line ends and outer spaces are the form's, not the text's).
      const squeeze = (o: unknown) => String(o).replace(/\s/g, '');
      for (const [k, v] of Object.entries(chapters))
        expect(squeeze((opened.record.chapters as Record<string, unknown>)[k]), k).toBe(squeeze(v));
      expect((opened.record.indicatorResponses as unknown[]).length).toBe(30);
    }
    // Leave no draft behind for the next test of this form (its draft would wait to be restored).
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('tells a large enterprise in the 对接表 helper that it cannot take part, and why, before and instead of generating', async () => {
    const record: Record<string, unknown> = {
      ...enterpriseSubmission(79, '厦门重工集团有限公司'),
      sealed: undefined,
      legalRepresentative: '司马大',
      contact: CONTACT,
      employees: 5000,
      revenueLastYear: 900000,
      totalAssets: 990000,
    };
    const { page } = await submit('submit/duijie/', 'duijie', record);
    expect(await page.locator('[data-output]').isVisible()).toBe(false);
    const verdict = page.locator('[data-size]');
    expect(await verdict.getAttribute('data-state')).toBe('large');
    expect(await verdict.textContent()).toMatch(/大型企业，不能参加揭榜/);
    const problems = await page.locator('[data-summary] li').allTextContents();
    expect(problems.join('\n')).toMatch(/中小企业划型标准规定.*大型企业，不能参加揭榜/);
    expect(problems.join('\n')).not.toContain('已生成');
    // An SME's figures: the verdict changes as the person types.
    await page.fill('[name="employees"]', '86');
    await page.fill('[name="revenueLastYear"]', '9876.5');
    await expect.poll(() => verdict.getAttribute('data-state')).toBe('sme');
    expect(await verdict.textContent()).toMatch(/可以参加揭榜/);
    await page.close();
  });

  it('keeps a draft as the person types and offers it back after a reload', async () => {
    const page = await served.b.context.newPage();
    // Leaving an edited form asks first (beforeunload): answered as a person would, not left to
    // the test tool's default.
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${served.url}submit/jiebang/?demand=${OPEN}`);
    // Start with no draft, whatever earlier tests of this form left: a draft waiting to be
    // restored keeps the form from saving over it, and the save below would never come.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const banner = page.locator('[data-draft]');
    expect(await banner.isVisible()).toBe(false);
    await page.fill('[name="applicant-name"]', '厦门草稿测试科技有限公司');
    await page.fill('[name="chapters-basics"]', '草稿内容：本公司专注传感器芯片。');
    await page.locator('[data-status]', { hasText: '已自动保存' }).waitFor();
    await page.reload();
    await banner.waitFor();
    expect(await page.inputValue('[name="chapters-basics"]')).toBe('');
    await page.click('[data-draft-restore]');
    expect(await page.inputValue('[name="chapters-basics"]')).toBe('草稿内容：本公司专注传感器芯片。');
    expect(await page.inputValue('[name="applicant-name"]')).toBe('厦门草稿测试科技有限公司');
    expect(await page.inputValue('[name="demandId"]')).toBe(OPEN);
    expect(await banner.isVisible()).toBe(false);
    await page.close();
  });

  it('loads its script on its own pages only', () => {
    const pages = readdirSync(served.site.out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => join(e.parentPath, e.name));
    const helperScript = /submit\/helper|_form_\.astro_astro_type_script/;
    const withScript = pages
      .filter((p) => helperScript.test(readFileSync(p, 'utf8')))
      .map((p) => relative(served.site.out, p))
      .sort();
    expect(withScript).toEqual([
      'en/submit/duijie/index.html',
      'en/submit/fabang/index.html',
      'en/submit/jiebang/index.html',
      'submit/duijie/index.html',
      'submit/fabang/index.html',
      'submit/jiebang/index.html',
    ]);
  });

  it('passes axe on every helper page in both languages', async () => {
    for (const path of [
      'submit/',
      'submit/fabang/',
      'submit/jiebang/',
      'submit/duijie/',
      'en/submit/',
      'en/submit/duijie/',
    ]) {
      const page = await served.b.context.newPage();
      await page.goto(`${served.url}${path}`);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.violations.map((v) => `${path}: ${v.id} ${v.nodes.length}`)).toEqual([]);
      await page.close();
    }
  });
});

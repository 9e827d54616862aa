/**
 * Acts that arrive on paper, recorded from the CMS on the officer's machine (the dev server's
 * local route, site/server/paper-act.ts), in real Chromium against the dev server and real
 * decap-server: an officer opens a recommended demand, records MIIT's 目录 decision on its
 * behalf with the stamped scan; the scan is checked, kept under the subject's evidence
 * folder, and the act is in the ledger with 代为登记 and the document (the panel then shows the
 * new state). A PDF with JavaScript, an act without its scan, and an officer not entitled are
 * refused with the pipeline's Chinese message, and nothing is written. And a record's own
 * stamped scan uploaded from the CMS: a phone photo with GPS kept processed beside the record
 * and listed in its attachments; a revision the record never had or a hostile PDF refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { parseContent } from '../../pipeline/content/parse.ts';
import { revisionOf } from '../../pipeline/paper/revision.ts';
import { shortRevision } from '../../pipeline/paper/verification.ts';
import { makePdf, PDF_ACTIVE, phonePhoto } from '../security/corpus/scans.ts';
import { startCms, type Cms } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let cms: Cms;
const jiebang = (...args: string[]) =>
  execFileSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'pipeline/cli/jiebang.ts'), ...args], {
    cwd: cms.repo,
    encoding: 'utf8',
  });

beforeAll(async () => {
  cms = await startCms('fs');
  // XM-2026-013 (submitted in the sample) approved and recommended up to MIIT.
  jiebang('decide', 'XM-2026-013', '/初核通过', '--as', 'xm-gxj-chenyh', '--now', '2026-05-10T10:00:00+08:00');
  jiebang('decide', 'XM-2026-013', '/推荐', '--as', 'xm-gxj-chenyh', '--now', '2026-05-11T10:00:00+08:00');
});
afterAll(async () => {
  await cms?.stop();
});

async function fillAct(o: { login: string; scan?: Buffer; documentNo?: string }) {
  const page = await cms.open('#/collections/demands/entries/XM-2026-013/index');
  await page.locator('#jiebang-entry-state', { hasText: '已推荐' }).waitFor();
  await page.getByText('登记纸质文件送达的行为').click();
  const form = page.locator('#jiebang-paper-act form');
  await form.locator('select[name=action]').selectOption('catalogue');
  await form.locator('select[name=party]').selectOption('miit');
  await form.locator('input[name=login]').fill(o.login);
  await form.locator('input[name=documentNo]').fill(o.documentNo ?? '工信厅企业函〔2026〕57号');
  await form.locator('input[name=date]').fill('2026-06-18');
  if (o.scan) {
    const file = join(cms.repo, '..', 'scan.pdf');
    writeFileSync(file, o.scan);
    await form.locator('input[name=scan]').setInputFiles(file);
  }
  await form.getByRole('button', { name: '登记 / Record' }).click();
  const answer = form.locator('.jiebang-paper-act-answer[data-ok]');
  await answer.waitFor();
  return { page, ok: await answer.getAttribute('data-ok'), text: (await answer.textContent())! };
}

const ledger = () => cms.git('ls-files', 'content/decisions/XM-2026-013').split('\n').filter(Boolean);

describe('recording an act that arrived on paper from the CMS', () => {
  it('refuses a scan with active content, naming the rule, and writes nothing', async () => {
    const before = ledger();
    const head = cms.git('rev-parse', 'HEAD');
    const r = await fillAct({ login: 'xm-gxj-chenyh', scan: PDF_ACTIVE['JavaScript action'] });
    expect(r.ok).toBe('false');
    expect(r.text).toMatch(/^扫描件未通过检查：.*(脚本|JavaScript)/);
    expect(ledger()).toEqual(before);
    expect(cms.git('rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses an act without its scan', async () => {
    const r = await fillAct({ login: 'xm-gxj-chenyh' });
    expect(r.ok).toBe('false');
    expect(r.text).toContain('须附扫描件');
  });

  it("refuses an officer not entitled to record for MIIT, with the pipeline's message; the scan does not stay", async () => {
    const before = ledger();
    const r = await fillAct({ login: 'yuguang-wangqian', scan: makePdf(1) });
    expect(r.ok).toBe('false');
    expect(r.text).toMatch(/代工业和信息化部登记|无权|不能/);
    expect(ledger()).toEqual(before);
  });

  it("records MIIT's decision on its behalf with the checked scan, and the panel shows the new state", async () => {
    const r = await fillAct({ login: 'xm-gxj-chenyh', scan: makePdf(2) });
    expect(r.text).toContain('已记录');
    expect(r.ok).toBe('true');
    const files = ledger();
    const evidence = files.find((f) => f.includes('/evidence/'))!;
    expect(evidence).toMatch(/^content\/decisions\/XM-2026-013\/evidence\/2026-06-18-[0-9a-f]{12}\.pdf$/);
    const decision = files
      .filter((f) => /\/\d{4}\.yml$/.test(f))
      .sort()
      .at(-1)!;
    const text = readFileSync(join(cms.repo, decision), 'utf8');
    expect(text).toContain('action: catalogue');
    expect(text).toContain('onBehalfOf: miit');
    expect(text).toContain('login: xm-gxj-chenyh');
    expect(text).toContain(`file: ${evidence}`);
    expect(existsSync(join(cms.repo, evidence))).toBe(true);
    // The audit finds the evidence as the act names it.
    expect(jiebang('audit', join(cms.repo, 'content'), '--no-git')).not.toMatch(/act-evidence/);
    const page = await cms.open('#/collections/demands/entries/XM-2026-013/index');
    await page.locator('#jiebang-entry-state', { hasText: '办理状态：入选目录' }).waitFor();
  });
});

describe('a stamped scan uploaded from the CMS', () => {
  const record = () => join(cms.repo, 'content/demands/XM-2026-018/index.yml');
  async function upload(revision: string, bytes: Buffer, name: string) {
    const page = await cms.open('#/collections/demands/entries/XM-2026-018/index');
    await page.locator('#jiebang-entry-state', { hasText: '办理状态' }).waitFor();
    await page.getByText('上传盖章扫描件').click();
    const form = page.locator('#jiebang-stamped-scan form');
    await form.locator('input[name=revision]').fill(revision);
    const file = join(cms.repo, '..', name);
    writeFileSync(file, bytes);
    await form.locator('input[name=scan]').setInputFiles(file);
    await form.getByRole('button', { name: '检查并保存 / Check and keep' }).click();
    const answer = form.locator('.jiebang-scan-answer[data-ok]');
    await answer.waitFor();
    return { ok: await answer.getAttribute('data-ok'), text: (await answer.textContent())! };
  }

  it('refuses a revision the record never had, and a PDF with active content; nothing is written', async () => {
    const stale = await upload('deadbeef0000', makePdf(1), 'a.pdf');
    expect(stale.ok).toBe('false');
    expect(stale.text).toMatch(/版本/);
    const hostile = await upload(
      shortRevision(revisionOf(readFileSync(record()))),
      PDF_ACTIVE['launch action'],
      'b.pdf',
    );
    expect(hostile.ok).toBe('false');
    expect(hostile.text).toMatch(/^未保存：/);
    expect(cms.git('status', '--porcelain', 'content/demands/XM-2026-018')).toBe('');
  });

  it('keeps a phone photo processed (upright, no GPS) beside the record and lists it in the attachments', async () => {
    const revision = shortRevision(revisionOf(readFileSync(record())));
    const r = await upload(revision, await phonePhoto(1200, 800), 'photo.jpg');
    expect(r.text).toContain('已保存');
    expect(r.ok).toBe('true');
    const stored = join(cms.repo, 'content/demands/XM-2026-018', `XM-2026-018-盖章扫描件-${revision}.jpg`);
    const meta = await sharp(readFileSync(stored)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.height!).toBeGreaterThan(meta.width!);
    const parsed = parseContent(readFileSync(record()), 'index.yml');
    expect(parsed.ok).toBe(true);
    const attachments =
      (parsed as { data: { attachments?: Array<{ name: string; mime: string }> } }).data.attachments ?? [];
    expect(attachments.map((a) => a.name)).toContain(`XM-2026-018-盖章扫描件-${revision}.jpg`);
    expect(jiebang('validate', join(cms.repo, 'content'))).toMatch(/0 个有问题/);
  });
});

/**
 * The programme state in the CMS, in real Chromium against the dev server and real
 * decap-server: every demand in the list carries its state from the ledger
 * (content/decisions/), an open demand says its state and who acts next, a demand being
 * created says it is a draft and how it gets submitted — and a new act in the ledger shows
 * on the next visit. The state is never written into the entry. And the interface around it
 * speaks Chinese to screen readers too: no aria label or drag-and-drop instruction in English only.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { fillDemand, publishNow, shown, startCms, type Cms } from './harness.ts';
import { writtenFile } from '../helpers/wait.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let cms: Cms;

beforeAll(async () => {
  cms = await startCms('fs');
});
afterAll(async () => {
  await cms?.stop();
});

const badgeOf = (id: string) => cms.page.locator(`a[href*="/entries/${id}/"] .jiebang-state`).first();

describe('programme state in the CMS', () => {
  it('lists each demand with its state from the ledger', async () => {
    const page = await cms.open('#/collections/demands');
    // The sample ledger: 013 submitted, 011 returned, 001 catalogued, 015 rejected; 018 has no ledger.
    const expected: Record<string, string> = {
      'XM-2026-013': '已提交',
      'XM-2026-011': '退回修改',
      'XM-2026-001': '入选目录',
      'XM-2026-015': '不予推荐',
      'XM-2026-018': '草稿',
    };
    for (const [id, label] of Object.entries(expected)) {
      const badge = badgeOf(id);
      await badge.waitFor({ state: 'attached' });
      expect(await badge.textContent(), id).toBe(label);
      expect(await badge.getAttribute('title')).toContain('Programme state');
    }
    expect(await page.locator('a[href*="/entries/XM-2026-001/"] .jiebang-state').count()).toBe(1);
  });

  it('tells the editor of an open demand its state and who acts next', async () => {
    const page = await cms.open('#/collections/demands/entries/XM-2026-013/index');
    // Waits for the state itself (the panel says so once the ledger is read), however long that takes.
    const panel = page.locator('#jiebang-entry-state', { hasText: '办理状态：已提交' });
    await panel.waitFor();
    const text = (await panel.textContent())!;
    expect(text).toContain('下一步：主管部门办理（初核通过、退回修改、不予推荐');
    expect(text).toContain('Programme state: Submitted');
    expect(text).toContain('Next: the bureau acts');
  });

  it('says a new demand is a draft and how it is submitted', async () => {
    const page = await cms.open('#/collections/demands/new');
    const panel = page.locator('#jiebang-entry-state');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('办理状态：草稿');
    expect(await panel.textContent()).toContain('流水线检查并登记“提交”');
  });

  it('shows an act recorded in the ledger on the next visit', async () => {
    // An officer approves XM-2026-013 on the command line: the act is appended to the ledger.
    const out = execFileSync(
      join(ROOT, 'node_modules/.bin/node'),
      [
        join(ROOT, 'pipeline/cli/jiebang.ts'),
        'decide',
        'XM-2026-013',
        '/初核通过',
        '--as',
        'xm-gxj-chenyh',
        '--now',
        '2026-12-01T10:00:00+08:00',
      ],
      { cwd: cms.repo, encoding: 'utf8' },
    );
    expect(out).toContain('已记录');
    const page = await cms.open('#/collections/demands/entries/XM-2026-013/index');
    const panel = page.locator('#jiebang-entry-state', { hasText: '办理状态：初核通过（2026-12-01）' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('下一步：主管部门办理（不予推荐、推荐');
    // Nothing of it goes into the entry's file.
    expect(cms.git('status', '--porcelain', 'content/demands')).toBe('');
  });
});

describe('a demand created in the CMS on this machine enters the ledger', () => {
  const register = async (id: string) => {
    const page = await cms.open(`#/collections/demands/entries/${id}/index`);
    await page.locator('#jiebang-entry-state', { hasText: '办理状态：草稿' }).waitFor();
    await page.getByRole('button', { name: '检查并登记提交 / Check and register the submission' }).click();
    const answer = page.locator('.jiebang-submit-answer[data-ok]');
    await answer.waitFor();
    return { ok: await answer.getAttribute('data-ok'), text: (await answer.textContent())! };
  };

  it('refuses what the pipeline refuses, naming the field, and records nothing', async () => {
    // XM-2026-018 (a draft of the sample) with a credit code whose check digit is wrong.
    const file = join(cms.repo, 'content/demands/XM-2026-018/index.yml');
    const before = readFileSync(file, 'utf8');
    const code = /uscc: "?([0-9A-Z]{18})"?/.exec(before)![1]!;
    writeFileSync(file, before.replace(code, `${code.slice(0, 17)}${code.at(-1) === '0' ? '1' : '0'}`));
    const r = await register('XM-2026-018');
    expect(r.ok).toBe('false');
    expect(r.text).toMatch(/^未登记提交，请先修改：.*统一社会信用代码/);
    expect(cms.git('ls-files', 'content/decisions/XM-2026-018')).toBe('');
    writeFileSync(file, before);
  });

  it('records the submission of a demand created and saved in the CMS: it is 已提交 and officers can act', async () => {
    const page = await cms.open('#/collections/demands/new');
    await fillDemand(page, 'XM-2026-019');
    await publishNow(page);
    await writtenFile(join(cms.repo, 'content/demands/XM-2026-019/index.yml'));
    await shown(page.getByText('内容已保存'));
    const r = await register('XM-2026-019');
    expect(r.text).toContain('已记录');
    expect(r.ok).toBe('true');
    const decision = readFileSync(join(cms.repo, 'content/decisions/XM-2026-019/0001.yml'), 'utf8');
    expect(decision).toContain('action: submit');
    expect(decision).toContain('to: submitted');
    // The entry is committed as the CMS wrote it, and the ledger's revision is that file.
    expect(cms.git('status', '--porcelain', 'content/demands/XM-2026-019')).toBe('');
    const again = await cms.open('#/collections/demands/entries/XM-2026-019/index');
    await again.locator('#jiebang-entry-state', { hasText: '办理状态：已提交' }).waitFor();
    // And the officer's next act is taken.
    expect(
      execFileSync(
        join(ROOT, 'node_modules/.bin/node'),
        [join(ROOT, 'pipeline/cli/jiebang.ts'), 'decide', 'XM-2026-019', '/初核通过', '--as', 'xm-gxj-chenyh'],
        { cwd: cms.repo, encoding: 'utf8' },
      ),
    ).toContain('已记录');
  });
});

describe('the interface for screen readers', () => {
  it('has no aria label, title or drag-and-drop text in English only', async () => {
    const page = await cms.open('#/collections/demands/entries/XM-2023-001/index');
    await page.locator('#jiebang-entry-state').waitFor();
    // The indicators list (drag and drop) and the object widgets (expand/collapse) are on this page.
    await page.getByRole('button', { name: /新增指标/ }).waitFor();
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll('[aria-label], [title]')) {
        for (const a of ['aria-label', 'title']) {
          const v = el.getAttribute(a);
          if (v) out.push(`${a}: ${v}`);
        }
      }
      // @dnd-kit's hidden instructions and live region.
      for (const el of document.querySelectorAll('[id^="DndDescribedBy"], [id^="DndLiveRegion"]'))
        out.push(`dnd: ${el.textContent ?? ''}`);
      return out;
    });
    expect(texts.some((t) => t.startsWith('dnd: ') && t.includes('按空格键拿起本项'))).toBe(true);
    const englishOnly = texts.filter((t) => {
      const v = t.slice(t.indexOf(': ') + 2);
      return /[A-Za-z]{3}/.test(v) && !/\p{Script=Han}/u.test(v);
    });
    expect(englishOnly).toEqual([]);
  });
});

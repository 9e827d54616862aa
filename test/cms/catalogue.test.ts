/**
 * The national catalogue's entries (content/catalogue/QG-*.yml, imported from MIIT's list)
 * in the CMS, in real Chromium against the dev server and real decap-server: listed with
 * their province, what the list says shown read-only, the technical indicators — which the
 * list does not carry — added by the editor and written canonically, nothing else changed;
 * no entry can be created by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYamlText } from '../../pipeline/content/parse.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { eventually } from '../helpers/wait.ts';
import { field, publishNow, shown, startCms, type Cms } from './harness.ts';

let cms: Cms;

beforeAll(async () => {
  cms = await startCms('fs');
});
afterAll(async () => {
  await cms?.stop();
});

describe('the national catalogue in the CMS', () => {
  it('lists the imported entries with their province, and offers no way to make one by hand', async () => {
    const page = await cms.open('#/collections/catalogue');
    await shown(page.getByText('QG-2026-001　新能源汽车800V碳化硅电驱控制器功率模块封装（江苏省）'));
    expect(await page.getByRole('link', { name: /新建/ }).count()).toBe(0);
  });

  it("shows what MIIT's list says read-only and writes the indicators an editor adds, changing nothing else", async () => {
    const file = join(cms.repo, 'content/catalogue/QG-2026-001.yml');
    const before = readFileSync(file, 'utf8');
    const page = await cms.open('#/collections/catalogue/entries/QG-2026-001');
    // The list's own values are shown, not editable.
    await shown(page.getByText('苏州汇川驰能动力科技有限公司（样例）'));
    expect(await page.locator('input[value="苏州汇川驰能动力科技有限公司（样例）"]').count()).toBe(0);
    await page.getByRole('button', { name: /新增指标/ }).click();
    await field(page, 'name', 0).fill('模块杂散电感');
    await field(page, 'target', 0).fill('≤5');
    await field(page, 'unit', 0).fill('nH');
    await publishNow(page);
    await eventually(() => cms.git('status', '--porcelain').includes('QG-2026-001.yml'));
    await eventually(() => readFileSync(file, 'utf8').includes('nH'));
    const text = readFileSync(file, 'utf8');
    const parsed = parseYamlText(text);
    expect(parsed.ok).toBe(true);
    const record = (parsed as { data: Record<string, unknown> }).data;
    expect(validateRecord('external', record)).toEqual([]);
    expect(text).toBe(formatYaml('external', record));
    expect(record.technicalIndicators).toEqual([{ name: '模块杂散电感', target: '≤5', unit: 'nH' }]);
    // Everything else as the import wrote it.
    const { technicalIndicators: _added, ...rest } = record;
    expect(rest).toEqual((parseYamlText(before) as { data: Record<string, unknown> }).data);
  });
});

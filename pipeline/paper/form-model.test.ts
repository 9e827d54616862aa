import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../content/parse.ts';
import { SCHEMAS } from '../schema/registry.ts';
import { formModel, modelTexts, scalarText, WITHHELD, type PrintKind } from './form-model.ts';
import { markdownBlocks } from './markdown-blocks.ts';

const load = (path: string) => {
  const parsed = parseContent(readFileSync(new URL(`../../content/${path}`, import.meta.url)), path);
  if (!parsed.ok) throw new Error(path);
  return parsed.data as Record<string, unknown>;
};
const SAMPLES: Array<[PrintKind, string]> = [
  ['demand', 'demands/XM-2026-001/index.yml'],
  ['enterprise', 'enterprises/91350203MA2XT9L15Q/index.yml'],
  ['application', 'applications/XM-2026-001-A01.yml'],
];

describe('the form model', () => {
  it.each(SAMPLES)('%s: every field the record fills is printed under its schema title', (kind, path) => {
    const record = load(path);
    const model = formModel(kind, record, 'full');
    const texts = modelTexts(model);
    for (const [key, node] of Object.entries(SCHEMAS[kind].properties ?? {})) {
      if (['sealed', 'attachments'].includes(key) || node.$ref?.endsWith('/$defs/image') || record[key] === undefined)
        continue;
      const title = node.title ?? (node.$ref ? undefined : key);
      if (title) expect(texts, key).toContain(title);
    }
    expect(model.annex).toMatch(/^附件[123]$/);
    expect(model.title).toBe(SCHEMAS[kind].title);
  });

  it("prints enum labels, 是/否, units and the schema's null label", () => {
    const demand = SCHEMAS.demand.properties!;
    expect(scalarText(demand.demandType, 'breakthrough')).toBe('技术攻关');
    expect(scalarText(demand.isPublic, true)).toBe('是');
    expect(scalarText(demand.deliverables, ['prototype', 'patent'])).toBe('样品/样机、专利');
    expect(scalarText(demand.plannedInvestment, null)).toBe(
      SCHEMAS.demand.properties!.plannedInvestment!['x-null-label'] ?? '',
    );
  });

  it("withholds restricted fields in the public view, and the issuer's name when it hides it", () => {
    const record = load('demands/XM-2026-001/index.yml');
    const open = formModel('demand', record, 'public');
    const contact = open.groups.find((g) => g.heading === '联系人')!;
    expect(contact.rows.every((r) => r.value === WITHHELD && r.withheld)).toBe(true);
    expect(open.unit).toBe('厦门屿光显示科技有限公司');
    const hidden = formModel('demand', { ...record, anonymousIssuer: true }, 'public');
    expect(hidden.unit).toBe('');
    expect(modelTexts(hidden)).not.toContain('厦门屿光显示科技有限公司');
    expect(modelTexts(formModel('demand', record, 'full'))).toContain(
      String((record.contact as Record<string, unknown>).mobile),
    );
  });

  it("takes the application's declaration as the 承诺, and its indicators as a table", () => {
    const model = formModel('application', load('applications/XM-2026-001-A01.yml'), 'full');
    expect(model.pledge).toBe('本企业承诺所填信息和所附材料真实、准确、完整，并对其真实性负责。');
    const tables = model.groups.filter((g) => g.table).map((g) => g.table!);
    // The indicator responses, and the partners (合作单位与联合体成员) where the application names them.
    expect(tables.map((t) => t.columns)).toContainEqual(['序号', '指标名称', '承诺值', '说明']);
  });
});

describe('Markdown as printed blocks', () => {
  it('keeps paragraphs, bold runs, list markers and table cells, without the markup', () => {
    const blocks = markdownBlocks(
      '**团队。** 人员\n\n1. 甲\n2. 乙\n\n- 丙\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### 标题',
    );
    expect(blocks).toEqual([
      { type: 'paragraph', runs: [{ text: '团队。', bold: true }, { text: ' 人员' }] },
      { type: 'item', marker: '1.', runs: [{ text: '甲' }] },
      { type: 'item', marker: '2.', runs: [{ text: '乙' }] },
      { type: 'item', marker: '•', runs: [{ text: '丙' }] },
      {
        type: 'table',
        rows: [
          ['a', 'b'],
          ['1', '2'],
        ],
      },
      { type: 'heading', runs: [{ text: '标题' }] },
    ]);
  });
});

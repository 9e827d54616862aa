import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  applicationSubmission,
  demandSubmission,
  enterpriseSubmission,
  uscc,
} from '../../test/fixtures/intake/samples.ts';
import type { Officers } from '../generated/types.ts';
import { recipientsFor } from '../seal/recipients.ts';
import { seal } from '../seal/seal.ts';
import { readField, readOptionList } from './coerce.ts';
import { formFor, type Form, type FormField } from './form.ts';
import { MAX_BODY_CHARS, splitBody } from './parse-body.ts';
import { bodyFromRecord } from './render-body.ts';
import { detectForm, parseIssueBody } from './submission.ts';

const demandBody = () => bodyFromRecord('demand', demandSubmission());
const officers = parse(readFileSync(new URL('../../content/officers.yml', import.meta.url), 'utf8')) as Officers;
/** An application as it travels: its chapters and indicator responses sealed. */
const sealedApplication = (record: Record<string, unknown>) =>
  seal('application', record, recipientsFor(officers, 'application', record, new Date('2026-06-01T00:00:00+08:00')));

function parsed(body: string, labels: string[] = []) {
  const p = parseIssueBody(body, labels);
  if (!p.ok) throw new Error(`not parsed: ${p.reason}`);
  return p;
}

const field = (kind: 'demand' | 'application' | 'enterprise', id: string): FormField =>
  formFor(kind).fields.find((f) => f.id === id)!;

const SEALED_APPLICATION = await sealedApplication(applicationSubmission('XM-2026-001'));

describe('round trips: a record filled into each form reads back unchanged', () => {
  it.each([
    ['demand', demandSubmission()],
    ['application', SEALED_APPLICATION],
    ['enterprise', enterpriseSubmission()],
  ] as const)('%s', (kind, record) => {
    const p = parsed(bodyFromRecord(kind, record));
    expect(p.form.kind).toBe(kind);
    expect(p.issues).toEqual([]);
    expect(p.record).toEqual(record);
  });
});

describe('dropdowns', () => {
  it('reads an option whose label contains commas (full-width and, after NFKC, ASCII)', () => {
    const sizeRow = field('enterprise', 'industry-sizeRow');
    expect(readField(sizeRow, '工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）')).toEqual({
      ok: true,
      value: 'industry',
    });
    expect(readField(sizeRow, '信息传输业(电信、广播电视和卫星传输服务,互联网和相关服务)')).toEqual({
      ok: true,
      value: 'telecom',
    });
  });

  it('splits a multi-select on the separators GitHub and people use, not inside labels', () => {
    const options = field('demand', 'deliverables').options!;
    expect(readOptionList('样品/样机, 专利, 技术报告', options).values.map((o) => o.value)).toEqual([
      'prototype',
      'patent',
      'report',
    ]);
    expect(readOptionList('样品/样机，专利、技术报告', options).values.map((o) => o.value)).toEqual([
      'prototype',
      'patent',
      'report',
    ]);
    expect(readOptionList('样品/样机\n专利', options).values.map((o) => o.value)).toEqual(['prototype', 'patent']);
    expect(readOptionList('prototype, Patent', options).values.map((o) => o.value)).toEqual(['prototype', 'patent']);
    expect(readOptionList('专利, 专利', options).values.map((o) => o.value)).toEqual(['patent']);
    expect(readOptionList('专利, 火箭', options).unknown).toBe(1);
  });

  it('treats "None" as no choice in an optional dropdown, and as itself when the form offers it', () => {
    const optional = field('demand', 'industrialBase');
    expect(readField(optional, 'None')).toEqual({ ok: true, empty: true });
    const offering: FormField = {
      ...optional,
      options: [...optional.options!, { value: 'none', label: 'None', aliases: [] }],
    };
    expect(readField(offering, 'None')).toEqual({ ok: true, value: 'none' });
    // In a text input "None" is what the submitter typed.
    expect(readField(field('demand', 'title'), 'None')).toEqual({ ok: true, value: 'None' });
  });

  it('names the field and the options when a choice is not offered', () => {
    const body = demandBody().replace('### 所属领域\n\n集成电路', '### 所属领域\n\n量子计算');
    const p = parsed(body);
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]!.path).toBe('/field');
    expect(p.issues[0]!.message).toMatch(/^所属领域：只能从以下选项中选择一项：“新一代信息技术”/);
  });

  it('reads 是/否 and the declaration checkbox', () => {
    expect(readField(field('demand', 'isPublic'), '否')).toEqual({ ok: true, value: false });
    expect(readField(field('demand', 'isPublic'), 'Yes')).toEqual({ ok: true, value: true });
    const declaration = field('application', 'chapters-declaration');
    expect(readField(declaration, '- [X] 本企业承诺')).toEqual({ ok: true, value: true });
    expect(readField(declaration, '- [x] 本企业承诺')).toEqual({ ok: true, value: true });
    expect(readField(declaration, '- [ ] 本企业承诺')).toEqual({ ok: true, value: false });
  });
});

describe('empty answers', () => {
  it('leaves a field out for _No response_ (the schema then says it is required)', () => {
    const body = demandBody().replace(/### 需求背景\n\n[^#]+/, '### 需求背景\n\n_No response_\n\n');
    const p = parsed(body);
    expect(p.record.background).toBeUndefined();
    expect(p.issues).toEqual([]);
  });
});

describe('user text that looks like structure', () => {
  it('keeps headings, task lists and tables that are not form labels inside the answer', () => {
    const record = demandSubmission();
    record.keyProblems = `${String(record.keyProblems)}\n\n### 里程碑\n\n- [ ] 第一阶段\n\n| 月 | 交付 |\n|---|---|\n| 6 | 样片 |`;
    const p = parsed(bodyFromRecord('demand', record));
    const text = String(p.record.keyProblems);
    expect(text).toContain('### 里程碑');
    expect(text).toContain('- [ ] 第一阶段');
    expect(text).toContain('| 6 | 样片 |');
    expect(p.record).toEqual(record);
  });

  it('keeps a form label quoted inside fenced code in the answer', () => {
    const record = demandSubmission();
    record.keyProblems = `${String(record.keyProblems)}\n\n\`\`\`markdown\n### 技术指标\n\n| 指标名称 | 目标值 |\n\`\`\``;
    const p = parsed(bodyFromRecord('demand', record));
    expect(String(p.record.keyProblems)).toContain('### 技术指标');
    expect(p.record.technicalIndicators).toEqual(record.technicalIndicators);
  });

  it('keeps a second heading with an already-answered label as text', () => {
    const body = demandBody().replace('### 技术难点\n\n', '### 技术难点\n\n### 需求名称\n\n');
    const p = parsed(body);
    expect(p.record.title).toBe('高精度MEMS压力传感器芯片研制');
    expect(p.record.keyProblems).toMatch(/^### 需求名称\n\n1\. \*\*温漂补偿\*\*/);
  });

  it('treats an unclosed fence as text so later fields are still found', () => {
    const body = demandBody().replace('### 技术难点\n\n', '### 技术难点\n\n```\n未闭合的代码块\n');
    const p = parsed(body);
    expect(p.record.keyProblems).toMatch(/^```\n未闭合的代码块/);
    expect(p.record.expectedOutcome).toBe(demandSubmission().expectedOutcome);
    expect(p.record.sealed).toBe(demandSubmission().sealed);
  });

  it('does not let a heading named __proto__ or constructor reach the record', () => {
    const body = `${demandBody()}\n\n### __proto__\n\n{"polluted": true}\n\n### constructor\n\nx`;
    const p = parsed(body);
    expect(Object.keys(p.record)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(p.record.sealed).toMatch(/### __proto__/); // appended to the last field, as text
  });
});

describe('line ends, widths and invisible characters', () => {
  it('reads a CRLF body (and a CR-only one) like an LF body', () => {
    const lf = parsed(demandBody()).record;
    expect(parsed(demandBody().replace(/\n/g, '\r\n')).record).toEqual(lf);
    expect(parsed(demandBody().replace(/\n/g, '\r')).record).toEqual(lf);
  });

  it('matches headings written with full-width spaces, colons and parentheses, or zero-width characters', () => {
    const body = demandBody()
      .replace('### 需求名称', '###\u3000需求名称：')
      .replace('### 拟投入资金（万元）', '### 拟投入资金(万元)')
      .replace('### 所属领域', '### 所属\u200b领域');
    const p = parsed(body);
    expect(p.record.title).toBe('高精度MEMS压力传感器芯片研制');
    expect(p.record.plannedInvestment).toBe(650);
    expect(p.record.field).toBe('ic');
  });

  it('reads numbers with full-width digits, thousands separators and units, and 面议 as null', () => {
    const investment = field('demand', 'plannedInvestment');
    expect(readField(investment, '６５０')).toEqual({ ok: true, value: 650 });
    expect(readField(investment, '1,200 万元')).toEqual({ ok: true, value: 1200 });
    expect(readField(investment, '1，200.5')).toEqual({ ok: true, value: 1200.5 });
    expect(readField(investment, '面议')).toEqual({ ok: true, value: null });
    expect(readField(investment, '约五百万')).toEqual({ ok: true, value: '约五百万' }); // the schema says it wants a number
  });

  it('reads dates the ways offices write them, and credit codes with full-width letters and spaces', () => {
    const date = field('enterprise', 'establishedOn');
    expect(readField(date, '2016年3月8日')).toEqual({ ok: true, value: '2016-03-08' });
    expect(readField(date, '2016/3/8')).toEqual({ ok: true, value: '2016-03-08' });
    expect(readField(date, '２０１６－０３－０８')).toEqual({ ok: true, value: '2016-03-08' });
    const code = uscc(3);
    const wide = [...code].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    expect(readField(field('enterprise', 'uscc'), `${wide.slice(0, 6)} ${wide.slice(6)}`)).toEqual({
      ok: true,
      value: code,
    });
    expect(readField(field('enterprise', 'uscc'), code.toLowerCase())).toEqual({ ok: true, value: code });
  });

  it('reports bidi overrides, control characters and U+FFFD without repeating the value', () => {
    const body = demandBody()
      .replace('高精度MEMS压力传感器芯片研制', '高精度\u202eMEMS压力传感器')
      .replace('本公司压力传感器', '本公司\u0007压力传感器')
      .replace('形成可批量', '形成\ufffd可批量');
    const p = parsed(body);
    const byPath = Object.fromEntries(p.issues.map((i) => [i.path, i]));
    expect(byPath['/title']!.params.rule).toBe('bidi');
    expect(byPath['/title']!.message).toMatch(/^需求名称：含有改变文字方向的隐藏字符（U\+202E）/);
    expect(byPath['/background']!.params.rule).toBe('control');
    expect(byPath['/expectedOutcome']!.params.rule).toBe('replacement');
    for (const i of p.issues) expect(i.message).not.toContain('MEMS压力传感器');
  });

  it('allows zero-width joiners in Markdown (emoji) but not zero-width spaces in names', () => {
    const body = demandBody()
      .replace('亟需本地企业联合攻关。', '亟需本地企业联合攻关 👨\u200d🔬。')
      .replace('厦门钨业股份有限公司', '厦门钨业\u200b股份有限公司');
    const p = parsed(body);
    expect(p.issues.map((i) => [i.path, i.params.rule])).toEqual([['/issuer/name', 'invisible']]);
  });
});

describe('tables', () => {
  const indicators = field('demand', 'technicalIndicators');
  it('reads tables without outer pipes, with full-width pipes, reordered columns and escaped pipes', () => {
    expect(readField(indicators, '指标名称 | 目标值\n--- | ---\n精度 | ≤0.1')).toEqual({
      ok: true,
      value: [{ name: '精度', target: '≤0.1' }],
    });
    expect(readField(indicators, '｜单位｜目标值｜指标名称｜\n｜---｜---｜---｜\n｜mm｜5｜长度｜')).toEqual({
      ok: true,
      value: [{ unit: 'mm', target: '5', name: '长度' }],
    });
    expect(readField(indicators, '| 指标名称 | 目标值 |\n|:--|--:|\n| 带宽 | 1\\|2 |\n|  |  |')).toEqual({
      ok: true,
      value: [{ name: '带宽', target: '1|2' }],
    });
  });

  it('reads rows in form order when the header was deleted', () => {
    expect(readField(indicators, '| 精度 | ≤0.1 | % |')).toEqual({
      ok: true,
      value: [{ name: '精度', target: '≤0.1', unit: '%' }],
    });
  });

  it('says what to do with a list instead of a table, an unknown column, or too many cells', () => {
    const list = readField(indicators, '- 精度：≤0.1%');
    expect(list.ok).toBe(false);
    expect(!list.ok && list.message).toMatch(/请按表格填写/);
    const unknown = readField(indicators, '| 指标名称 | 目标值 | 价格 |\n| --- | --- | --- |\n| 精度 | 1 | 2 |');
    expect(!unknown.ok && unknown.message).toMatch(/“价格”不是本表的列/);
    const extra = readField(indicators, '| 指标名称 | 目标值 |\n| --- | --- |\n| 精度 | 1 | 2 |');
    expect(!extra.ok && extra.message).toMatch(/第 1 行的格子比表头多/);
  });

  it('reads an empty pre-filled table as no rows (the schema asks for at least one)', () => {
    expect(readField(indicators, '| 指标名称 | 目标值 | 单位 |\n| --- | --- | --- |\n|   |   |   |')).toEqual({
      ok: true,
      value: [],
    });
  });
});

describe('bodies that are not from a form', () => {
  it('finds no form in a hand-written body, an empty body or one heading', () => {
    expect(parseIssueBody('你好，我们想揭榜第 17 号需求，请问怎么申请？')).toEqual({ ok: false, reason: 'no-form' });
    expect(parseIssueBody('')).toEqual({ ok: false, reason: 'no-form' });
    expect(parseIssueBody('### 需求名称\n\n一个标题')).toEqual({ ok: false, reason: 'no-form' });
  });

  it('refuses bodies far beyond what GitHub accepts', () => {
    expect(parseIssueBody(`### 需求名称\n\n${'长'.repeat(MAX_BODY_CHARS)}`)).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('tells the forms apart by their headings, and prefers the form label on the issue', () => {
    expect(detectForm(demandBody(), [])!.kind).toBe('demand');
    expect(detectForm(bodyFromRecord('application', SEALED_APPLICATION), [])!.kind).toBe('application');
    expect(detectForm(bodyFromRecord('enterprise', enterpriseSubmission()), ['揭榜'])!.kind).toBe('enterprise');
    const shared = '### 统一社会信用代码\n\nX\n\n### 企业名称\n\nY';
    expect(detectForm(shared, ['对接表'])!.kind).toBe('enterprise');
  });

  it('reads a hand-made body with reordered sections and other heading levels', () => {
    const sections = demandBody().split(/\n\n(?=### )/);
    const shuffled = [...sections.slice(10), ...sections.slice(0, 10)]
      .map((s) => s.replace(/^### /, '## '))
      .join('\n\n');
    expect(parsed(shuffled).record).toEqual(parsed(demandBody()).record);
  });
});

describe('restricted values typed in the clear', () => {
  it('rejects the issuer name when the issuer chose to hide it, without repeating it', () => {
    const record = { ...demandSubmission(), anonymousIssuer: true };
    const p = parsed(bodyFromRecord('demand', record));
    expect(p.issues.map((i) => i.path)).toEqual(['/issuer/name', '/issuer/uscc']);
    for (const i of p.issues) {
      expect(i.keyword).toBe('cleartext');
      expect(i.message).not.toContain('厦门钨业');
    }
  });

  it('asks for everything sealed when the demand is not public', () => {
    const p = parsed(bodyFromRecord('demand', { ...demandSubmission(), isPublic: false }));
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]!.params.rule).toBe('withheld');
    expect(p.issues[0]!.message).not.toContain('MEMS');
    const sealedOnly = parsed(
      bodyFromRecord('demand', { isPublic: false, anonymousIssuer: true, sealed: demandSubmission().sealed }),
    );
    expect(sealedOnly.issues).toEqual([]);
  });
});

describe('form model', () => {
  const forms: Form[] = [formFor('demand'), formFor('application'), formFor('enterprise')];
  it('uses ids GitHub accepts and labels unique within each form, with no reserved "None" option', () => {
    for (const form of forms) {
      expect(new Set(form.fields.map((f) => f.label)).size).toBe(form.fields.length);
      for (const f of form.fields) {
        expect(f.id).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(f.options?.map((o) => o.label) ?? []).not.toContain('None');
      }
    }
  });

  it('has a sealed field exactly where the schema has restricted fields a submitter fills in', () => {
    expect(formFor('demand').fields.at(-1)).toMatchObject({ id: 'sealed', required: true });
    expect(formFor('enterprise').fields.at(-1)).toMatchObject({ id: 'sealed', required: true });
    // 对接双方可见: an application's chapters and indicator responses travel sealed only.
    expect(formFor('application').fields.at(-1)).toMatchObject({ id: 'sealed', required: true });
    expect(
      formFor('application').fields.some(
        (f) => f.pointer.startsWith('/chapters/') && f.pointer !== '/chapters/declaration',
      ),
    ).toBe(false);
    expect(formFor('application').fields.some((f) => f.pointer.startsWith('/indicatorResponses'))).toBe(false);
    // The project lead and partners (fidelity) are restricted too, so they travel in the same sealed block.
    expect(formFor('application').sealedTitles).toEqual(expect.arrayContaining(['项目负责人', '合作单位与联合体成员']));
    expect(formFor('enterprise').sealedTitles).toContain('从业人员（人）');
  });

  it('splits only on recognised headings of the chosen form', () => {
    const split = splitBody('前言\n\n### 需求名称\n\nA\n\n### 不是字段\n\nB', formFor('demand'));
    expect(split.preamble).toBe('前言');
    expect(split.sections.get('title')).toBe('A\n\n### 不是字段\n\nB');
  });
});

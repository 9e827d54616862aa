import { describe, expect, it } from 'vitest';
import { ownKeys, parseActArgs } from './act-args.ts';
import { parseActExtras } from './evidence.ts';

describe('parseActArgs', () => {
  it.each([
    ['contract', '', {}],
    ['contract', '合同金额=120 签订日期=2026-08-01', { contract: { amount: 120, signedOn: '2026-08-01' } }],
    ['contract', '合同金额 = 85.5万元，签订日期：2026-08-01', { contract: { amount: 85.5, signedOn: '2026-08-01' } }],
    ['contract', 'amount=0 signed=2026-02-28', { contract: { amount: 0, signedOn: '2026-02-28' } }],
    ['catalogue', '目录编号=2026-FJ-017', { catalogueNo: '2026-FJ-017' }],
    ['catalogue', 'no=A12', { catalogueNo: 'A12' }],
    ['catalogue', '2026-FJ-017', { catalogueNo: '2026-FJ-017' }],
    ['catalogue', '', {}],
    ['approve', 'whatever', {}],
    [
      'engage',
      '日期=2026-09-12 方式=现场考察 结果=双方同意进入样品试制，下周提交方案',
      { engagement: { date: '2026-09-12', form: 'visit', outcome: '双方同意进入样品试制，下周提交方案' } },
    ],
    [
      'engage',
      'date=2026-09-12 form=online outcome=agreed on a sample run',
      { engagement: { date: '2026-09-12', form: 'online', outcome: 'agreed on a sample run' } },
    ],
  ] as const)('%s %j → %j', (action, args, expected) => {
    expect(parseActArgs(action, args)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['contract', '合同金额=120', '同时填写'],
    ['contract', '签订日期=2026-08-01', '同时填写'],
    ['contract', '合同金额=一百 签订日期=2026-08-01', '合同金额“一百”'],
    ['contract', '合同金额=1.234 签订日期=2026-08-01', '两位小数'],
    ['contract', '合同金额=120 签订日期=2026-02-30', '签订日期“2026-02-30”'],
    ['contract', '合同金额=120 签订日期=2026/08/01', '有效日期'],
    ['contract', '合同金额=120 签订日期=2026-08-01 期限=12', '不认识“期限”'],
    ['contract', '尽快', '看不懂'],
    ['catalogue', '目录编号=第17号', '字母、数字和连字符'],
    ['catalogue', '编号=1 备注=2', '看不懂'],
    ['engage', '', '须写明结果'],
    ['engage', '日期=2026-09-12 方式=现场考察', '须写明结果'],
    ['engage', '日期=2026-09-31 方式=洽谈 结果=好', '对接日期“2026-09-31”'],
    ['engage', '日期=2026-09-12 方式=吃饭 结果=很好', '对接方式“吃饭”'],
    ['engage', '日期=2026-09-12 方式=洽谈 结果=x', '2 至 500 字'],
  ] as const)('%s %j is refused (%s)', (action, args, text) => {
    const r = parseActArgs(action, args);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.zh).toContain(text);
      expect(r.en).toMatch(/[a-z]/);
    }
  });
});

describe('ownKeys: the words an act shares with the evidence words', () => {
  const split = (action: 'engage' | 'contract' | 'catalogue', args: string) => {
    const extras = parseActExtras(args, ownKeys(action, args));
    if (!extras.ok) throw new Error(extras.zh);
    return { extras: extras.extras, act: parseActArgs(action, extras.rest) };
  };

  it('a meeting keeps its 日期; its document, if any, is dated with 成文日期', () => {
    const r = split(
      'engage',
      '日期=2026-09-12 方式=洽谈 结果=约定下月试样 代=发榜企业 文号=会议纪要-3 成文日期=2026-09-13',
    );
    expect(r.act).toEqual({ ok: true, engagement: { date: '2026-09-12', form: 'talks', outcome: '约定下月试样' } });
    expect(r.extras).toEqual({ onBehalfOf: 'issuer', evidence: { documentNo: '会议纪要-3', date: '2026-09-13' } });
  });

  it('a contract: 日期 is the signing date without a document, the document’s date with one', () => {
    expect(split('contract', '合同金额=120 日期=2026-08-01').act).toEqual({
      ok: true,
      contract: { amount: 120, signedOn: '2026-08-01' },
    });
    const documented = split(
      'contract',
      `代=发榜企业 文号=合同-1 日期=2026-08-09 sha256=${'b'.repeat(64)} 合同金额=120 签订日期=2026-08-01`,
    );
    expect(documented.act).toEqual({ ok: true, contract: { amount: 120, signedOn: '2026-08-01' } });
    expect(documented.extras.evidence?.date).toBe('2026-08-09');
  });

  it('the catalogue act leaves every evidence word to the evidence', () => {
    const r = split('catalogue', '代=工信部 文号=函-1 日期=2026-06-18 目录编号=MIIT-2026-0322');
    expect(r.act).toEqual({ ok: true, catalogueNo: 'MIIT-2026-0322' });
    expect(r.extras.evidence?.date).toBe('2026-06-18');
  });
});

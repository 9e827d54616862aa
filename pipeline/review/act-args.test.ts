import { describe, expect, it } from 'vitest';
import { parseActArgs } from './act-args.ts';

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
    ['engage', '日期=2026-09-12 方式=现场考察 结果=双方同意进入样品试制，下周提交方案', { engagement: { date: '2026-09-12', form: 'visit', outcome: '双方同意进入样品试制，下周提交方案' } }],
    ['engage', 'date=2026-09-12 form=online outcome=agreed on a sample run', { engagement: { date: '2026-09-12', form: 'online', outcome: 'agreed on a sample run' } }],
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
    if (!r.ok) { expect(r.zh).toContain(text); expect(r.en).toMatch(/[a-z]/); }
  });
});

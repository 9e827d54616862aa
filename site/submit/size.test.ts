import { describe, expect, it } from 'vitest';
import { largeEnterpriseIssue, sizeVerdict } from './size.ts';

const industry = (employees?: number, revenueLastYear?: number) => ({
  industry: { code: 'C3973', sizeRow: 'industry' },
  ...(employees === undefined ? {} : { employees }),
  ...(revenueLastYear === undefined ? {} : { revenueLastYear }),
});

describe('may the enterprise take part (2011-300)', () => {
  it.each([
    ['no row yet', { employees: 10 }, 'incomplete'],
    ['a figure missing', industry(120), 'incomplete'],
    ['a small industrial enterprise', industry(120, 8800.5), 'sme'],
    ['a micro one', industry(5, 100), 'sme'],
    ['a large one (both bounds reached)', industry(1000, 40000), 'large'],
    ['many staff but little revenue is not large', industry(5000, 30000), 'sme'],
  ] as const)('%s', (_, record, state) => {
    expect(sizeVerdict(record as Record<string, unknown>).state).toBe(state);
  });

  it('tells a large enterprise plainly that it cannot take part, naming the standard, the row and the figures used', () => {
    const v = sizeVerdict(industry(1000, 40000));
    if (v.state !== 'large') throw new Error('not large');
    expect(v.message).toMatch(/工信部联企业〔2011〕300号.*工业.*从业人员、营业收入.*大型企业，不能参加揭榜/);
    expect(v.messageEn).toMatch(/large enterprise, which cannot apply/);
    expect(largeEnterpriseIssue(industry(1000, 40000))).toMatchObject({
      keyword: 'sme-size',
      params: { rule: 'large' },
    });
    expect(largeEnterpriseIssue(industry(120, 8800.5))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import type { Enterprise } from '../generated/types.ts';
import { sizeLine, sizeRecord } from './size-record.ts';

const USCC = '91330100799655058B';
const catalogWith = (profile: Partial<Enterprise>): Catalog =>
  ({ enterprises: new Map([[USCC, profile as Enterprise]]) }) as unknown as Catalog;
const profile = (sizeRow: string, figures: Partial<Enterprise> = {}): Partial<Enterprise> => ({
  uscc: USCC,
  industry: { code: 'C3562', sizeRow } as Enterprise['industry'],
  ...figures,
});

describe("sizeRecord: what the bureau's check records", () => {
  it.each([
    [
      'industry',
      { employees: 1200, revenueLastYear: 30000, totalAssets: 9 },
      { standard: '2011-300', row: 'industry', result: 'medium', employees: 1200, revenue: 30000 },
    ],
    ['industry', { employees: 15, revenueLastYear: 5000 }, { result: 'micro', employees: 15, revenue: 5000 }],
    ['industry', { employees: 300, revenueLastYear: 1999.99 }, { result: 'small' }],
    ['industry', { employees: 1000, revenueLastYear: 40000 }, { result: 'large' }],
    [
      'construction',
      { revenueLastYear: 7000, totalAssets: 6000, employees: 3 },
      { result: 'medium', revenue: 7000, assets: 6000 },
    ],
    ['other', { employees: 99 }, { result: 'small', employees: 99 }],
    [
      'financial',
      { employees: 50, revenueLastYear: 10 },
      { standard: '银发〔2015〕309号', row: 'financial', result: 'referred' },
    ],
    ['outside', { employees: 50 }, { standard: '2011-300', row: 'outside', result: 'referred' }],
    ['industry', { sealed: 'age-encryption.org/v1…' }, { standard: '2011-300', row: 'industry', result: 'sealed' }],
  ] as const)('%s %j → %j', (row, figures, expected) => {
    const r = sizeRecord(USCC, catalogWith(profile(row, figures as Partial<Enterprise>)));
    expect(r).toMatchObject(expected);
    if (expected.result === 'referred' || expected.result === 'sealed') expect(r).not.toHaveProperty('employees');
  });

  it('records only the indicators the row uses', () => {
    expect(
      sizeRecord(
        USCC,
        catalogWith(profile('construction', { employees: 3, revenueLastYear: 7000, totalAssets: 6000 })),
      ),
    ).not.toHaveProperty('employees');
  });

  it('records nothing without a profile', () => {
    expect(sizeRecord('91110108551385082Q', catalogWith(profile('industry', { employees: 1 })))).toBeUndefined();
    expect(sizeRecord(undefined, catalogWith(profile('industry', { employees: 1 })))).toBeUndefined();
  });
});

describe("sizeLine: the officer's answer names the result and the standard, never the figures", () => {
  it.each([
    [
      { standard: '2011-300', row: 'industry', result: 'medium', employees: 1234, revenue: 5678 },
      '中型企业',
      '工信部联企业〔2011〕300号',
    ],
    [{ standard: '银发〔2015〕309号', row: 'financial', result: 'referred' }, '由主管部门核定', '银发〔2015〕309号'],
    [{ standard: '2011-300', result: 'sealed' }, '数据已密封', '2011'],
  ] as const)('%j', (record, result, standard) => {
    const zh = sizeLine(record, 'zh');
    expect(zh).toContain(result);
    expect(zh).toContain(standard);
    expect(zh).not.toMatch(/1234|5678/);
    expect(sizeLine(record, 'en')).toContain(record.standard);
  });
});

describe('sizeLine in a public answer (the forge): the class rests on restricted figures, so it is not named', () => {
  it.each([
    { standard: '2011-300', row: 'industry', result: 'large', employees: 1234, revenue: 5678 },
    { standard: '2011-300', row: 'industry', result: 'small', employees: 12, revenue: 56 },
  ] as const)('%j', (record) => {
    const zh = sizeLine(record, 'zh', true);
    expect(zh).toContain('工信部联企业〔2011〕300号');
    expect(zh).not.toMatch(/大型|中型|小型|微型|1234|5678/);
    expect(sizeLine(record, 'en', true)).not.toMatch(/large|medium|small|micro/i);
    // The same for any class: the answer is no oracle.
    expect(zh).toBe(sizeLine({ ...record, result: 'micro' }, 'zh', true));
  });
});

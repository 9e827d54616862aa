import { describe, expect, it } from 'vitest';
import { checkMoney, hasAtMostTwoDecimals } from './money.ts';

describe('checkMoney: accepted', () => {
  it.each([
    ['zero', 0],
    ['whole', 2000],
    ['one decimal', 0.5],
    ['two decimals', 1999.99],
    ['a cent', 0.01],
    ['0.1 + 0.2', 0.1 + 0.2],
    ['1.1 * 3', 1.1 * 3],
    ['0.07 * 100 / 100', (0.07 * 100) / 100],
    ['39999.99', 40000 - 0.01],
    ['the schema maximum', 100_000_000],
    ['just under the maximum', 99_999_999.99],
    ["negative (the schema's minimum reports it)", -12.34],
  ])('%s', (_name, value) => {
    expect(checkMoney(value)).toEqual([]);
  });

  it('every whole number of cents up to 1,000 万元 passes', () => {
    for (let c = 0; c <= 100_000; c++) expect(hasAtMostTwoDecimals(c / 100), String(c)).toBe(true);
    for (let c = 99_999_000_000; c <= 99_999_100_000; c += 7)
      expect(hasAtMostTwoDecimals(c / 100), String(c)).toBe(true);
  });
});

describe('checkMoney: refused', () => {
  it.each([
    ['three decimals', 1.005, 'decimals'],
    ['a tenth of a cent', 0.001, 'decimals'],
    ['1999.999', 1999.999, 'decimals'],
    ['half a cent', 12.345, 'decimals'],
    ['a third', 1 / 3, 'decimals'],
    ['1e-9', 1e-9, 'decimals'],
    ['large with a fraction of a cent', 99_999_999.995, 'decimals'],
    ['NaN', Number.NaN, 'finite'],
    ['Infinity', Infinity, 'finite'],
    ['-Infinity', -Infinity, 'finite'],
  ])('%s', (_name, value, rule) => {
    const issues = checkMoney(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.keyword).toBe('money');
    expect(issues[0]!.params.rule).toBe(rule);
    expect(issues[0]!.message).toMatch(rule === 'finite' ? /具体的数字/ : /最多保留两位小数/);
    expect(issues[0]!.messageEn).toMatch(/[a-z]/);
  });
});

/**
 * Amounts in 万元: finite, at most two decimals (0.01 万元 is 100 元, the precision the
 * notice's forms ask for). Binary floating point cannot hold 0.01 exactly, so a value
 * passes when it is within rounding error of a whole number of hundredths, not when `v * 100` is an
 * integer: 1999.99 and 0.1 + 0.2 pass, 1.005 (really 1.00499999…) does not.
 */
import type { RuleResult } from '../domain/issue.ts';

/** True when `value` is a whole number of hundredths, allowing a few ulps of binary error. */
export function hasAtMostTwoDecimals(value: number): boolean {
  const scaled = value * 100;
  return Math.abs(scaled - Math.round(scaled)) <= 8 * Number.EPSILON * Math.max(1, Math.abs(scaled));
}

export function checkMoney(value: number): RuleResult {
  if (!Number.isFinite(value)) {
    return [
      {
        keyword: 'money',
        params: { rule: 'finite' },
        message: '金额必须是一个具体的数字（以万元计），请重新填写。',
        messageEn: 'The amount must be an actual number (in 10,000 CNY); enter it again.',
      },
    ];
  }
  if (!hasAtMostTwoDecimals(value)) {
    return [
      {
        keyword: 'money',
        params: { rule: 'decimals' },
        message: `金额 ${value} 的小数超过两位：金额以万元计，最多保留两位小数（如 1999.99），请四舍五入后重新填写。`,
        messageEn: `The amount ${value} has more than two decimals: amounts are in 10,000 CNY with at most two decimals (e.g. 1999.99); round it and enter it again.`,
      },
    ];
  }
  return [];
}

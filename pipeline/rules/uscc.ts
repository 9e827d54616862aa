/**
 * 统一社会信用代码 (GB 32100-2015): shape, alphabet, region digits and both check
 * characters (the code's own, position 18, and the embedded GB 11714 organization code's,
 * position 17). Each failure names the rule that failed so a submitter can find the typo.
 */
import type { RuleResult } from '../validate/issue.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c]!;
}

/** The GB 11714 check character for the first 8 characters of an organization code. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function checkUscc(value: string): RuleResult {
  const fail = (rule: string, message: string, messageEn: string) => [
    { keyword: 'uscc', params: { rule }, message, messageEn },
  ];
  if (value.length !== 18) {
    return fail('length', `统一社会信用代码应为 18 位，现在是 ${value.length} 位。`,
      `The credit code must have 18 characters; it has ${value.length}.`);
  }
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(value[i]!)) {
      return fail('alphabet',
        `统一社会信用代码第 ${i + 1} 位“${value[i]}”不是有效字符（只用数字和除 I、O、S、V、Z 外的大写字母）。`,
        `Character ${i + 1} (“${value[i]}”) is not allowed: use digits and capital letters except I, O, S, V and Z.`);
    }
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return fail('region', '统一社会信用代码第 3 至 8 位应为 6 位数字的行政区划码。',
      'Characters 3 to 8 must be the 6-digit administrative division code.');
  }
  const org = value.slice(8, 17);
  // The organization code's check character is a digit or X; other letters cannot occur there.
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || orgCodeCheckChar(org.slice(0, 8)) !== org[8]) {
    return fail('org-check', '统一社会信用代码第 9 至 17 位（组织机构代码）的校验位不正确，请核对营业执照。',
      'The organization code in characters 9 to 17 fails its check digit; compare with the licence.');
  }
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) {
    return fail('check', '统一社会信用代码最后一位（校验码）不正确，请核对营业执照。',
      'The last character (check character) is wrong; compare with the licence.');
  }
  return [];
}

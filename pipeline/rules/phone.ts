/**
 * Mainland China phone numbers: mobiles (11 digits, 1[3-9]…, optional +86 / 86) and landlines
 * (area code, 7–8 digit number, optional extension; 400/800 service numbers too). Phone
 * numbers are contact data the submitter typed, so messages may quote them back.
 */
import type { RuleResult } from '../domain/issue.ts';

type Fail = (rule: string, message: string, messageEn: string, extra?: Record<string, unknown>) => RuleResult;

const failer =
  (keyword: string): Fail =>
  (rule, message, messageEn, extra = {}) => [{ keyword, params: { rule, ...extra }, message, messageEn }];

// Full-width forms (U+FF01–FF5E) and the ideographic space come from Chinese input methods.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

function fullWidthIssue(fail: Fail, value: string, what: string, whatEn: string): RuleResult | undefined {
  const ch = FULL_WIDTH.exec(value)?.[0];
  if (!ch) return undefined;
  return fail(
    'fullwidth',
    `${what}中有全角字符“${ch}”，请切换到半角（英文）输入法，用半角数字和符号重新填写。`,
    `The ${whatEn} contains the full-width character “${ch}”; retype it with half-width (ASCII) digits and symbols.`,
    { character: ch },
  );
}

/** The 11 bare digits of a valid mainland mobile number, or undefined. */
export function normalizeMobile(value: string): string | undefined {
  return checkMobile(value).length === 0 ? mobileDigits(value) : undefined;
}

function mobileDigits(value: string): string {
  const digits = value.replace(/[- ]/g, '');
  if (digits.startsWith('+86')) return digits.slice(3);
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

export function checkMobile(value: string): RuleResult {
  const fail = failer('mobile');
  const fullWidth = fullWidthIssue(fail, value, '手机号码', 'mobile number');
  if (fullWidth) return fullWidth;
  const bad = /[^0-9+\- ]/.exec(value)?.[0];
  if (bad !== undefined) {
    return fail(
      'chars',
      `手机号码“${value}”中有不能使用的字符“${bad}”，只能填写数字，可加 +86 前缀。`,
      `The mobile number “${value}” contains “${bad}”; use digits only, optionally prefixed by +86.`,
      { character: bad },
    );
  }
  if (value.startsWith('+') && !value.startsWith('+86')) {
    return fail(
      'country-code',
      `手机号码“${value}”不是中国大陆号码，请填写中国大陆手机号码（可加 +86 前缀）。`,
      `“${value}” is not a mainland China number; give a mainland mobile number (optionally +86).`,
    );
  }
  // Separators are tolerated only singly, between groups of digits.
  if (!/^(?:\+86[- ]?)?\d+(?:[- ]\d+)*$/.test(value)) {
    return fail(
      'format',
      `手机号码“${value}”格式不对，请填写 11 位数字，如 13812345678，可加 +86 前缀。`,
      `The mobile number “${value}” is malformed; give 11 digits such as 13812345678, optionally prefixed by +86.`,
    );
  }
  const digits = mobileDigits(value);
  if (digits.startsWith('0')) {
    return fail(
      'prefix',
      `“${value}”像是固定电话号码，这里请填写 11 位手机号码。`,
      `“${value}” looks like a landline; give an 11-digit mobile number here.`,
    );
  }
  if (digits.length !== 11) {
    return fail(
      'length',
      `手机号码应为 11 位数字，“${value}”是 ${digits.length} 位，请检查是否多填或漏填。`,
      `A mobile number has 11 digits; “${value}” has ${digits.length}.`,
      { digits: digits.length },
    );
  }
  if (!/^1[3-9]/.test(digits)) {
    return fail(
      'prefix',
      `手机号码“${value}”应以 13 至 19 开头，请核对。`,
      `The mobile number “${value}” must start with 13 to 19.`,
    );
  }
  return [];
}

// 010 and 02x are the only three-digit area codes; all others have four digits (03xx–09xx).
function areaCodeOk(area: string): boolean {
  return /^0[12]\d$/.test(area) ? area === '010' || area.startsWith('02') : /^0[3-9]\d{2}$/.test(area);
}

const LANDLINE_EXAMPLE = '如 0592-2896792、(0592)2896792 或 010-12345678，分机号用“-”接在后面';
const LANDLINE_EXAMPLE_EN = 'e.g. 0592-2896792, (0592)2896792 or 010-12345678, with an extension after “-”';

export function checkLandline(value: string): RuleResult {
  const fail = failer('landline');
  const fullWidth = fullWidthIssue(fail, value, '固定电话', 'landline');
  if (fullWidth) return fullWidth;
  const bad = /[^0-9()\- ]/.exec(value)?.[0];
  if (bad !== undefined) {
    return fail(
      'chars',
      `固定电话“${value}”中有不能使用的字符“${bad}”，请按“区号-号码”填写，${LANDLINE_EXAMPLE}。`,
      `The landline “${value}” contains “${bad}”; write it as area code and number, ${LANDLINE_EXAMPLE_EN}.`,
      { character: bad },
    );
  }
  const digits = value.replace(/[^0-9]/g, '');
  if (/^[48]00/.test(digits)) {
    if (/^[48]00[- ]?\d{3}[- ]?\d{4}$/.test(value)) return [];
    return fail(
      'service',
      `400/800 服务号码“${value}”应为 10 位数字，如 400-123-4567。`,
      `The 400/800 service number “${value}” must have 10 digits, e.g. 400-123-4567.`,
    );
  }
  if (/^1[3-9]\d{9}$/.test(digits)) {
    return fail(
      'mobile',
      `“${value}”是手机号码，这里请填写带区号的固定电话，${LANDLINE_EXAMPLE}。`,
      `“${value}” is a mobile number; give a landline with its area code here, ${LANDLINE_EXAMPLE_EN}.`,
    );
  }
  const m = /^(?:\((?<paren>\d+)\)[- ]?|(?<area>\d+)[- ])?(?<number>\d+)(?:-(?<ext>\d+))?$/.exec(value);
  if (!m?.groups) {
    return fail(
      'format',
      `固定电话“${value}”格式不对，${LANDLINE_EXAMPLE}。`,
      `The landline “${value}” is malformed; ${LANDLINE_EXAMPLE_EN}.`,
    );
  }
  let area = m.groups.paren ?? m.groups.area;
  let number = m.groups.number!;
  const ext = m.groups.ext;
  if (area === undefined && number.startsWith('0')) {
    // Written without a separator: the area code's length follows from its first digits.
    const split = /^0[12]/.test(number) ? 3 : 4;
    [area, number] = [number.slice(0, split), number.slice(split)];
  }
  if (area === undefined || !areaCodeOk(area)) {
    return fail(
      'area-code',
      `固定电话“${value}”的区号不对或缺少区号：区号以 0 开头，共 3 至 4 位（如 010、0592），${LANDLINE_EXAMPLE}。`,
      `The landline “${value}” lacks a valid area code (0 followed by 2 or 3 digits, e.g. 010, 0592); ${LANDLINE_EXAMPLE_EN}.`,
    );
  }
  if (!/^[1-9]\d{6,7}$/.test(number)) {
    return fail(
      'number',
      `固定电话“${value}”区号后的号码应为 7 至 8 位数字（不以 0 开头），请核对。`,
      `In “${value}” the number after the area code must have 7 or 8 digits and not start with 0.`,
    );
  }
  if (ext !== undefined && ext.length > 6) {
    return fail(
      'extension',
      `固定电话“${value}”的分机号最多 6 位，请核对。`,
      `The extension in “${value}” has at most 6 digits.`,
    );
  }
  return [];
}

/**
 * The programme's rules on single values, by the `x-rule` name the schemas give them. Each
 * ignores a value of the wrong type (the schema's `type` reports that) and returns issues
 * without a path: the dispatcher knows where the value sits. Rules that relate two fields of
 * a record (industry code vs size row) are exported separately for the record-level checks.
 */
import type { RuleResult } from '../domain/issue.ts';
import { checkFilename } from './filename.ts';
import { checkMoney } from './money.ts';
import { checkPhases } from './phases.ts';
import { checkLandline, checkMobile } from './phone.ts';
import { rowForIndustryCode } from './sme-size.ts';
import { checkUscc, checkUsccAny } from './uscc.ts';
import { inspectSealed } from './sealed-blob.ts';

export { checkIndustryConsistency, classify } from './sme-size.ts';

export type Rule = (value: unknown) => RuleResult;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const forString =
  (check: (s: string) => RuleResult): Rule =>
  (v) =>
    typeof v === 'string' ? check(v) : [];

/**
 * The restricted fields must arrive as age ciphertext: its structure is checked here
 * (rules/sealed-blob.ts); decrypting and checking the values is done where the key is.
 */
function checkSealed(value: string): RuleResult {
  const shape = inspectSealed(value);
  return shape.ok
    ? []
    : [{ keyword: 'sealed', params: { rule: shape.rule }, message: shape.message, messageEn: shape.messageEn }];
}

/** Forge logins are case-insensitive, so "Alice" and "alice" are the same officer. */
function checkUniqueLogins(officers: unknown[]): RuleResult {
  const issues: RuleResult = [];
  const first = new Map<string, number>();
  officers.forEach((officer, index) => {
    const login = isObject(officer) ? officer.login : undefined;
    if (typeof login !== 'string') return;
    const key = login.toLowerCase();
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, index);
      return;
    }
    issues.push({
      keyword: 'unique-logins',
      params: { rule: 'duplicate', login, index, first: seen },
      message: `账号“${login}”在名册中出现了不止一次（第 ${seen + 1} 项和第 ${index + 1} 项，不区分大小写），每个账号只能列一次，请删除或合并重复的一项。`,
      messageEn: `The login “${login}” is listed more than once (entries ${seen + 1} and ${index + 1}, ignoring case); list each account once.`,
    });
  });
  return issues;
}

function checkIndustryCode(code: string): RuleResult {
  const r = rowForIndustryCode(code);
  return r.ok ? [] : [{ keyword: 'industry-code', params: { rule: r.rule }, message: r.reason, messageEn: r.reasonEn }];
}

export const RULES: Record<string, Rule> = {
  uscc: forString(checkUscc),
  'uscc-any': forString(checkUsccAny),
  mobile: forString(checkMobile),
  landline: forString(checkLandline),
  money: (v) => (typeof v === 'number' ? checkMoney(v) : []),
  filename: forString(checkFilename),
  'industry-code': forString(checkIndustryCode),
  phases: (v) => (isObject(v) ? checkPhases(v) : []),
  sealed: forString(checkSealed),
  'unique-logins': (v) => (Array.isArray(v) ? checkUniqueLogins(v) : []),
};

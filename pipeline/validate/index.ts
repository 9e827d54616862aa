/**
 * The one validate-and-explain function every submission passes through: the schema
 * (precompiled ajv), the programme's rules on single values (`x-rule`), and the rules on
 * the record as a whole. Cross-record rules live in content/cross-record.ts.
 */
import * as validators from '../generated/validators.js';
import { RULES } from '../rules/index.ts';
import { fieldLabel } from '../schema/fields.ts';
import type { Kind } from '../schema/registry.ts';
import { isRestricted } from '../privacy/visibility.ts';
import type { Issue, RuleResult } from './issue.ts';
import { ajvIssues } from './messages.ts';
import { RECORD_RULES } from './record-rules.ts';
import { ruleSites, valuesAt } from './rule-sites.ts';

/** Attach the field's title to a rule's message, as schema messages have it. */
export function labelled(kind: Kind, path: string, result: RuleResult): Issue[] {
  return result.map((r) => {
    const p = r.path ?? path;
    return { ...r, path: p, message: `${fieldLabel(kind, p)}：${r.message}`, messageEn: `${fieldLabel(kind, p, 'en')}: ${r.messageEn}` };
  });
}

export function validateRecord(kind: Kind, data: unknown): Issue[] {
  const validate = validators[kind];
  const issues = validate(data) ? [] : ajvIssues(kind, validate.errors ?? []);
  const record = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (!record) return issues;
  for (const site of ruleSites(kind)) {
    const rule = RULES[site.rule];
    if (!rule) throw new Error(`schema names unknown rule ${site.rule}`);
    for (const [path, value] of valuesAt(record, site.segments)) issues.push(...labelled(kind, path, rule(value)));
  }
  for (const rule of RECORD_RULES[kind] ?? []) issues.push(...rule(record).flatMap((r) => labelled(kind, r.path ?? '', [r])));
  // A sealed record carries its restricted fields as ciphertext: their absence is expected.
  if (typeof record.sealed === 'string') {
    return issues.filter((i) => !(i.keyword === 'required' && isRestricted(kind, record, i.path)));
  }
  return issues;
}

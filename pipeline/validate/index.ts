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
import type { Issue, RuleResult } from '../domain/issue.ts';
import { ajvIssues } from './messages.ts';
import { RECORD_RULES } from './record-rules.ts';
import { ruleSites, valuesAt } from './rule-sites.ts';

/**
 * Attach the field's title to a rule's message, as schema messages have it — unless the
 * rule's sentence already names the field.
 */
export function labelled(kind: Kind, path: string, result: RuleResult): Issue[] {
  return result.map((r) => {
    const p = r.path ?? path;
    const label = fieldLabel(kind, p);
    const own = label.split(' › ').at(-1)!;
    return {
      ...r,
      path: p,
      message: r.message.includes(own) ? r.message : `${label}：${r.message}`,
      messageEn: `${fieldLabel(kind, p, 'en')}: ${r.messageEn}`,
    };
  });
}

/** A rule that spoke about a field says it better than the schema's generic keyword did. */
function preferRules(schemaIssues: Issue[], ruleIssues: Issue[]): Issue[] {
  const ruled = new Set(ruleIssues.map((i) => i.path));
  return [...schemaIssues.filter((i) => !ruled.has(i.path)), ...ruleIssues];
}

export function validateRecord(kind: Kind, data: unknown): Issue[] {
  const validate = validators[kind];
  const raw = validate(data) ? [] : ajvIssues(kind, validate.errors ?? []);
  // A field that must be more than 0 (注册资本) and at least 0 (money) says the stricter bound once.
  const strict = new Set(raw.filter((i) => i.keyword === 'exclusiveMinimum').map((i) => i.path));
  const schemaIssues = raw.filter((i) => !(i.keyword === 'minimum' && strict.has(i.path)));
  const record =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (!record) return schemaIssues;
  const ruleIssues: Issue[] = [];
  for (const site of ruleSites(kind)) {
    const rule = RULES[site.rule];
    if (!rule) throw new Error(`schema names unknown rule ${site.rule}`);
    for (const [path, value] of valuesAt(record, site.segments)) ruleIssues.push(...labelled(kind, path, rule(value)));
  }
  for (const rule of RECORD_RULES[kind] ?? [])
    ruleIssues.push(...rule(record).flatMap((r) => labelled(kind, r.path ?? '', [r])));
  const issues = preferRules(schemaIssues, ruleIssues);
  // A sealed record carries its restricted fields as ciphertext: their absence is expected.
  if (typeof record.sealed === 'string') {
    return issues.filter((i) => !(i.keyword === 'required' && isRestricted(kind, record, i.path)));
  }
  return issues;
}

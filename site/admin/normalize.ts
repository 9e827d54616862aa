/**
 * From what Decap's widgets hold to the record the schema describes. Widgets say "no
 * value" in their own ways: a cleared string or number is '', a cleared select null, an
 * emptied list [], an untouched optional object {}. A record says it once: an optional
 * field without a value is absent, and a nullable one (拟投入资金 → 面议) is null.
 * Everything else is left exactly as the editor (or the file) had it.
 */
import { SCHEMAS, nonNullBranch, type Kind, type SchemaNode } from '../../pipeline/face/core.ts';

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function clean(value: unknown, schema: SchemaNode | undefined): unknown {
  if (!schema) return value;
  const { node } = nonNullBranch(schema);
  if (Array.isArray(value)) return node.items ? value.map((v) => clean(v, node.items)) : value;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const child = node.properties?.[key];
    if (!child) {
      out[key] = raw;
      continue;
    }
    const v = clean(raw, child);
    const required = (node.required ?? []).includes(key);
    if (!isEmpty(v)) out[key] = v;
    else if (nonNullBranch(child).nullable) out[key] = null;
    else if (required) out[key] = v;
  }
  // Required nullable fields the editor never touched: the empty choice is the null one.
  for (const key of node.required ?? []) {
    const child = node.properties?.[key];
    if (!(key in out) && child && nonNullBranch(child).nullable) out[key] = null;
  }
  return out;
}

/** The record an entry's widget values stand for. */
export function recordFromEditor(kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  return clean(data, SCHEMAS[kind]) as Record<string, unknown>;
}

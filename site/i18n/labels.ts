/**
 * Field titles and enum labels in either language, read from the schemas' annotations
 * (title / x-title-en, x-enum-labels / x-enum-labels-en, x-null-label): the site never
 * types a label the schema already has.
 */
import { fieldAt, deref, nonNullBranch, type Kind, type SchemaNode } from '../../pipeline/face/core.ts';
import type { Lang } from './ui.ts';

const nodes = new Map<string, SchemaNode>();

/** The field's schema node (cached: labels are asked for hundreds of thousands of times per build). */
function node(kind: Kind, pointer: string): SchemaNode {
  const key = `${kind}${pointer}`;
  let n = nodes.get(key);
  if (!n) {
    const info = fieldAt(kind, pointer);
    if (!info) throw new Error(`no field ${kind}${pointer}`);
    n = nonNullBranch(info.node).node;
    if (!n.enum && n.items) n = { ...n, items: deref(n.items) };
    nodes.set(key, n);
  }
  return n;
}

/** The field's title: fieldTitle('demand', '/field', 'en') → "Field". */
export function fieldTitle(kind: Kind, pointer: string, lang: Lang): string {
  const n = node(kind, pointer);
  return (lang === 'en' ? n['x-title-en'] : n.title) ?? pointer;
}

/** The enum codes of a field (or of its array items), in schema order. */
export function enumCodes(kind: Kind, pointer: string): string[] {
  const n = node(kind, pointer);
  const e = n.enum ?? n.items?.enum;
  return (e ?? []).map(String);
}

/** The label of one enum code of a field (or of its array items). */
export function enumLabel(kind: Kind, pointer: string, code: string, lang: Lang): string {
  const n = node(kind, pointer);
  const holder = n.enum ? n : (n.items ?? n);
  const labels = lang === 'en' ? holder['x-enum-labels-en'] : holder['x-enum-labels'];
  return labels?.[code] ?? code;
}

/** The label for a null value (面议 / Negotiable), when the field has one. */
export function nullLabel(kind: Kind, pointer: string, lang: Lang): string {
  const info = fieldAt(kind, pointer);
  const n = info ? deref(info.node) : undefined;
  return (lang === 'en' ? n?.['x-null-label-en'] : n?.['x-null-label']) ?? '—';
}

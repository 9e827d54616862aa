/**
 * Where the programme's rules apply: every schema node carrying `x-rule`, as a path
 * pattern (`*` for array items), found once per kind. Applying them walks only those paths.
 */
import { SCHEMAS, nonNullBranch, type Kind, type SchemaNode } from '../schema/registry.ts';

export interface RuleSite {
  segments: string[];
  rule: string;
}

const sites = new Map<Kind, RuleSite[]>();

export function ruleSites(kind: Kind): RuleSite[] {
  let found = sites.get(kind);
  if (found) return found;
  found = [];
  const visit = (node: SchemaNode, segments: string[]) => {
    const n = nonNullBranch(node).node;
    if (n['x-rule']) found!.push({ segments, rule: n['x-rule'] });
    if (n.items) visit(n.items, [...segments, '*']);
    for (const [key, child] of Object.entries(n.properties ?? {})) visit(child, [...segments, key]);
  };
  visit(SCHEMAS[kind], []);
  sites.set(kind, found);
  return found;
}

/** The values a site's pattern reaches in a record, with their JSON Pointers. */
export function valuesAt(record: unknown, segments: string[], pointer = ''): Array<[string, unknown]> {
  if (segments.length === 0) return record === undefined ? [] : [[pointer, record]];
  const [head, ...rest] = segments;
  if (head === '*') {
    return Array.isArray(record) ? record.flatMap((item, i) => valuesAt(item, rest, `${pointer}/${i}`)) : [];
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record) || !Object.hasOwn(record, head!))
    return [];
  return valuesAt((record as Record<string, unknown>)[head!], rest, `${pointer}/${head}`);
}

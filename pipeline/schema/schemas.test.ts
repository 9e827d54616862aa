import { describe, expect, it } from 'vitest';
import { DEFS, KINDS, SCHEMAS, deref, nonNullBranch, type SchemaNode } from './registry.ts';

/** Every property node of a schema, with its path, references resolved. */
function properties(
  node: SchemaNode,
  path: string,
  out: Array<[string, SchemaNode, boolean]> = [],
  top = true,
): Array<[string, SchemaNode, boolean]> {
  const n = nonNullBranch(node).node;
  for (const [key, child] of Object.entries(n.properties ?? {})) {
    out.push([`${path}/${key}`, deref(child), top]);
    properties(child, `${path}/${key}`, out, false);
  }
  if (n.items) properties(n.items, `${path}/*`, out, false);
  return out;
}

describe('schemas document every field for its user', () => {
  for (const kind of KINDS) {
    const props = properties(SCHEMAS[kind], kind);
    it(`${kind}: every property has Chinese and English title and description`, () => {
      const missing = props
        .filter(([, n]) => !(n.title && n.description && n['x-title-en'] && n['x-description-en']))
        .map(([p]) => p);
      expect(missing).toEqual([]);
    });
    it(`${kind}: every record-level property declares its visibility`, () => {
      expect(props.filter(([, n, top]) => top && !n['x-visibility']).map(([p]) => p)).toEqual([]);
    });
    it(`${kind}: every enum value has a Chinese and an English label`, () => {
      const bad: string[] = [];
      for (const [p, n] of props) {
        const e = nonNullBranch(n).node;
        const target = e.enum ? e : e.items && deref(e.items).enum ? deref(e.items) : undefined;
        if (!target) continue;
        for (const v of target.enum!.map(String)) {
          if (!target['x-enum-labels']?.[v] || !target['x-enum-labels-en']?.[v]) bad.push(`${p}=${v}`);
        }
      }
      expect(bad).toEqual([]);
    });
    it(`${kind}: required names are properties`, () => {
      const bad: string[] = [];
      const walk = (node: SchemaNode, path: string) => {
        const n = nonNullBranch(node).node;
        for (const r of n.required ?? []) if (!n.properties?.[r]) bad.push(`${path}/${r}`);
        for (const [k, c] of Object.entries(n.properties ?? {})) walk(c, `${path}/${k}`);
        if (n.items) walk(n.items, `${path}/*`);
      };
      walk(SCHEMAS[kind], kind);
      expect(bad).toEqual([]);
    });
  }

  it('shared definitions carry titles in both languages', () => {
    const bad = Object.entries(DEFS.$defs ?? {})
      .filter(([, d]) => !(d.title && d['x-title-en'] && d.description && d['x-description-en']))
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('status is never a field anyone types', () => {
    for (const kind of KINDS) expect(Object.keys(SCHEMAS[kind].properties ?? {})).not.toContain('status');
  });
});

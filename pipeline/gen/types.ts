/**
 * TypeScript types for every record, from the schemas, by json-schema-to-typescript.
 * One synthetic root holds every kind and shared definition, so each type is declared once.
 */
import { compile } from 'json-schema-to-typescript';
import { DEFS, KINDS, SCHEMAS, deref, resolveRef, type SchemaNode } from '../schema/registry.ts';
import { banner } from './banner.ts';
import type { GeneratedFile } from './generated-file.ts';

const pascal = (s: string) => s.replace(/(^|[-_])([a-z])/g, (_m, _p, c: string) => c.toUpperCase());

/**
 * Prepare a schema for json-schema-to-typescript, which names a type after every `title`
 * (ours are Chinese) and after every `$ref` with siblings: object definitions stay shared
 * named types (`$ref` alone), primitive ones are inlined, and titles are folded into the
 * doc comments.
 */
function prepare(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prepare);
  if (node === null || typeof node !== 'object') return node;
  const n = node as SchemaNode;
  if (n.$ref) {
    const target = resolveRef(n.$ref);
    if (target.type === 'object' || target.type === 'array')
      return { $ref: n.$ref.replace(/^defs\.schema\.json#/, '#') };
    return prepare({ ...deref(n), title: n.title ?? target.title });
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === '$id' || k === '$schema' || k === 'title' || k.startsWith('x-')) continue;
    if (k === 'description' && typeof n.title === 'string') out[k] = `${n.title}：${v as string}`;
    // A map of property names (a property may be called `title`): its values are schemas.
    else if ((k === 'properties' || k === '$defs') && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v).map(([name, child]) => [name, prepare(child)]));
    else out[k] = prepare(v);
  }
  return out;
}

export async function generateTypes(): Promise<GeneratedFile[]> {
  const $defs: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(DEFS.$defs ?? {})) {
    if (def.type === 'object' || def.type === 'array')
      $defs[name] = { ...(prepare(def) as object), title: pascal(name) };
  }
  for (const kind of KINDS) $defs[`kind_${kind}`] = { ...(prepare(SCHEMAS[kind]) as object), title: pascal(kind) };
  const root = {
    title: 'JiebangRecords',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(KINDS.map((k) => [k, { $ref: `#/$defs/kind_${k}` }])),
    $defs,
  };
  const ts = await compile(root as never, 'JiebangRecords', {
    bannerComment: banner('schemas/*.schema.json (json-schema-to-typescript)').trimEnd(),
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: true,
    maxItems: -1,
    $refOptions: { resolve: { http: false, file: false } } as never,
  });
  return [{ path: 'pipeline/generated/types.ts', content: ts }];
}

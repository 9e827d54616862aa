/**
 * The canonical text of a YAML record. Decap CMS writes entries with yaml 1.x's default
 * `Document.toString()`, top-level keys in field order; everything jiebang writes (intake,
 * ledger, sample content, the generator) uses this same function, so a record opened and
 * saved in the CMS without changes keeps every byte, and diffs show only what changed.
 */
import YAML1 from 'yaml1';
import { SCHEMAS, deref, type Kind, type SchemaNode } from '../schema/registry.ts';

/** Reorder keys as the schema lists its properties; unknown keys keep their place at the end. */
function ordered(value: unknown, schema: SchemaNode | undefined): unknown {
  if (Array.isArray(value)) {
    const items = schema ? deref(schema).items : undefined;
    return value.map((v) => ordered(v, items));
  }
  if (value === null || typeof value !== 'object') return value;
  const node = schema ? deref(schema) : undefined;
  const props = node?.properties ?? {};
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props)) if (key in obj && obj[key] !== undefined) out[key] = ordered(obj[key], props[key]);
  for (const key of Object.keys(obj)) if (!(key in out) && obj[key] !== undefined) out[key] = ordered(obj[key], undefined);
  return out;
}

export function formatYaml(kind: Kind, data: unknown): string {
  const doc = new YAML1.Document();
  doc.contents = YAML1.createNode(ordered(data, SCHEMAS[kind]) as object) as typeof doc.contents;
  return doc.toString();
}

/**
 * Who may see a field: the one place the privacy rule lives. The schema annotates each
 * property with `x-visibility` (nested properties inherit); two record-level choices
 * narrow it further: an issuer that hides its name makes its `issuer-choice` fields
 * restricted, and a non-public demand is restricted as a whole but for the few fields
 * that let the system file it. Sealing, the site's public projection and the build's
 * leak scan all ask this module.
 */
import { SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode, type Visibility } from '../schema/registry.ts';

type Obj = Record<string, unknown>;

/** Fields of a non-public demand that stay in the clear so it can be filed and reviewed. */
const NON_PUBLIC_DEMAND_KEEPS = new Set(['id', 'round', 'isPublic', 'anonymousIssuer', 'sealed']);

/** The declared visibility of a property (inherited from its nearest annotated ancestor). */
export function declaredVisibility(node: SchemaNode, inherited: Visibility = 'public'): Visibility {
  return deref(node)['x-visibility'] ?? inherited;
}

function restrictedHere(v: Visibility, record: Obj): boolean {
  return v === 'restricted' || (v === 'issuer-choice' && record.anonymousIssuer === true);
}

/** Is the whole record withheld from the public (a non-public demand)? */
export function isWithheld(kind: Kind, record: Obj): boolean {
  return kind === 'demand' && record.isPublic !== true;
}

/** A key as a JSON Pointer token (RFC 6901); almost no key needs escaping. */
const escapeKey = (key: string) =>
  key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;

/**
 * Visit every value of a record with whether it is restricted. `visit` gets the JSON
 * Pointer, the value and the verdict; restricted subtrees are not descended into.
 */
export function walkVisibility(
  kind: Kind,
  record: Obj,
  visit: (pointer: string, value: unknown, restricted: boolean) => void,
): void {
  const withheld = isWithheld(kind, record);
  const walk = (value: unknown, node: SchemaNode | undefined, v: Visibility, pointer: string, top: boolean) => {
    const schema = node ? nonNullBranch(node).node : undefined;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, schema?.items, v, `${pointer}/${i}`, false));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Obj)) {
      const childNode = schema?.properties?.[key];
      const childV = childNode ? declaredVisibility(childNode, v) : v;
      const p = `${pointer}/${escapeKey(key)}`;
      const restricted =
        (top && withheld && !NON_PUBLIC_DEMAND_KEEPS.has(key)) ||
        restrictedHere(childV, record) ||
        (!childNode && !!schema);
      visit(p, child, restricted);
      if (!restricted) walk(child, childNode, childV, p, false);
    }
  };
  walk(record, SCHEMAS[kind], 'public', '', true);
}

/**
 * Is the field at `pointer` restricted in this record? Decided from the schema, so it
 * answers for fields the record does not (yet) contain too.
 */
export function isRestricted(kind: Kind, record: Obj, pointer: string): boolean {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (keys.length === 0) return isWithheld(kind, record);
  if (isWithheld(kind, record) && !NON_PUBLIC_DEMAND_KEEPS.has(keys[0]!)) return true;
  let node: SchemaNode | undefined = SCHEMAS[kind];
  let v: Visibility = 'public';
  for (const key of keys) {
    const here: SchemaNode = nonNullBranch(node!).node;
    node = /^\d+$/.test(key) && here.items ? here.items : here.properties?.[key];
    if (!node) return true; // not a field of the schema: never assume it is public
    v = declaredVisibility(node, v);
    if (restrictedHere(v, record)) return true;
  }
  return false;
}

/** Every restricted leaf value of a record (strings and numbers), for sealing and leak scans. */
export function restrictedValues(kind: Kind, record: Obj): Array<{ pointer: string; value: string | number }> {
  const out: Array<{ pointer: string; value: string | number }> = [];
  const leaves = (pointer: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') out.push({ pointer, value });
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) leaves(`${pointer}/${k}`, v);
  };
  walkVisibility(kind, record, (p, v, restricted) => {
    if (restricted && !p.endsWith('/sealed')) leaves(p, v);
  });
  return out;
}

/**
 * The record as the public may see it, or undefined when it is withheld as a whole.
 * Restricted fields and the sealed blob are removed; nothing else is changed.
 */
export function publicView<T extends Obj>(kind: Kind, record: T): Partial<T> | undefined {
  if (isWithheld(kind, record)) return undefined;
  const copy = structuredClone(record) as Obj;
  const drop: string[] = [];
  walkVisibility(kind, record, (p, _v, restricted) => {
    if (restricted) drop.push(p);
  });
  for (const pointer of drop) {
    const keys = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: unknown = copy;
    for (const k of keys.slice(0, -1)) target = (target as Obj)?.[k];
    if (target && typeof target === 'object') delete (target as Obj)[keys.at(-1)!];
  }
  delete copy.sealed;
  return copy as Partial<T>;
}

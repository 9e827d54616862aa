/**
 * Who may see a field: the one place the privacy rule lives. The schema annotates each
 * property with `x-visibility` (nested properties inherit); two record-level choices
 * narrow it further: an issuer that hides its name makes its `issuer-choice` fields
 * restricted, and a withheld record is restricted as a whole but for the few fields that
 * let the system file it (the schema's `x-withheld-keeps`). A non-public demand is
 * withheld, and so is everything about it: a directed application (only a non-public
 * demand takes one: content/cross-record.ts) and a decision about either (sealed by the
 * ledger when written in a public repository: review/seal-act.ts). Sealing, the site's
 * public projection and the build's leak scan all ask this module.
 */
import type { Site } from '../generated/types.ts';
import { SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode, type Visibility } from '../schema/registry.ts';

type Obj = Record<string, unknown>;

/** The fields a withheld record of each kind keeps in the clear, as its schema declares them. */
const KEEPS = new Map(
  (Object.keys(SCHEMAS) as Kind[]).map((k) => [k, new Set(SCHEMAS[k]['x-withheld-keeps'] ?? [])] as const),
);
const keeps = (kind: Kind, key: string) => KEEPS.get(kind)!.has(key);

/** The declared visibility of a property (inherited from its nearest annotated ancestor). */
export function declaredVisibility(node: SchemaNode, inherited: Visibility = 'public'): Visibility {
  return deref(node)['x-visibility'] ?? inherited;
}

function restrictedHere(v: Visibility, record: Obj): boolean {
  return v === 'restricted' || (v === 'issuer-choice' && record.anonymousIssuer === true);
}

/**
 * Is the whole record withheld from the public? A non-public demand; a directed application
 * (to a non-public demand); a decision the ledger sealed (it seals only acts on withheld
 * records). `about` says it for a record the caller knows to be about a withheld one (a
 * decision being written).
 */
export function isWithheld(kind: Kind, record: Obj, about = false): boolean {
  if (about) return KEEPS.get(kind)!.size > 0;
  switch (kind) {
    case 'demand':
      return record.isPublic !== true;
    case 'application':
      return record.directed === true;
    case 'decision':
      return typeof record.sealed === 'string';
    default:
      return false;
  }
}

/** The record's fields that it would not keep in the clear if it were withheld (its schema's `x-withheld-keeps`). */
export function notKeptWhenWithheld(kind: Kind, record: Obj): string[] {
  if (KEEPS.get(kind)!.size === 0) return [];
  return Object.keys(record).filter((k) => record[k] !== undefined && !keeps(kind, k));
}

/** Does this deployment keep its records' restricted fields sealed at rest (site.yml `privacy.sealAtRest`: a public repository)? */
export function sealAtRest(site: Site | undefined): boolean {
  return (site as { privacy?: { sealAtRest?: boolean } } | undefined)?.privacy?.sealAtRest === true;
}

/** Is this restricted field one the record keeps in the clear even at rest (`x-at-rest: clear`)? */
export function clearAtRest(node: SchemaNode | undefined): boolean {
  return !!node && deref(node)['x-at-rest'] === 'clear';
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
  visit: (pointer: string, value: unknown, restricted: boolean, node: SchemaNode | undefined) => void,
  about = false,
): void {
  const withheld = isWithheld(kind, record, about);
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
        (top && withheld && !keeps(kind, key)) || restrictedHere(childV, record) || (!childNode && !!schema);
      visit(p, child, restricted, childNode);
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
  if (isWithheld(kind, record) && !keeps(kind, keys[0]!)) return true;
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
 * The top-most restricted values a record holds in the clear that belong sealed at rest
 * (its `sealed` blob aside, and the fields the ledger keeps readable, `x-at-rest: clear`).
 * `about`: the record is about a withheld one (visibility.ts isWithheld).
 */
export function restrictedFields(kind: Kind, record: Obj, about = false): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  walkVisibility(
    kind,
    record,
    (pointer, value, restricted, node) => {
      if (restricted && pointer !== '/sealed' && value !== undefined && !clearAtRest(node)) fields[pointer] = value;
    },
    about,
  );
  return fields;
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

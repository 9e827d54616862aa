/**
 * The schemas in schemas/, loaded once, and the record kinds they define. Everything that
 * needs a field list (validators, types, forms, CMS config, labels, privacy) starts here.
 */
import defs from '../../schemas/defs.schema.json' with { type: 'json' };
import demand from '../../schemas/demand.schema.json' with { type: 'json' };
import enterprise from '../../schemas/enterprise.schema.json' with { type: 'json' };
import application from '../../schemas/application.schema.json' with { type: 'json' };
import decision from '../../schemas/decision.schema.json' with { type: 'json' };
import round from '../../schemas/round.schema.json' with { type: 'json' };
import officers from '../../schemas/officers.schema.json' with { type: 'json' };
import page from '../../schemas/page.schema.json' with { type: 'json' };
import site from '../../schemas/site.schema.json' with { type: 'json' };
import external from '../../schemas/external.schema.json' with { type: 'json' };

export type Kind =
  'demand' | 'enterprise' | 'application' | 'decision' | 'round' | 'officers' | 'page' | 'site' | 'external';
export const KINDS: readonly Kind[] = [
  'demand',
  'enterprise',
  'application',
  'decision',
  'round',
  'officers',
  'page',
  'site',
  'external',
];

/** A JSON Schema node as jiebang writes them (2020-12 plus our `x-` annotations). */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  'x-title-en'?: string;
  'x-description-en'?: string;
  'x-visibility'?: Visibility;
  'x-source'?: 'pipeline' | 'editor';
  'x-rule'?: string;
  'x-unit'?: string;
  'x-widget'?: string;
  'x-enum-labels'?: Record<string, string>;
  'x-enum-labels-en'?: Record<string, string>;
  'x-null-label'?: string;
  'x-null-label-en'?: string;
  'x-kind'?: Kind;
  'x-form'?: { template: string; name: string; nameEn: string; labels: string[] };
  /** A record's fields that stay in the clear when the record is withheld as a whole (privacy/visibility.ts). */
  'x-withheld-keeps'?: string[];
  /**
   * `clear`: a restricted field never sealed at rest — the public never sees it, but the
   * ledger's audit reads it without a key (a decision's actor, scores, size record).
   */
  'x-at-rest'?: 'clear';
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  contentMediaType?: string;
  $defs?: Record<string, SchemaNode>;
  [key: string]: unknown;
}

/**
 * public: may reach the public site; restricted: officers and the parties only;
 * issuer-choice: public unless the demand's issuer chose to hide its name.
 */
export type Visibility = 'public' | 'restricted' | 'issuer-choice';

export const DEFS = defs as SchemaNode;
export const SCHEMAS: Record<Kind, SchemaNode> = {
  demand,
  enterprise,
  application,
  decision,
  round,
  officers,
  page,
  site,
  external,
} as Record<Kind, SchemaNode>;

/** All schema documents, defs first, as ajv and the generators take them. */
export const ALL_SCHEMAS: SchemaNode[] = [DEFS, ...KINDS.map((k) => SCHEMAS[k])];

/** Resolve a `$ref` used in our schemas (`defs.schema.json#/$defs/x` or `#/$defs/x`). */
export function resolveRef(ref: string): SchemaNode {
  const m = /^(?:defs\.schema\.json)?#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
  const target = m ? DEFS.$defs?.[m[1]!] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}

/**
 * A node with its `$ref` merged in: the referring node's own keywords (title, bounds,
 * x- annotations) win over the referenced definition's, as 2020-12 siblings of $ref do.
 * The schemas never change, so each node's answer is made once (privacy walks ask it for
 * every field of every record) and frozen: callers share it.
 */
const DEREFS = new WeakMap<SchemaNode, SchemaNode>();
export function deref(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  let merged = DEREFS.get(node);
  if (!merged) {
    const { $ref, ...own } = node;
    merged = Object.freeze({ ...deref(resolveRef($ref)), ...own });
    DEREFS.set(node, merged);
  }
  return merged;
}

/** The non-null branch of `anyOf: [X, {type: null}]`, with the outer annotations kept (made once per node, as deref's). */
const BRANCHES = new WeakMap<SchemaNode, { node: SchemaNode; nullable: boolean }>();
export function nonNullBranch(node: SchemaNode): { node: SchemaNode; nullable: boolean } {
  let branch = BRANCHES.get(node);
  if (!branch) {
    const n = deref(node);
    if (!n.anyOf) branch = { node: n, nullable: false };
    else {
      const branches = n.anyOf.map(deref);
      const value = branches.find((b) => b.type !== 'null');
      const { anyOf: _anyOf, ...outer } = n;
      branch = { node: Object.freeze({ ...value, ...outer }), nullable: branches.some((b) => b.type === 'null') };
    }
    BRANCHES.set(node, Object.freeze(branch));
  }
  return branch;
}

/**
 * The Decap CMS configuration, from the schemas and the one site settings file. Every
 * widget, label, hint, requirement and pattern comes from a schema property; this module
 * only knows how Decap spells them. The output is a TypeScript module (not config.yml)
 * because Decap compiles `pattern` strings without flags, and ours use Unicode property
 * escapes: the module carries real `/…/u` RegExps, which Decap accepts as patterns.
 *
 * The admin app (site/admin/app.tsx) registers the custom pieces this config names:
 * the `jiebang-<kind>` formats (canonical text through formatYaml), the `jiebang-id`
 * and `jiebang-readonly` widgets, and the previews.
 */
import { readSite } from '../content/settings.ts';
import { SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode, type Visibility } from '../schema/registry.ts';
import type { Site } from '../generated/types.ts';
import { sealAtRest } from '../privacy/visibility.ts';
import { banner } from './banner.ts';
import { ID_WIDGET, PAGE_ADDRESS_FIELD, READONLY_WIDGET, formatName } from './cms-names.ts';
import type { GeneratedFile } from './generated-file.ts';

/** The validated settings reader lives with the content readers; named here for this generator's tests. */
export { readSite };
export const CMS_CONFIG_PATH = 'site/admin/config.generated.ts';

/** A Decap field as this generator writes it (Decap's own option names). */
export interface DecapField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [RegExp, string];
  options?: Array<{ label: string; value: string }>;
  multiple?: boolean;
  min?: number;
  max?: number;
  step?: number;
  value_type?: 'int' | 'float';
  fields?: DecapField[];
  summary?: string;
  label_singular?: string;
  collapsed?: boolean;
  [option: string]: unknown;
}

/** The collection each record kind is edited in (applications, decisions, officers and site are not CMS content). */
export const CMS_COLLECTIONS = {
  demand: {
    name: 'demands',
    folder: 'content/demands',
    id: 'id',
    bundle: true,
    summary: '{{fields.id}}　{{fields.title}}',
    preview: 'demands/{{fields.id}}/',
  },
  round: {
    name: 'rounds',
    folder: 'content/rounds',
    id: 'id',
    bundle: false,
    summary: '{{fields.id}}　{{fields.title}}',
    preview: 'rounds/{{fields.id}}/',
  },
  enterprise: {
    name: 'enterprises',
    folder: 'content/enterprises',
    id: 'uscc',
    bundle: true,
    summary: '{{fields.name}}（{{fields.uscc}}）',
    preview: undefined,
  },
  // The national catalogue's entries come from MIIT's list (jiebang import-catalogue): what the list says is read-only, editors add the technical indicators; no entry is made by hand.
  external: {
    name: 'catalogue',
    folder: 'content/catalogue',
    id: 'id',
    bundle: false,
    summary: '{{fields.id}}　{{fields.title}}（{{fields.region.province}}）',
    preview: 'demands/{{fields.id}}/',
    create: false,
  },
} as const satisfies Partial<
  Record<
    Kind,
    {
      name: string;
      folder: string;
      id: string;
      bundle: boolean;
      summary: string;
      preview: string | undefined;
      create?: boolean;
    }
  >
>;

/**
 * Fields whose value is the id of another record: edited by picking that record. The
 * schemas say only "a round id"; which collection holds rounds is the CMS's business.
 */
const REFERENCES: Record<string, { collection: string; value: string; display: string }> = {
  'demand/round': { collection: 'rounds', value: 'id', display: '{{id}}　{{title}}' },
  'page/round': { collection: 'rounds', value: 'id', display: '{{id}}　{{title}}' },
};

const RESTRICTED_NOTE = '（受限字段：只给主管部门和对接双方看，不公开。）';
const SEALED_NOTE =
  '（本仓库公开：保存时这些信息加密为密封信息，只有经办人员能打开；已密封的内容在这里显示为空，不必重填。）';
const ISSUER_CHOICE_NOTE = '选择“隐去企业名称”时不公开。';

/**
 * Decap checks `pattern` only; JSON Schema's length bounds become a lookahead in the same
 * RegExp (with the u flag, `[\s\S]{m,n}` counts code points, as ajv does).
 */
export function patternFor(node: SchemaNode): RegExp | undefined {
  const { pattern, minLength, maxLength } = node;
  const bounded = minLength !== undefined || maxLength !== undefined;
  if (!pattern && !bounded) return undefined;
  if (!bounded) return new RegExp(pattern!, 'u');
  const length = `^(?=[\\s\\S]{${minLength ?? 0},${maxLength ?? ''}}$)`;
  return new RegExp(pattern ? `${length}[\\s\\S]*?(?:${pattern})` : length, 'u');
}

/** The length bounds in words, unless the description already gives them. */
function lengthNote(node: SchemaNode): string {
  const { minLength: min, maxLength: max } = node;
  if (max !== undefined && node.description?.includes(String(max))) return '';
  if (min !== undefined && max !== undefined) return `（${min} 至 ${max} 字）`;
  if (max !== undefined) return `（不超过 ${max} 字）`;
  if (min !== undefined) return `（至少 ${min} 字）`;
  return '';
}

interface Context {
  kind: Kind;
  /** The repository is public: restricted values are sealed on save (site.yml privacy.sealAtRest). */
  sealAtRest: boolean;
  /** JSON Pointer of the property, e.g. /issuer/name. */
  pointer: string;
  /** Whether a value must be given: required here and every ancestor required too. */
  required: boolean;
  visibility: Visibility;
}

function hintFor(
  node: SchemaNode,
  visibility: Visibility,
  inherited: Visibility,
  nullable: boolean,
  sealAtRest: boolean,
): string | undefined {
  const parts = [node.description];
  if (nullable && node['x-null-label']) parts.push(`不填写即为“${node['x-null-label']}”。`);
  if (visibility !== inherited && visibility === 'restricted') parts.push(RESTRICTED_NOTE);
  if (visibility !== inherited && visibility === 'issuer-choice') parts.push(ISSUER_CHOICE_NOTE);
  if (visibility !== inherited && visibility !== 'public' && sealAtRest) parts.push(SEALED_NOTE);
  const hint = parts.filter(Boolean).join('');
  return hint || undefined;
}

function options(node: SchemaNode): Array<{ label: string; value: string }> {
  const labels = node['x-enum-labels'] ?? {};
  return (node.enum ?? []).map((v) => ({ label: labels[String(v)] ?? String(v), value: String(v) }));
}

/** The Decap field of one schema property. */
export function fieldFor(name: string, schema: SchemaNode, ctx: Context, parentVisibility: Visibility): DecapField {
  const { node, nullable } = nonNullBranch(schema);
  const visibility = node['x-visibility'] ?? parentVisibility;
  const restricted = visibility === 'restricted' && parentVisibility !== 'restricted';
  const label = `${node.title ?? name}${restricted ? '（受限）' : ''}`;
  // A value that may be sealed is empty in the CMS once it is: the pipeline's validation,
  // run before sealing, is what requires it then.
  const sealable = ctx.sealAtRest && visibility !== 'public';
  const base: DecapField = { name, label, widget: 'string', required: ctx.required && !nullable && !sealable };
  const hint = hintFor(node, visibility, parentVisibility, nullable, ctx.sealAtRest);
  if (hint) base.hint = hint;
  const child = (childName: string, childSchema: SchemaNode, requiredHere: boolean) =>
    fieldFor(
      childName,
      childSchema,
      { ...ctx, pointer: `${ctx.pointer}/${childName}`, required: requiredHere, visibility },
      visibility,
    );
  const objectFields = (n: SchemaNode, required: boolean) =>
    Object.entries(n.properties ?? {}).map(([k, v]) => child(k, v, required && (n.required ?? []).includes(k)));

  const collection = CMS_COLLECTIONS[ctx.kind as keyof typeof CMS_COLLECTIONS];
  if (collection && ctx.pointer === `/${collection.id}`) {
    return { ...base, widget: ID_WIDGET, collection: collection.name, ...withPattern(node) };
  }
  const reference = REFERENCES[`${ctx.kind}${ctx.pointer}`];
  if (reference) {
    return {
      ...base,
      widget: 'relation',
      collection: reference.collection,
      value_field: reference.value,
      search_fields: [reference.value, 'title'],
      display_fields: [reference.display],
    };
  }
  if (node['x-source'] === 'pipeline') {
    // Set by the pipeline, never typed: the sealed ciphertext means nothing to an editor, the rest is shown as it is.
    return name === 'sealed'
      ? { name, label, widget: 'hidden', required: false }
      : { ...base, widget: READONLY_WIDGET, required: false };
  }
  if (node['x-widget'] === 'image') {
    return { ...base, widget: 'image', choose_url: false, ...withPattern(node) };
  }
  if (node.type === 'boolean') {
    // A toggle is always on or off; with no schema default it starts off.
    return { ...base, widget: 'boolean', default: node.default ?? false };
  }
  if (node.type === 'integer' || node.type === 'number') {
    const field: DecapField = {
      ...base,
      widget: 'number',
      value_type: node.type === 'integer' ? 'int' : 'float',
      step: node.type === 'integer' ? 1 : 0.01,
    };
    if (node.minimum !== undefined) field.min = node.minimum;
    if (node.maximum !== undefined) field.max = node.maximum;
    return field;
  }
  if (node.enum) {
    const field: DecapField = { ...base, widget: 'select', options: options(node) };
    if (node.default !== undefined) field.default = node.default;
    return field;
  }
  if (node.type === 'array' && node.items) {
    const items = deref(node.items);
    const bounds: Partial<DecapField> = {};
    if (node.minItems !== undefined && ctx.required) bounds.min = node.minItems;
    if (node.maxItems !== undefined) bounds.max = node.maxItems;
    if (items.enum) return { ...base, widget: 'select', multiple: true, options: options(items), ...bounds };
    if (items.type === 'object') {
      const fields = objectFields(items, true);
      const summary = (items.required ?? []).map((k) => `{{fields.${k}}}`).join(' ');
      return {
        ...base,
        widget: 'list',
        label_singular: items.title ?? label,
        collapsed: false,
        summary,
        fields,
        ...bounds,
      };
    }
    return { ...base, widget: 'list', ...bounds };
  }
  if (node.type === 'object') {
    return { ...base, widget: 'object', collapsed: false, fields: objectFields(node, ctx.required && !nullable) };
  }
  if (node.contentMediaType === 'text/markdown') {
    // Raw Markdown only: the rich-text editor re-serialises the whole text (list markers,
    // escapes, line breaks), so one edit would rewrite every line of the field.
    return { ...base, widget: 'markdown', modes: ['raw'], editor_components: [], ...withPattern(node) };
  }
  if (node.format === 'date') {
    return { ...base, widget: 'datetime', date_format: 'YYYY-MM-DD', time_format: false, ...withPattern(node) };
  }
  // Free text of a sentence or more gets a text area; names, codes and addresses a line.
  return { ...base, widget: !node.format && (node.maxLength ?? 0) >= 200 ? 'text' : 'string', ...withPattern(node) };
}

function withPattern(node: SchemaNode): Pick<DecapField, 'pattern'> {
  const re = patternFor(node);
  return re ? { pattern: [re, `${node.description ?? node.title ?? ''}${lengthNote(node)}`] } : {};
}

/** The fields of a record kind, in schema order (which is also the order formatYaml writes). */
export function fieldsFor(kind: Kind, sealAtRest = false): DecapField[] {
  const schema = deref(SCHEMAS[kind]);
  return Object.entries(schema.properties ?? {}).map(([name, node]) =>
    fieldFor(
      name,
      node,
      { kind, sealAtRest, pointer: `/${name}`, required: (schema.required ?? []).includes(name), visibility: 'public' },
      'public',
    ),
  );
}

function pageCollection(name: string, folder: string, labelSuffix: string): Record<string, unknown> {
  const schema = SCHEMAS.page;
  return {
    name,
    label: `${schema.title}${labelSuffix}`,
    label_singular: `${schema.title}${labelSuffix}`,
    description: schema.description,
    folder,
    extension: 'mdx',
    format: formatName('page'),
    slug: `{{fields.${PAGE_ADDRESS_FIELD}}}`,
    identifier_field: 'title',
    summary: '{{fields.title}}',
    preview_path: `${labelSuffix ? 'en/' : ''}pages/{{slug}}/`,
    create: true,
    delete: true,
    sortable_fields: ['title', 'order'],
    fields: [
      {
        name: PAGE_ADDRESS_FIELD,
        label: '页面地址',
        widget: ID_WIDGET,
        collection: name,
        from_path: true,
        required: false,
        hint: '页面的文件名，也是网址的最后一段；只用小写英文字母、数字和连字符，如 apply-guide。新建时填写，之后不能修改；中英文页面用同一个地址。',
        pattern: [/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, '只用小写英文字母、数字和连字符，如 apply-guide。'],
      },
      ...fieldsFor('page'),
      {
        name: 'body',
        label: '正文',
        widget: 'markdown',
        modes: ['raw'],
        editor_components: [],
        required: true,
        hint: 'Markdown 正文（MDX）。',
      },
    ],
  };
}

function recordCollection(kind: keyof typeof CMS_COLLECTIONS, sealAtRest: boolean): Record<string, unknown> {
  const c = CMS_COLLECTIONS[kind];
  const schema = SCHEMAS[kind];
  return {
    name: c.name,
    label: schema.title,
    label_singular: schema.title,
    description: schema.description,
    folder: c.folder,
    ...(c.bundle ? { path: '{{slug}}/index' } : {}),
    extension: 'yml',
    format: formatName(kind),
    slug: `{{fields.${c.id}}}`,
    identifier_field: c.id,
    summary: c.summary,
    // 查看发布 (Decap's "view live") opens the record's page on the site (site_url; the local site under npm start: app.tsx).
    ...(c.preview ? { preview_path: c.preview } : {}),
    create: 'create' in c ? c.create : true,
    // Decisions name records by id: a record is never deleted, only its state changes.
    delete: false,
    // Images live beside the entry (path-based folders), not in a public folder.
    ...(c.bundle ? { media_folder: '', public_folder: '' } : {}),
    sortable_fields: [c.id, ...(c.id === 'id' ? ['title'] : ['name'])],
    fields: fieldsFor(kind, sealAtRest),
  };
}

/** The whole config, given the site settings. */
export function cmsConfig(site: Site): Record<string, unknown> {
  if (!site.cms?.oauthBaseUrl) {
    throw new Error(
      'content/site.yml: cms.oauthBaseUrl is missing; the CMS needs it to log editors in to GitHub (see docs/cms.md).',
    );
  }
  // Decap accepts the login only from a window whose origin equals base_url exactly.
  const oauth = new URL(site.cms.oauthBaseUrl);
  if (oauth.pathname !== '/' || oauth.search || oauth.hash) {
    throw new Error(
      `content/site.yml: cms.oauthBaseUrl must be an origin such as https://cms-auth.example.gov.cn (no path), not ${site.cms.oauthBaseUrl}; put the path in cms.authEndpoint.`,
    );
  }
  const forge = new URL(site.forge.url);
  const atRest = sealAtRest(site);
  const backend: Record<string, unknown> = {
    name: 'github',
    repo: site.forge.repo,
    branch: site.forge.branch,
    base_url: oauth.origin,
    auth_endpoint: site.cms.authEndpoint ?? 'auth',
    // Not github.com: a GitHub Enterprise Server, whose REST API lives under /api/v3.
    ...(forge.hostname === 'github.com' ? {} : { api_root: new URL('/api/v3', forge).href }),
    squash_merges: true,
    // Commit messages (and, in the editorial workflow, pull-request titles) in Chinese.
    commit_messages: {
      create: '新增{{collection}} {{slug}}',
      update: '修改{{collection}} {{slug}}',
      delete: '删除{{collection}} {{slug}}',
      uploadMedia: '上传图片 {{path}}',
      deleteMedia: '删除图片 {{path}}',
    },
  };
  return {
    locale: 'zh_Hans',
    load_config_file: false,
    backend,
    publish_mode: 'editorial_workflow',
    // decap-server, which `npm start` and `npm run dev` run on localhost:8081 (the admin page
    // names another port when JIEBANG_CMS_PORT does). Decap looks for it only on localhost.
    local_backend: true,
    ...(site.siteUrl ? { site_url: site.siteUrl, display_url: site.siteUrl } : {}),
    // Every collection keeps its images beside its entries; this folder only serves Decap's own media page.
    media_folder: 'content/media',
    editor: { preview: true },
    collections: [
      recordCollection('demand', atRest),
      recordCollection('round', atRest),
      recordCollection('enterprise', atRest),
      recordCollection('external', atRest),
      pageCollection('pages', 'content/pages', ''),
      pageCollection('pages_en', 'content/pages/en', '（英文）'),
    ],
  };
}

/** A JavaScript literal of a config value: JSON plus RegExp literals. */
function literal(value: unknown, indent = ''): string {
  if (value instanceof RegExp) return value.toString();
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null || v instanceof RegExp))
      return `[${value.map((v) => literal(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The generated module for a deployment's settings. */
export function cmsConfigModule(site: Site): string {
  return `${banner('schemas/*.schema.json and content/site.yml (pipeline/gen/cms-config.ts)')}
/** Decap CMS configuration; the admin app (site/admin/app.tsx) passes it to CMS.init. */
export const config = ${literal(cmsConfig(site))};

/** Whether saving seals restricted values (site.yml privacy.sealAtRest: the repository is public). */
export const sealAtRest = ${sealAtRest(site)};
`;
}

export async function generateCmsConfig(): Promise<GeneratedFile[]> {
  return [{ path: CMS_CONFIG_PATH, content: cmsConfigModule(await readSite()) }];
}

/**
 * The issue form of a record kind, derived from its schema: which fields a submitter fills
 * in, in schema order, how each is asked (input, textarea, dropdown, table, checkbox) and
 * how its answer is read back. The generator (pipeline/gen/issue-forms.ts) renders it as
 * GitHub issue-form YAML and the parser (parse-body.ts, coerce.ts) reads issue bodies with
 * it, so the two cannot disagree.
 *
 * Left out of the form: fields the pipeline or the editors set (`x-source`), and restricted
 * fields, which never travel in cleartext: they arrive sealed in the one `sealed` textarea.
 */
import { SCHEMAS, deref, nonNullBranch, type Kind, type SchemaNode, type Visibility } from '../schema/registry.ts';
import { declaredVisibility, isRestricted, isWithheld } from '../privacy/visibility.ts';

export type FormKind = 'demand' | 'enterprise' | 'application';
export const FORM_KINDS: readonly FormKind[] = ['demand', 'application', 'enterprise'];

export interface Option {
  /** The value stored in the record (an enum code, or true/false for 是/否). */
  value: string | boolean;
  /** What the submitter sees and the issue body carries (the Chinese label). */
  label: string;
  /** Other spellings accepted from hand-written bodies: the code, the English label. */
  aliases: string[];
}

export interface TableColumn {
  key: string;
  title: string;
  required: boolean;
}

/** How a field's text becomes a value. */
export type ValueKind =
  | 'text'
  | 'markdown'
  | 'number'
  | 'integer'
  | 'date'
  | 'boolean'
  | 'enum'
  | 'enum-list'
  | 'declaration'
  | 'table'
  | 'sealed';

export interface FormField {
  /** The issue-form `id`: the property path joined by "-" (GitHub allows only letters, digits, - and _). */
  id: string;
  /** JSON Pointer of the value in the record. */
  pointer: string;
  /** The heading GitHub writes into the issue body: the field's Chinese title. */
  label: string;
  description: string;
  element: 'input' | 'textarea' | 'dropdown' | 'checkboxes';
  valueKind: ValueKind;
  required: boolean;
  options?: Option[];
  multiple?: boolean;
  columns?: TableColumn[];
  /** For money that may be null: the word standing for null (面议). */
  nullLabel?: string;
  unit?: string;
  /** Fields shown as the group they belong to (发榜企业, 申请书正文 …). */
  group?: { title: string; description?: string };
  /** The schema's default, preselected in the form (是/否 dropdowns). */
  defaultValue?: unknown;
  /** issuer-choice fields: public unless the issuer hides its name. */
  issuerChoice?: boolean;
  /** Identifiers (credit codes, numbers): spaces dropped, full-width folded, upper-cased. */
  token?: 'upper' | 'plain';
}

export interface Form {
  kind: FormKind;
  template: string;
  name: string;
  nameEn: string;
  labels: string[];
  title: string;
  description: string;
  fields: FormField[];
  /** Titles of the restricted fields the `sealed` textarea carries (empty: no sealed field). */
  sealedTitles: string[];
  /** Titles of issuer-choice fields that move into `sealed` when the issuer hides its name. */
  issuerChoiceTitles: string[];
}

export const SEALED_ID = 'sealed';
const YES = '是';
const NO = '否';

/** The form-field id of a JSON Pointer: `/issuer/name` → `issuer-name`. */
export function fieldId(pointer: string): string {
  return pointer.split('/').slice(1).join('-');
}

const isMarkdown = (n: SchemaNode) => n.contentMediaType === 'text/markdown';

function enumOptions(node: SchemaNode): Option[] {
  return (node.enum ?? []).map((code) => {
    const c = String(code);
    const label = node['x-enum-labels']?.[c] ?? c;
    const en = node['x-enum-labels-en']?.[c];
    return { value: c, label, aliases: [c, ...(en ? [en] : [])].filter((a) => a !== label) };
  });
}

const BOOLEAN_OPTIONS: Option[] = [
  { value: true, label: YES, aliases: ['yes', 'true', 'y'] },
  { value: false, label: NO, aliases: ['no', 'false', 'n'] },
];

function describe(node: SchemaNode, outer?: SchemaNode): string {
  return (outer?.description ?? node.description ?? '').trim();
}

interface Walk {
  fields: FormField[];
  sealed: string[];
  issuerChoice: string[];
}

function walk(
  kind: FormKind,
  node: SchemaNode,
  pointer: string,
  required: boolean,
  inherited: Visibility,
  group: FormField['group'],
  out: Walk,
): void {
  const here = nonNullBranch(node).node;
  for (const [key, raw] of Object.entries(here.properties ?? {})) {
    const childPointer = `${pointer}/${key}`;
    const { node: child, nullable } = nonNullBranch(raw);
    if (child['x-source']) continue;
    const visibility = declaredVisibility(raw, inherited);
    const title = child.title ?? key;
    if (visibility === 'restricted') {
      out.sealed.push(group ? `${group.title} › ${title}` : title);
      continue;
    }
    const isRequired = required && (here.required ?? []).includes(key);
    if (child.type === 'object' && child.properties) {
      walk(
        kind,
        child,
        childPointer,
        isRequired,
        visibility,
        { title: group ? `${group.title} › ${title}` : title, description: describe(child) },
        out,
      );
      continue;
    }
    const base = {
      id: fieldId(childPointer),
      pointer: childPointer,
      label: title,
      description: describe(child),
      required: isRequired,
      ...(group ? { group } : {}),
    };
    const field = fieldFor(base, child, nullable);
    if (child.default !== undefined) field.defaultValue = child.default;
    if (visibility === 'issuer-choice') {
      field.issuerChoice = true;
      field.required = false; // left empty (and sealed) when the issuer hides its name
      field.description = `${field.description}选择隐去企业名称时本栏留空，改放入密封信息。`;
      out.issuerChoice.push(title);
    }
    out.fields.push(field);
  }
}

function fieldFor(base: Omit<FormField, 'element' | 'valueKind'>, node: SchemaNode, nullable: boolean): FormField {
  if (node.type === 'array') {
    const items = deref(node.items ?? {});
    if (items.type === 'object') {
      const columns = Object.entries(items.properties ?? {}).map(([key, col]) => ({
        key,
        title: deref(col).title ?? key,
        required: (items.required ?? []).includes(key),
      }));
      return { ...base, element: 'textarea', valueKind: 'table', columns };
    }
    return { ...base, element: 'dropdown', valueKind: 'enum-list', options: enumOptions(items), multiple: true };
  }
  if (node.type === 'boolean') {
    if (node.const === true) return { ...base, element: 'checkboxes', valueKind: 'declaration', required: true };
    return { ...base, element: 'dropdown', valueKind: 'boolean', options: BOOLEAN_OPTIONS };
  }
  if (node.enum) return { ...base, element: 'dropdown', valueKind: 'enum', options: enumOptions(node) };
  if (node.type === 'number' || node.type === 'integer') {
    return {
      ...base,
      element: 'input',
      valueKind: node.type,
      ...(node['x-unit'] ? { unit: node['x-unit'] } : {}),
      ...(nullable && node['x-null-label'] ? { nullLabel: node['x-null-label'] } : {}),
    };
  }
  if (isMarkdown(node)) return { ...base, element: 'textarea', valueKind: 'markdown' };
  if (node.format === 'date') return { ...base, element: 'input', valueKind: 'date' };
  const token =
    node['x-rule'] === 'uscc' || node['x-rule'] === 'industry-code' || /^\^\[A-Z\]/.test(node.pattern ?? '')
      ? ('upper' as const)
      : node['x-rule'] === 'mobile' || node['x-rule'] === 'landline'
        ? ('plain' as const)
        : undefined;
  return { ...base, element: 'input', valueKind: 'text', ...(token ? { token } : {}) };
}

/**
 * The restricted fields a submitter fills in, asked the way the form would ask them. The
 * issue form leaves them out (they travel sealed); the site's submission helper asks for
 * them in the browser and seals them there.
 */
export function sealedFields(kind: FormKind): FormField[] {
  const out: FormField[] = [];
  const visit = (
    node: SchemaNode,
    pointer: string,
    required: boolean,
    inherited: Visibility,
    group: FormField['group'],
    under: boolean,
  ) => {
    const here = nonNullBranch(node).node;
    for (const [key, raw] of Object.entries(here.properties ?? {})) {
      const { node: child, nullable } = nonNullBranch(raw);
      if (child['x-source']) continue;
      const childPointer = `${pointer}/${key}`;
      const visibility = declaredVisibility(raw, inherited);
      const restricted = under || visibility === 'restricted';
      const isRequired = required && (here.required ?? []).includes(key);
      const title = child.title ?? key;
      if (child.type === 'object' && child.properties) {
        visit(
          child,
          childPointer,
          isRequired,
          visibility,
          { title: group ? `${group.title} › ${title}` : title, description: describe(child) },
          restricted,
        );
      } else if (restricted) {
        out.push(
          fieldFor(
            {
              id: fieldId(childPointer),
              pointer: childPointer,
              label: title,
              description: describe(child),
              required: isRequired,
              ...(group ? { group } : {}),
            },
            child,
            nullable,
          ),
        );
      }
    }
  };
  visit(SCHEMAS[kind], '', true, 'public', undefined, false);
  return out;
}

const cache = new Map<FormKind, Form>();

/** The issue form of a record kind (cached: schemas do not change while a process runs). */
export function formFor(kind: FormKind): Form {
  const hit = cache.get(kind);
  if (hit) return hit;
  const schema = SCHEMAS[kind];
  const meta = schema['x-form'];
  if (!meta) throw new Error(`schema ${kind} has no x-form`);
  const out: Walk = { fields: [], sealed: [], issuerChoice: [] };
  walk(kind, schema, '', true, 'public', undefined, out);
  const requiresSealed = requiredRestricted(kind);
  if (out.sealed.length > 0) {
    out.fields.push({
      id: SEALED_ID,
      pointer: '/sealed',
      label: deref(schema.properties!.sealed!).title ?? '密封信息',
      description: '',
      element: 'textarea',
      valueKind: 'sealed',
      required: requiresSealed,
    });
  }
  const form: Form = {
    kind,
    template: meta.template,
    name: meta.name,
    nameEn: meta.nameEn,
    labels: meta.labels,
    title: `【${meta.labels[0] ?? meta.name}】`,
    description: schema.title ?? meta.name,
    fields: out.fields,
    sealedTitles: out.sealed,
    issuerChoiceTitles: out.issuerChoice,
  };
  const sealedField = form.fields.find((f) => f.id === SEALED_ID);
  if (sealedField) sealedField.description = sealedDescription(form);
  assertUnique(form);
  cache.set(kind, form);
  return form;
}

/** Does the schema require a restricted field (so the sealed textarea is required)? */
function requiredRestricted(kind: Kind): boolean {
  const schema = SCHEMAS[kind];
  return (schema.required ?? []).some((key) => {
    const node = schema.properties?.[key];
    return node && !deref(node)['x-source'] && declaredVisibility(node) === 'restricted';
  });
}

/** Titles of the form fields a withheld record keeps in the clear (a non-public demand keeps few). */
export function clearWhenWithheld(form: Form): string[] {
  const probe = { isPublic: false };
  if (!isWithheld(form.kind, probe)) return [];
  return form.fields
    .filter((f) => f.id !== SEALED_ID && !isRestricted(form.kind, probe, f.pointer))
    .map((f) => f.label);
}

function sealedDescription(form: Form): string {
  const carried = form.sealedTitles.map((t) => `“${t}”`).join('、');
  const choice = form.issuerChoiceTitles.length
    ? `选择隐去企业名称时，${form.issuerChoiceTitles.map((t) => `“${t}”`).join('、')}也放入密封信息，上面对应的栏目留空。`
    : '';
  const kept = clearWhenWithheld(form);
  const withheld = kept.length
    ? `选择不公开时，除${kept.map((t) => `“${t}”`).join('、')}外的全部内容都放入密封信息，其余栏目留空。`
    : '';
  // An application is sealed to the demand's issuer too (对接双方可见: seal/recipients.ts).
  const readers = form.kind === 'application' ? '主管部门和所揭需求的发榜企业对接人员' : '主管部门';
  const keys = form.kind === 'application' ? '他们的公钥' : '主管部门的公钥';
  return (
    `本栏携带本表的受限字段：${carried}。${choice}${withheld}` +
    `这些内容只有${readers}能解密，不会公开。请在网站的提交助手中填写它们，助手在浏览器中用${keys}加密，生成以 \`-----BEGIN AGE ENCRYPTED FILE-----\` 开头的密文；` +
    '也可以用命令 `jiebang seal` 生成。请把整段密文原样粘贴在这里，切勿填写明文——本页提交的内容是公开的。' +
    '内容很长、密文超出本页的字数上限时，助手会改为生成一个密封附件（.txt 文件）：本栏只填助手给出的“密封附件 sha256:…”一行，再把该文件拖到本栏中上传。'
  );
}

function assertUnique(form: Form): void {
  const ids = new Set<string>();
  const labels = new Set<string>();
  for (const f of form.fields) {
    if (!/^[A-Za-z0-9_-]+$/.test(f.id))
      throw new Error(`form ${form.template}: id ${f.id} has characters GitHub does not allow`);
    if (ids.has(f.id)) throw new Error(`form ${form.template}: duplicate id ${f.id}`);
    if (labels.has(f.label))
      throw new Error(`form ${form.template}: duplicate label ${f.label} (GitHub needs unique labels)`);
    ids.add(f.id);
    labels.add(f.label);
  }
}

/** The form whose template name is `template` (fabang, jiebang, duijie). */
export function formByTemplate(template: string): Form | undefined {
  return FORM_KINDS.map(formFor).find((f) => f.template === template);
}

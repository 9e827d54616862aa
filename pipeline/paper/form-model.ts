/**
 * A record as the notice's paper form: rows of label and value in the schema's order, long
 * texts as blocks, arrays of objects (the indicators) as tables, the 承诺 and the places to
 * sign and stamp. Every label is the schema's title, so a field added to a schema prints
 * without a change here. The DOCX and the print HTML (for the PDF) both render this model.
 *
 * `view: 'public'` prints restricted fields as "（不公开）" — what may be printed on any
 * machine; `view: 'full'` prints them too, for the officer's or the submitter's machine.
 */
import { deref, nonNullBranch, SCHEMAS, type Kind, type SchemaNode } from '../schema/registry.ts';
import { isRestricted } from '../privacy/visibility.ts';
import { blockText, markdownBlocks, type Block } from './markdown-blocks.ts';

export type PrintKind = 'demand' | 'enterprise' | 'application';
export type PrintView = 'public' | 'full';

export interface Row {
  label: string;
  /** One line of text, or blocks for a long (Markdown) text. */
  value: string;
  blocks?: Block[];
  /** A restricted field left out of this print. */
  withheld?: boolean;
}
export interface Group {
  /** The group's heading (an object field's title), or undefined for the record's own rows. */
  heading?: string;
  rows: Row[];
  /** An array of objects printed as a table (the technical indicators). */
  table?: { columns: string[]; rows: string[][] };
}
export interface FormModel {
  kind: PrintKind;
  id: string;
  /** "附件1" … from the schema's description. */
  annex: string;
  title: string;
  /** 填报单位: the enterprise's name, or empty to be written by hand. */
  unit: string;
  groups: Group[];
  pledge: string;
  view: PrintView;
}

type Obj = Record<string, unknown>;
export const WITHHELD = '（不公开）';
/** Fields that are the pipeline's bookkeeping, not the form's content. */
const SKIP = new Set(['sealed', 'attachments']);
const DEFAULT_PLEDGE = '本单位承诺以上所填信息真实、准确、完整，并对其真实性负责。';

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const titleOf = (node: SchemaNode, key: string) => node.title ?? key;

/** A scalar as printed: enum labels, 是/否, money with its unit, null as the schema names it. */
export function scalarText(node: SchemaNode | undefined, value: unknown): string {
  const { node: n } = node ? nonNullBranch(node) : { node: undefined };
  if (value === null || value === undefined) return n?.['x-null-label'] ?? '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    const items = n?.items ? deref(n.items) : undefined;
    return value.map((v) => scalarText(items, v)).join('、');
  }
  if (typeof value === 'object')
    return Object.values(value as Obj)
      .map((v) => scalarText(undefined, v))
      .filter(Boolean)
      .join(' ');
  const labels = n?.['x-enum-labels'];
  if (labels && typeof value === 'string' && labels[value]) return labels[value]!;
  const unit = n?.['x-unit'];
  if (unit && typeof value === 'number' && !/[（(]\s*\S*\s*[）)]$/.test(n?.title ?? '')) return `${value} ${unit}`;
  return String(value);
}

/** An image field (a logo, an illustration): the site shows it; a paper form has no place for it. */
const isImage = (n: SchemaNode) => n.$ref?.endsWith('/$defs/image') === true;
const isMarkdown = (n: SchemaNode) => n.contentMediaType === 'text/markdown';
const isObjectArray = (n: SchemaNode) => n.type === 'array' && !!n.items && deref(n.items).type === 'object';

export function formModel(kind: PrintKind, record: Obj, view: PrintView): FormModel {
  const schema = SCHEMAS[kind];
  const hidden = (pointer: string) => view === 'public' && isRestricted(kind, record, pointer);
  const groups: Group[] = [];
  /** Plain rows continue the last group without a heading, so the schema's order is kept. */
  const plain = (): Group => {
    const last = groups.at(-1);
    if (last && !last.heading) return last;
    const g: Group = { rows: [] };
    groups.push(g);
    return g;
  };
  let pledge = DEFAULT_PLEDGE;

  const rowFor = (node: SchemaNode, value: unknown, pointer: string, label: string): Row => {
    if (hidden(pointer)) return { label, value: WITHHELD, withheld: true };
    if (typeof value === 'string' && isMarkdown(node)) return { label, value, blocks: markdownBlocks(value) };
    return { label, value: scalarText(node, value) };
  };

  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    if (SKIP.has(key) || isImage(raw)) continue;
    const node = nonNullBranch(raw).node;
    const pointer = `/${escapeKey(key)}`;
    const value = record[key];
    const label = titleOf(node, key);
    if (node.type === 'object' && node.properties) {
      // An object is a group of rows (发榜企业, 联系人, 申请书正文); its boolean `const: true`
      // child is a declaration, printed as the pledge above the signatures.
      const group: Group = { heading: label, rows: [] };
      for (const [childKey, childRaw] of Object.entries(node.properties)) {
        const child = nonNullBranch(childRaw).node;
        if (SKIP.has(childKey) || isImage(childRaw)) continue;
        if (child.type === 'boolean' && child.const === true) {
          pledge = child.description?.replace(/必须勾选。?$/, '').trim() || pledge;
          continue;
        }
        const childValue = (value as Obj | undefined)?.[childKey];
        if (childValue === undefined && !child.title) continue;
        if (childValue === undefined && !(node.required ?? []).includes(childKey)) continue;
        group.rows.push(rowFor(child, childValue, `${pointer}/${escapeKey(childKey)}`, titleOf(child, childKey)));
      }
      groups.push(group);
    } else if (isObjectArray(node)) {
      const item = deref(node.items!);
      const cols = Object.entries(item.properties ?? {});
      const list = Array.isArray(value) ? (value as Obj[]) : [];
      const group: Group = { heading: label, rows: [] };
      if (hidden(pointer)) group.rows.push({ label, value: WITHHELD, withheld: true });
      else
        group.table = {
          columns: ['序号', ...cols.map(([k, c]) => titleOf(deref(c), k))],
          rows: list.map((entry, i) => [String(i + 1), ...cols.map(([k, c]) => scalarText(deref(c), entry?.[k]))]),
        };
      groups.push(group);
    } else {
      if (value === undefined && !(schema.required ?? []).includes(key)) continue;
      plain().rows.push(rowFor(node, value, pointer, label));
    }
  }

  const unitPointer = kind === 'demand' ? '/issuer/name' : kind === 'application' ? '/applicant/name' : '/name';
  const unitValue = unitPointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v as Obj | undefined)?.[k], record);
  return {
    kind,
    id: String(record[kind === 'enterprise' ? 'uscc' : 'id'] ?? ''),
    annex: /^(附件\d)/.exec(schema.description ?? '')?.[1] ?? '',
    title: schema.title ?? kind,
    unit: hidden(unitPointer) || typeof unitValue !== 'string' ? '' : unitValue,
    groups: groups.filter((g) => g.rows.length || g.table),
    pledge,
    view,
  };
}

/** Every label and printed text of a model (long texts as printed, without Markdown), for tests and checks. */
export function modelTexts(model: FormModel): string[] {
  const out = [model.title, model.unit];
  for (const g of model.groups) {
    if (g.heading) out.push(g.heading);
    for (const r of g.rows)
      out.push(r.label, ...(r.blocks ? r.blocks.map(blockText).flatMap((t) => t.split('\n')) : [r.value]));
    if (g.table) out.push(...g.table.columns, ...g.table.rows.flat());
  }
  return out.filter(Boolean);
}

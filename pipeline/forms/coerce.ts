/**
 * From the answers under each heading to a record: each field's text read the way its
 * schema type needs (numbers with units and thousands separators, dates in the ways
 * Chinese offices write them, dropdown labels back to codes, tables to lists). What cannot
 * be read becomes an issue naming the field; what can be read but is wrong is left for the
 * schema to report, so each problem is said once, by the validator that owns it.
 */
import { fieldLabel } from '../schema/fields.ts';
import type { Issue } from '../domain/issue.ts';
import type { Form, FormField, Option } from './form.ts';
import { normalizeLabel } from './parse-body.ts';
import { parseTable } from './table.ts';

/** What GitHub writes for an empty answer, and what its optional dropdowns offer for "no choice". */
export const NO_RESPONSE = '_No response_';
export const NONE = 'None';

export type Read =
  { ok: true; value: unknown } | { ok: true; empty: true } | { ok: false; message: string; messageEn: string };

const EMPTY: Read = { ok: true, empty: true };
const fail = (message: string, messageEn: string): Read => ({ ok: false, message, messageEn });

/** Strip a code fence wrapped around a whole answer (GitHub's `render:`, or a paste). */
function unfence(text: string): string {
  const m = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(text.trim());
  return m ? m[2]! : text;
}

function isEmptyAnswer(text: string, field: FormField): boolean {
  const t = text.trim();
  if (t === '' || t === NO_RESPONSE) return true;
  // "None" is GitHub's non-choice in an optional dropdown — unless the form offers an option by that name.
  return field.element === 'dropdown' && t === NONE && !field.options?.some((o) => o.label === NONE);
}

function matchOption(text: string, options: readonly Option[]): Option | undefined {
  const t = normalizeLabel(text).toLowerCase();
  return (
    options.find((o) => normalizeLabel(o.label).toLowerCase() === t) ??
    options.find((o) => o.aliases.some((a) => normalizeLabel(a).toLowerCase() === t))
  );
}

/**
 * Several options as GitHub joins them ("A, B"). Labels may contain commas themselves
 * (工业（采矿业，制造业…）), so options are matched greedily from the left, longest first,
 * rather than split on commas; a line per option (hand-written) works too.
 */
export function readOptionList(text: string, options: readonly Option[]): { values: Option[]; unknown: number } {
  const spellings = options
    .flatMap((o) => [o.label, ...o.aliases].map((s) => ({ o, s: normalizeLabel(s).toLowerCase() })))
    .sort((a, b) => b.s.length - a.s.length);
  const SEPARATOR = /^[\s,，、;；]+/;
  const values: Option[] = [];
  let unknown = 0;
  let rest = normalizeLabel(text.replace(/\n/g, ', ')).toLowerCase();
  for (rest = rest.replace(SEPARATOR, ''); rest; rest = rest.replace(SEPARATOR, '')) {
    const hit = spellings.find(({ s }) => rest.startsWith(s) && /^($|[\s,，、;；])/.test(rest.slice(s.length)));
    if (hit) {
      if (!values.includes(hit.o)) values.push(hit.o);
      rest = rest.slice(hit.s.length);
    } else {
      unknown++;
      const end = rest.search(/[,，、;；]/);
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  return { values, unknown };
}

const optionsText = (options: readonly Option[]) => options.map((o) => `“${o.label}”`).join('、');

/** A number as offices write it: full-width digits, 1,200 or 1，200, a unit after it. */
export function readNumber(text: string, unit?: string): number | undefined {
  let t = text.normalize('NFKC').replace(/\s+/g, '');
  if (unit) t = t.replace(new RegExp(`${unit.normalize('NFKC').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), '');
  t = t.replace(/(?<=\d),(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** YYYY-MM-DD from 2023-04-27, 2023/4/27, 2023.4.27 or 2023年4月27日. */
export function readDate(text: string): string {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
}

/** Identifiers: full-width folded, spaces and invisible characters dropped. */
function readToken(text: string, mode: 'upper' | 'plain'): string {
  const t = text.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '');
  return mode === 'upper' ? t.toUpperCase() : t;
}

export function readField(field: FormField, raw: string): Read {
  if (isEmptyAnswer(raw, field)) return EMPTY;
  const text = raw.trim();
  switch (field.valueKind) {
    case 'text': {
      const line = text.replace(/\s*\n\s*/g, ' ');
      return { ok: true, value: field.token ? readToken(line, field.token) : line };
    }
    case 'markdown':
      return { ok: true, value: text };
    case 'number':
    case 'integer': {
      if (field.nullLabel && normalizeLabel(text) === normalizeLabel(field.nullLabel)) return { ok: true, value: null };
      const n = readNumber(text, field.unit);
      // An unreadable number stays text: the schema then says the field wants a number.
      return { ok: true, value: n ?? text };
    }
    case 'date':
      return { ok: true, value: readDate(text) };
    case 'boolean':
    case 'enum': {
      const option = matchOption(text, field.options!);
      if (option) return { ok: true, value: option.value };
      return fail(
        `只能从以下选项中选择一项：${optionsText(field.options!)}。`,
        `must be one of: ${field.options!.map((o) => o.label).join(', ')}.`,
      );
    }
    case 'enum-list': {
      const { values, unknown } = readOptionList(text, field.options!);
      if (unknown > 0) {
        return fail(
          `有不认识的选项，请只从以下选项中选择：${optionsText(field.options!)}。`,
          `has options that are not offered; choose from: ${field.options!.map((o) => o.label).join(', ')}.`,
        );
      }
      return { ok: true, value: values.map((o) => o.value) };
    }
    case 'declaration':
      return { ok: true, value: /^\s*[-*]\s*\[[xX]\]/m.test(text) };
    case 'table': {
      const table = parseTable(unfence(text), field.columns!);
      if (!table.found) {
        return fail(
          `请按表格填写，每行一项，保留表头：${field.columns!.map((c) => c.title).join(' | ')}。`,
          `must be a table, one row per item, keeping the header: ${field.columns!.map((c) => c.title).join(' | ')}.`,
        );
      }
      if (table.problems.length)
        return fail(table.problems.map((p) => p.message).join(''), table.problems.map((p) => p.messageEn).join(' '));
      return { ok: true, value: table.rows };
    }
    case 'sealed':
      return { ok: true, value: `${unfence(text).trim()}\n` };
  }
}

/** Put `value` at a JSON Pointer of known property names, creating the objects on the way. */
export function setAt(record: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1);
  let target = record;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (next && typeof next === 'object' && !Array.isArray(next)) target = next as Record<string, unknown>;
    else target = (target[key] = {}) as Record<string, unknown>;
  }
  target[keys.at(-1)!] = value;
}

export interface Submission {
  record: Record<string, unknown>;
  /** Problems reading the answers (the schema's own problems come later). */
  issues: Issue[];
}

export function readSubmission(form: Form, sections: Map<string, string>): Submission {
  const record: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const field of form.fields) {
    const raw = sections.get(field.id);
    if (raw === undefined) continue;
    const read = readField(field, raw);
    if (!read.ok) {
      issues.push({
        path: field.pointer,
        keyword: 'form',
        params: { field: field.id },
        message: `${fieldLabel(form.kind, field.pointer)}：${read.message}`,
        messageEn: `${fieldLabel(form.kind, field.pointer, 'en')} ${read.messageEn}`,
      });
    } else if (!('empty' in read)) {
      setAt(record, field.pointer, read.value);
    }
  }
  return { record, issues };
}

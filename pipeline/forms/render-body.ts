/**
 * The issue body GitHub would write for a record filled into the form: `### <label>`, a blank
 * line, the answer. The inverse of parse-body + coerce, used by the site's submission
 * helper (the exact text to paste), by tests (round trips) and by the fixtures.
 */
import { NO_RESPONSE } from './coerce.ts';
import { formFor, type FormField, type FormKind } from './form.ts';

function getAt(record: Record<string, unknown>, pointer: string): unknown {
  let v: unknown = record;
  for (const key of pointer.split('/').slice(1))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function cell(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function answerFor(field: FormField, value: unknown): string {
  if (field.valueKind === 'declaration') {
    const label = field.description.replace(/必须勾选。?$/, '').trim();
    return `- [${value === true ? 'X' : ' '}] ${label}`;
  }
  if (value === undefined) return NO_RESPONSE;
  switch (field.valueKind) {
    case 'boolean':
    case 'enum':
      return field.options!.find((o) => o.value === value)?.label ?? String(value);
    case 'enum-list':
      return (value as unknown[]).map((v) => field.options!.find((o) => o.value === v)?.label ?? String(v)).join(', ');
    case 'table': {
      const cols = field.columns!;
      const rows = (value as Array<Record<string, unknown>>).map(
        (r) => `| ${cols.map((c) => cell(r[c.key])).join(' | ')} |`,
      );
      return [`| ${cols.map((c) => c.title).join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`, ...rows].join(
        '\n',
      );
    }
    case 'number':
    case 'integer':
      return value === null ? (field.nullLabel ?? '') : String(value);
    case 'sealed':
      return String(value).trimEnd();
    default:
      return String(value);
  }
}

/** The body for `record` (values in the record's own shape; restricted fields go in `sealed`). */
export function bodyFromRecord(kind: FormKind, record: Record<string, unknown>): string {
  return formFor(kind)
    .fields.map((f) => `### ${f.label}\n\n${answerFor(f, getAt(record, f.pointer))}`)
    .join('\n\n');
}

/**
 * An issue body to a submission: which form it came from, the record its answers make,
 * and the problems found while reading it — before any schema or rule runs. Everything a
 * hostile body can do ends here as an issue with a field and a Chinese sentence.
 */
import { isRestricted, isWithheld } from '../privacy/visibility.ts';
import { fieldLabel } from '../schema/fields.ts';
import type { Issue } from '../domain/issue.ts';
import { readSubmission } from './coerce.ts';
import { FORM_KINDS, formFor, SEALED_ID, type Form } from './form.ts';
import { MAX_BODY_CHARS, normalizeLabel, normalizeNewlines, splitBody } from './parse-body.ts';
import { textSafetyIssues } from './text-safety.ts';

export type ParsedIssue =
  | { ok: true; form: Form; record: Record<string, unknown>; issues: Issue[] }
  /** Not from one of the forms (or too large to be): answered with guidance, nothing read. */
  | { ok: false; reason: 'no-form' | 'too-large' };

/** A body must name at least this many fields of a form to count as filled from it. */
const MIN_FIELDS = 2;

/**
 * The form an issue was filled from: the one whose own headings (those no other form has)
 * the body has most of; the form label on the issue decides between equals (forms share a
 * few labels, such as 企业名称).
 */
export function detectForm(body: string, labels: readonly string[]): Form | undefined {
  const scored = FORM_KINDS.map(formFor).map((form) => {
    const split = splitBody(body, form);
    const distinct = split.found.filter(
      (f) => FORM_KINDS.filter((k) => formFor(k).fields.some((g) => g.label === f.label)).length === 1,
    ).length;
    return { form, found: split.found.length, distinct, labelled: form.labels.some((l) => labels.includes(l)) };
  });
  const candidates = scored.filter((s) => s.found >= MIN_FIELDS);
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.distinct - a.distinct || Number(b.labelled) - Number(a.labelled) || b.found - a.found);
  return candidates[0]!.form;
}

/** Restricted values typed in the clear: each is an issue, and the value is never repeated. */
function cleartextIssues(form: Form, record: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  if (isWithheld(form.kind, record)) {
    const leaked = form.fields.filter(
      (f) => f.id !== SEALED_ID && isRestricted(form.kind, record, f.pointer) && hasValue(record, f.pointer),
    );
    if (leaked.length) {
      issues.push({
        path: '',
        keyword: 'cleartext',
        params: { rule: 'withheld', fields: leaked.map((f) => f.id) },
        message: `${form.kind === 'demand' ? '选择“不公开”的需求' : '对不公开需求的定向揭榜申请'}只能以密封信息提交：请清空${leaked.map((f) => `“${f.label}”`).join('、')}等栏目，把这些内容通过网站的提交助手（或 jiebang seal）加密后放入“密封信息”。本页的修改记录可能仍保留原文，如需删除请联系主管部门。`,
        messageEn: `${form.kind === 'demand' ? 'A non-public demand' : 'A directed application to a non-public demand'} can only be submitted sealed: empty the fields and put them into the sealed data (submission helper or jiebang seal). The issue’s edit history may still hold the text; ask the bureau to delete it.`,
      });
    }
    return issues;
  }
  for (const f of form.fields) {
    if (f.id === SEALED_ID || !hasValue(record, f.pointer) || !isRestricted(form.kind, record, f.pointer)) continue;
    issues.push({
      path: f.pointer,
      keyword: 'cleartext',
      params: { rule: 'restricted' },
      message: `${fieldLabel(form.kind, f.pointer)}：按您的选择，本栏内容不公开，不能在申报表中以明文填写。请清空本栏，并把它放入“密封信息”（网站的提交助手或 jiebang seal 生成）。本页的修改记录可能仍保留原文，如需删除请联系主管部门。`,
      messageEn: `${fieldLabel(form.kind, f.pointer, 'en')} is not public by your choice and must not be typed in the clear; empty it and put it into the sealed data. The issue’s edit history may still hold the text; ask the bureau to delete it.`,
    });
  }
  return issues;
}

/**
 * A restricted field written into the body under its own heading (a hand-made body, or
 * text added to the form): the value is public already, so say so — without repeating it.
 */
function restrictedHeadings(form: Form, body: string): Issue[] {
  const titles = new Set(form.sealedTitles.map((t) => normalizeLabel(t.split(' › ').at(-1)!)));
  const found = new Set<string>();
  for (const line of normalizeNewlines(body).split('\n')) {
    const m = /^ {0,3}#{1,6}[ \t\u3000]+(.*?)[ \t\u3000#]*$/.exec(line);
    const title = m ? normalizeLabel(m[1]!) : undefined;
    if (title && titles.has(title)) found.add(title);
  }
  if (found.size === 0) return [];
  const list = [...found].map((t) => `“${t}”`).join('、');
  return [
    {
      path: '',
      keyword: 'cleartext',
      params: { rule: 'restricted-heading' },
      message: `申报表中以明文写了${list}：这些是受限信息，不能出现在公开的申报表里。请删除这些内容，改用网站的提交助手（或 jiebang seal）把它们加密后放入“密封信息”。本页的修改记录可能仍保留原文，如需删除请联系主管部门。`,
      messageEn:
        'The issue holds restricted fields in the clear; remove them and seal them instead. The edit history may still hold the text; ask the bureau to delete it.',
    },
  ];
}

function hasValue(record: Record<string, unknown>, pointer: string): boolean {
  let v: unknown = record;
  for (const k of pointer.split('/').slice(1))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v !== undefined;
}

export function parseIssueBody(body: string, labels: readonly string[] = [], form?: Form): ParsedIssue {
  if (body.length > MAX_BODY_CHARS) return { ok: false, reason: 'too-large' };
  const chosen = form ?? detectForm(body, labels);
  if (!chosen) return { ok: false, reason: 'no-form' };
  const split = splitBody(body, chosen);
  const { record, issues } = readSubmission(chosen, split.sections);
  const multiline = new Set(
    chosen.fields.filter((f) => f.valueKind === 'markdown' || f.valueKind === 'sealed').map((f) => f.pointer),
  );
  const isMultiline = (p: string) => multiline.has(p);
  return {
    ok: true,
    form: chosen,
    record,
    issues: [
      ...restrictedHeadings(chosen, body),
      ...issues,
      ...textSafetyIssues(chosen.kind, record, isMultiline),
      ...cleartextIssues(chosen, record),
    ],
  };
}

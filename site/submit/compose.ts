/**
 * From the helper's answers to what the submitter takes away, with the pipeline's own code
 * at every step (no second copy of a rule): answers are read as the intake reads an issue
 * (coerce.ts), checked by validateSubmission (schema + the programme's rules, SME size
 * included while the figures are still in the clear) and the text-safety rules, sealed by
 * seal/seal.ts (visibility decides what), rendered as the exact issue body (render-body.ts),
 * and read back by the intake's parser as a self-check. Pure: runs in the browser and in
 * tests alike; it sends nothing anywhere.
 */
import { NO_RESPONSE, readSubmission } from '../../pipeline/forms/coerce.ts';
import { answerFor, bodyFromRecord } from '../../pipeline/forms/render-body.ts';
import { parseIssueBody } from '../../pipeline/forms/submission.ts';
import { textSafetyIssues } from '../../pipeline/forms/text-safety.ts';
import { validateSubmission } from '../../pipeline/forms/validate-submission.ts';
import { recipientsFromLists } from '../../pipeline/seal/recipients.ts';
import { seal } from '../../pipeline/seal/seal.ts';
import type { Issue } from '../../pipeline/domain/issue.ts';
import { allFieldsForm, type HelperForm } from './model.ts';
import { largeEnterpriseIssue } from './size.ts';
import { FORGE_BODY_LIMIT } from '../../pipeline/forms/parse-body.ts';

/** Answers by form-field id, as text in the shape an issue body carries them. */
export type Answers = Record<string, string>;

export type Composed =
  | { ok: false; issues: Issue[] }
  | { ok: true; record: Record<string, unknown>; sealed: Record<string, unknown>; body: string; url: string; unfilled: string[] };

/** Longer links are refused by forges and browsers alike; the rest is pasted from the body. */
export const MAX_URL = 8000;

/** Read and check the answers: the record they make and every problem, as the intake would say it. */
export function readAnswers(h: HelperForm, answers: Answers): { record: Record<string, unknown>; issues: Issue[] } {
  const form = allFieldsForm(h);
  const sections = new Map(Object.entries(answers).filter(([, v]) => v.trim() !== ''));
  const { record, issues } = readSubmission(form, sections);
  const multiline = new Set(form.fields.filter((f) => f.valueKind === 'markdown').map((f) => f.pointer));
  const safety = textSafetyIssues(h.form.kind, record, (p) => multiline.has(p));
  const all = [...issues, ...safety];
  return { record, issues: [...all, ...validateSubmission(h.form.kind, record, all)] };
}

const valueAt = (record: Record<string, unknown>, pointer: string): unknown =>
  pointer.split('/').slice(1).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);

/** A title that says what the issue is without a restricted value (it is read from the sealed record). */
function issueTitle(h: HelperForm, sealed: Record<string, unknown>): string {
  const pick = ['/title', '/demandId', '/applicant/name', '/name'].map((p) => valueAt(sealed, p)).filter((v): v is string => typeof v === 'string');
  return `${h.form.title}${pick.slice(0, 2).join(' ')}`;
}

/** The "new issue" link with the form chosen and every answer that fits prefilled. */
export function prefillUrl(h: HelperForm, newIssueUrl: string, sealed: Record<string, unknown>): { url: string; unfilled: string[] } {
  const params = new URLSearchParams({ template: `${h.form.template}.yml`, title: issueTitle(h, sealed) });
  const unfilled: string[] = [];
  for (const field of h.form.fields) {
    const answer = answerFor(field, valueAt(sealed, field.pointer));
    if (answer === NO_RESPONSE || (field.valueKind === 'declaration' && sealed && valueAt(sealed, field.pointer) !== true)) continue;
    const next = new URLSearchParams(params);
    next.set(field.id, field.valueKind === 'declaration' ? 'true' : answer);
    if (`${newIssueUrl}?${next}`.length > MAX_URL) { unfilled.push(field.label); continue; }
    params.set(field.id, field.valueKind === 'declaration' ? 'true' : answer);
  }
  return { url: `${newIssueUrl}?${params}`, unfilled };
}

/** Who a record is sealed to: the officers, and for an application its demand's issuer representatives. */
export interface Recipients {
  officers: readonly string[];
  issuersByDemand?: Readonly<Record<string, readonly string[]>>;
}

export async function compose(h: HelperForm, answers: Answers, recipients: Recipients, newIssueUrl: string): Promise<Composed> {
  const { record, issues } = readAnswers(h, answers);
  if (issues.length) return { ok: false, issues };
  // A large enterprise cannot take part: say so, and generate nothing.
  const large = h.form.kind === 'enterprise' ? largeEnterpriseIssue(record) : undefined;
  if (large) return { ok: false, issues: [large] };
  const sealed = await seal(h.form.kind, record, recipientsFromLists(recipients.officers, recipients.issuersByDemand, h.form.kind, record));
  const body = bodyFromRecord(h.form.kind, sealed);
  if (body.length > FORGE_BODY_LIMIT) {
    const over = body.length - FORGE_BODY_LIMIT;
    return { ok: false, issues: [{
      path: '', keyword: 'size', params: { limit: FORGE_BODY_LIMIT, length: body.length },
      message: `加密后的申报内容共 ${body.length} 个字符，超过在线申报表 ${FORGE_BODY_LIMIT} 个字符的上限 ${over} 个字符。请精简篇幅较长的部分（约减少 ${Math.ceil(over / 1.2)} 字）后再生成，或联系主管部门。`,
      messageEn: `Sealed, the submission is ${body.length} characters, ${over} over the online form's limit of ${FORGE_BODY_LIMIT}. Shorten the longest parts (by about ${Math.ceil(over / 1.2)} characters) and generate again, or contact the bureau.`,
    }] };
  }
  // Self-check: the intake must read back exactly what was composed.
  const back = parseIssueBody(body, h.form.labels, h.form);
  if (!back.ok || back.issues.length) {
    throw new Error(`the composed issue body does not read back: ${back.ok ? back.issues.map((i) => i.messageEn).join('; ') : back.reason}`);
  }
  return { ok: true, record, sealed, body, ...prefillUrl(h, newIssueUrl, sealed) };
}

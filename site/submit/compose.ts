/**
 * From the helper's answers to what the submitter takes away, with the pipeline's own code
 * at every step (no second copy of a rule): answers are read as the intake reads an issue
 * (coerce.ts), checked by validateSubmission (schema + the programme's rules, SME size
 * included while the figures are still in the clear) and the text-safety rules, sealed by
 * seal/seal.ts (visibility decides what), rendered as the exact issue body (render-body.ts),
 * and read back by the intake's parser as a self-check. Pure: runs in the browser and in
 * tests alike; it sends nothing anywhere.
 */
import type { Issue } from '../../pipeline/face/core.ts';
import {
  attachmentName,
  attachmentReference,
  resolveSealedAttachment,
  SEALED_ATTACHMENT,
  sha256Hex,
} from '../../pipeline/face/browser.ts';
import {
  NO_RESPONSE,
  readSubmission,
  answerFor,
  bodyFromRecord,
  parseIssueBody,
  textSafetyIssues,
  validateSubmission,
  seal,
  FORGE_BODY_LIMIT,
} from '../../pipeline/face/browser.ts';
import { recipientsFromLists } from '../../pipeline/face/core.ts';
import { allFieldsForm, type HelperForm } from './model.ts';
import { largeEnterpriseIssue } from './size.ts';

/** Answers by form-field id, as text in the shape an issue body carries them. */
export type Answers = Record<string, string>;

export type Composed =
  | { ok: false; issues: Issue[] }
  | {
      ok: true;
      record: Record<string, unknown>;
      sealed: Record<string, unknown>;
      body: string;
      url: string;
      unfilled: string[];
      attachment?: SealedFile;
    };

/** The sealed part as a file to attach, when the body could not carry it (docs/intake.md, “Size”). */
export interface SealedFile {
  name: string;
  text: string;
  sha256: string;
}

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
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);

/** A title that says what the issue is without a restricted value (it is read from the sealed record). */
function issueTitle(h: HelperForm, sealed: Record<string, unknown>): string {
  const pick = ['/title', '/demandId', '/applicant/name', '/name']
    .map((p) => valueAt(sealed, p))
    .filter((v): v is string => typeof v === 'string');
  return `${h.form.title}${pick.slice(0, 2).join(' ')}`;
}

/** The "new issue" link with the form chosen and every answer that fits prefilled. */
export function prefillUrl(
  h: HelperForm,
  newIssueUrl: string,
  sealed: Record<string, unknown>,
): { url: string; unfilled: string[] } {
  const params = new URLSearchParams({ template: `${h.form.template}.yml`, title: issueTitle(h, sealed) });
  const unfilled: string[] = [];
  for (const field of h.form.fields) {
    const answer = answerFor(field, valueAt(sealed, field.pointer));
    if (
      answer === NO_RESPONSE ||
      (field.valueKind === 'declaration' && sealed && valueAt(sealed, field.pointer) !== true)
    )
      continue;
    const next = new URLSearchParams(params);
    next.set(field.id, field.valueKind === 'declaration' ? 'true' : answer);
    if (`${newIssueUrl}?${next}`.length > MAX_URL) {
      unfilled.push(field.label);
      continue;
    }
    params.set(field.id, field.valueKind === 'declaration' ? 'true' : answer);
  }
  return { url: `${newIssueUrl}?${params}`, unfilled };
}

/** Who a record is sealed to: the officers, and for an application its demand's issuer representatives. */
export interface Recipients {
  officers: readonly string[];
  issuersByDemand?: Readonly<Record<string, readonly string[]>>;
}

export async function compose(
  h: HelperForm,
  answers: Answers,
  recipients: Recipients,
  newIssueUrl: string,
): Promise<Composed> {
  const { record, issues } = readAnswers(h, answers);
  if (issues.length) return { ok: false, issues };
  // A large enterprise cannot take part: say so, and generate nothing.
  const large = h.form.kind === 'enterprise' ? largeEnterpriseIssue(record) : undefined;
  if (large) return { ok: false, issues: [large] };
  const sealed = await seal(
    h.form.kind,
    record,
    recipientsFromLists(recipients.officers, recipients.issuersByDemand, h.form.kind, record),
  );
  const inline = bodyFromRecord(h.form.kind, sealed);
  // Too long for the body even compressed: the blob becomes a file the submitter attaches,
  // and the body's 密封信息 names its hash (pipeline/intake/sealed-attachment.ts).
  const attachment = inline.length > FORGE_BODY_LIMIT ? await sealedFile(String(sealed.sealed)) : undefined;
  if (attachment && attachment.text.length > SEALED_ATTACHMENT.maxBytes) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          keyword: 'size',
          params: { limit: SEALED_ATTACHMENT.maxBytes, length: attachment.text.length },
          message: `加密后的申报内容共 ${attachment.text.length} 个字符，超过密封附件 ${SEALED_ATTACHMENT.maxBytes} 个字符的上限。请精简篇幅较长的部分后再生成，或联系主管部门。`,
          messageEn: `Sealed, the submission is ${attachment.text.length} characters, over the sealed file's limit of ${SEALED_ATTACHMENT.maxBytes}. Shorten the longest parts and generate again, or contact the bureau.`,
        },
      ],
    };
  }
  const carried = attachment ? { ...sealed, sealed: attachmentReference(attachment.sha256) } : sealed;
  const body = attachment ? bodyFromRecord(h.form.kind, carried) : inline;
  if (body.length > FORGE_BODY_LIMIT) {
    const over = body.length - FORGE_BODY_LIMIT;
    return {
      ok: false,
      issues: [
        {
          path: '',
          keyword: 'size',
          params: { limit: FORGE_BODY_LIMIT, length: body.length },
          message: `申报内容共 ${body.length} 个字符，超过在线申报表 ${FORGE_BODY_LIMIT} 个字符的上限 ${over} 个字符。请精简篇幅较长的部分（约减少 ${over} 字）后再生成，或联系主管部门。`,
          messageEn: `The submission is ${body.length} characters, ${over} over the online form's limit of ${FORGE_BODY_LIMIT}. Shorten the longest parts (by about ${over} characters) and generate again, or contact the bureau.`,
        },
      ],
    };
  }
  // Self-check: the intake must read back exactly what was composed (an attached file as
  // the intake will fetch it, once the forge has put its link in the field).
  const back = parseIssueBody(attachment ? withDroppedLink(body, attachment) : body, h.form.labels, h.form);
  if (!back.ok || back.issues.length) {
    throw new Error(
      `the composed issue body does not read back: ${back.ok ? back.issues.map((i) => i.messageEn).join('; ') : back.reason}`,
    );
  }
  if (attachment) {
    const bytes = new TextEncoder().encode(attachment.text);
    const resolved = await resolveSealedAttachment(back.record.sealed, async () => ({ ok: true, bytes }));
    if (resolved.kind !== 'attached' || resolved.armor !== sealed.sealed)
      throw new Error(
        `the sealed file does not read back: ${resolved.kind === 'refused' ? resolved.messageEn : resolved.kind}`,
      );
  }
  return {
    ok: true,
    record,
    sealed,
    body,
    ...prefillUrl(h, newIssueUrl, carried),
    ...(attachment ? { attachment } : {}),
  };
}

async function sealedFile(armor: string): Promise<SealedFile> {
  const sha256 = await sha256Hex(new TextEncoder().encode(armor));
  return { name: attachmentName(sha256), text: armor, sha256 };
}

/** The body as it reads once the file is dropped into the 密封信息 field (the forge appends its link). */
export function withDroppedLink(
  body: string,
  file: SealedFile,
  link = `https://github.com/user-attachments/files/1/${file.name}`,
): string {
  const ref = attachmentReference(file.sha256);
  return body.replace(ref, `${ref}\n[${file.name}](${link})`);
}

/**
 * What only the key can check, answered in the intake's own comment: where an officer's key
 * is (a trusted job after the intake, never pull-request code), the issue's sealed part is
 * opened in memory (inline or as its verified attachment, sealed-attachment.ts) and checked
 * with the intake's own validation; the result becomes one section of the intake comment,
 * between markers, so a later intake answer replaces the comment and a later check its
 * section. Public: it names the field and the rule, never a value (messages are redacted),
 * and never the size class (sme-size is left to the officers' review, as every forge
 * answer does — docs/security.md, “What an operator should know”).
 */
import type { Forge } from '../forge/types.ts';
import { isRestricted } from '../privacy/visibility.ts';
import { redactIssues } from '../seal/cleartext.ts';
import { SealError, unseal } from '../seal/seal.ts';
import type { Issue } from '../domain/issue.ts';
import { INTAKE_MARKER } from './comment.ts';
import { resolveSealedAttachment } from './sealed-attachment.ts';
import { parseIssueBody } from '../forms/submission.ts';
import { validateSubmission } from '../forms/validate-submission.ts';

export const SEALED_CHECK_BEGIN = '<!-- jiebang:sealed-check -->';
export const SEALED_CHECK_END = '<!-- /jiebang:sealed-check -->';

export type SealedCheck =
  { state: 'none' } | { state: 'unopened'; message: string } | { state: 'checked'; issues: Issue[] };

/** Open the sealed part of an issue body with `identities` and check it as the intake would with the key. */
export async function checkSealedPart(
  body: string,
  labels: readonly string[],
  identities: readonly string[],
  fetch?: Forge['fetchAttachment'],
): Promise<SealedCheck> {
  const parsed = parseIssueBody(body, [...labels]);
  if (!parsed.ok || typeof parsed.record.sealed !== 'string') return { state: 'none' };
  const kind = parsed.form.kind;
  const resolved = await resolveSealedAttachment(parsed.record.sealed, fetch);
  if (resolved.kind === 'refused') return { state: 'none' }; // the intake has answered that already
  const record = { ...parsed.record, ...(resolved.kind === 'attached' ? { sealed: resolved.armor } : {}) };
  try {
    const opened = await unseal(kind, record, identities);
    const own = validateSubmission(kind, opened.record, []).filter(
      (i) => i.path !== '' && isRestricted(kind, opened.record, i.path) && i.keyword !== 'sme-size',
    );
    return { state: 'checked', issues: redactIssues(kind, opened.record, own) };
  } catch (e) {
    if (e instanceof SealError) return { state: 'unopened', message: e.message };
    throw e;
  }
}

export function renderSealedSection(check: Exclude<SealedCheck, { state: 'none' }>): string {
  const lines = [SEALED_CHECK_BEGIN, '### 密封部分的检查', ''];
  if (check.state === 'unopened') {
    lines.push(
      `主管部门的密钥无法打开本议题的密封信息：${check.message}`,
      '',
      '请用网站上的提交助手重新生成密封信息后编辑议题。',
    );
  } else if (check.issues.length === 0) {
    lines.push('✅ 主管部门的密钥已在受信任的环境中打开密封信息并检查，密封部分符合要求（内容不在此公开）。');
  } else {
    lines.push('主管部门的密钥已在受信任的环境中打开密封信息并检查（内容不在此公开），密封部分有以下问题：', '');
    for (const i of check.issues) lines.push(`- ${i.message}`);
    lines.push('', '请在提交助手中改正上述栏目，重新生成密封信息，替换本议题的“密封信息”一栏。');
  }
  lines.push(SEALED_CHECK_END);
  return lines.join('\n');
}

/** The intake comment with its sealed-check section put in (replacing an earlier one). */
export function withSealedSection(comment: string, section: string): string {
  const start = comment.indexOf(SEALED_CHECK_BEGIN);
  const end = comment.indexOf(SEALED_CHECK_END);
  const base =
    start >= 0 && end > start
      ? `${comment.slice(0, start).trimEnd()}${comment.slice(end + SEALED_CHECK_END.length)}`
      : comment;
  return `${base.trimEnd()}\n\n${section}\n`;
}

/**
 * Check an issue's sealed part and answer in its intake comment. Nothing is answered when the
 * issue carries nothing sealed or the intake has not answered yet (its answer comes first).
 */
export async function answerSealedPart(
  forge: Forge,
  issue: number,
  body: string,
  labels: readonly string[],
  identities: readonly string[],
): Promise<SealedCheck> {
  const check = await checkSealedPart(body, labels, identities, forge.fetchAttachment?.bind(forge));
  if (check.state === 'none') return check;
  const intake = (await forge.listComments(issue)).findLast((c) => c.body.includes(INTAKE_MARKER) && c.isBot);
  if (!intake) return { state: 'none' };
  await forge.upsertComment(issue, INTAKE_MARKER, withSealedSection(intake.body, renderSealedSection(check)));
  return check;
}

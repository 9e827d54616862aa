/**
 * The schema and the programme's rules on a submission (validateRecord), minus what does
 * not apply yet or was already said: fields the pipeline sets (id, round) while it could
 * not set them, and problems at a field the reading step already reported.
 */
import { isRestricted } from '../privacy/visibility.ts';
import { fieldAt, fieldLabel } from '../schema/fields.ts';
import type { Issue } from '../domain/issue.ts';
import { validateRecord } from '../validate/index.ts';
import type { FormKind } from './form.ts';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function validateSubmission(
  kind: FormKind,
  record: Record<string, unknown>,
  alreadySaid: readonly Issue[],
): Issue[] {
  const said = alreadySaid.map((i) => i.path).filter((p) => p !== '');
  return validateRecord(kind, record).filter((i) => {
    if (said.some((p) => under(i.path, p))) return false;
    return !(i.keyword === 'required' && fieldAt(kind, i.path)?.node['x-source'] === 'pipeline');
  });
}

/**
 * On an issue, required restricted fields can only arrive inside the sealed data: when there
 * is none, one problem at 密封信息 naming what it must carry, instead of one per field the
 * form never showed.
 */
export function sealedMissing(kind: FormKind, record: Record<string, unknown>, issues: readonly Issue[]): Issue[] {
  if (typeof record.sealed === 'string') return [...issues];
  const missing = issues.filter(
    (i) => i.keyword === 'required' && i.path !== '/sealed' && i.path !== '' && isRestricted(kind, record, i.path),
  );
  if (missing.length === 0) return [...issues];
  const names = missing.map((i) => `“${fieldLabel(kind, i.path).split(' › ').at(-1)}”`).join('、');
  const namesEn = missing.map((i) => fieldLabel(kind, i.path, 'en').split(' › ').at(-1)).join(', ');
  return [
    ...issues.filter((i) => !missing.includes(i)),
    {
      path: '/sealed',
      keyword: 'required',
      params: { missingProperty: 'sealed', fields: missing.map((i) => i.path) },
      message: `密封信息：为必填项。${names}只有主管部门和发榜企业能看到，只能加密提交：请在网站的提交助手中填写，生成密封信息后粘贴到本栏。`,
      messageEn: `Sealed data: required. ${namesEn} are read only by the bureau and the issuer and can only be submitted sealed: fill them in the site's submission helper and paste the sealed data it makes here.`,
    },
  ];
}

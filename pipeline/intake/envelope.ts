/**
 * The sealed envelope, checked without the key: a blob must be sealed to everyone entitled
 * to read it at the event time — for an application, the officers and its demand's issuer
 * representatives (seal/recipients.ts). A blob sealed to fewer (an old helper page, a
 * hand-made one) would leave someone unable to read what was sent to them. Its shape
 * (armor, stanzas, MAC) is the schema's `sealed` rule.
 */
import type { Officers } from '../generated/types.ts';
import { inspectSealed } from '../rules/sealed-blob.ts';
import { recipientsFor } from '../seal/recipients.ts';
import type { Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';

export function envelopeIssues(
  kind: Kind,
  record: Record<string, unknown>,
  officers: Officers | undefined,
  now: Date,
): Issue[] {
  if (typeof record.sealed !== 'string') return [];
  const expected = recipientsFor(officers, kind, record, now).length;
  if (expected === 0) return [];
  const shape = inspectSealed(record.sealed);
  if (!shape.ok || shape.recipients === expected) return [];
  const who = kind === 'application' ? '主管部门经办人员和该需求的发榜企业代表' : '主管部门经办人员';
  const whoEn = kind === 'application' ? "the officers and the demand's issuer representatives" : 'the officers';
  return [
    {
      path: '/sealed',
      keyword: 'sealed',
      params: { rule: 'count', recipients: shape.recipients, expected },
      message: `密封信息：加密给了 ${shape.recipients} 个公钥，而应加密给 ${expected} 个（${who}），有人将无法阅读。请用网站上的提交助手重新生成后替换本栏。`,
      messageEn: `Sealed data: encrypted to ${shape.recipients} key(s) instead of the ${expected} of ${whoEn}; someone could not read it. Generate it again with the site's submission helper and replace this field.`,
    },
  ];
}

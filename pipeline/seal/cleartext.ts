/**
 * Restricted values in the clear where they must be sealed: in a record arriving through a
 * public channel (an issue, a pull request to a public repository, a file at rest when
 * site.yml says `privacy.sealAtRest`). One issue per field, named by its title; the value
 * itself is never repeated — the message may be posted publicly.
 *
 * And the converse for where values are legitimately in the clear but messages may still
 * be published (a CI log): `redactIssues` takes restricted values out of rule messages
 * that quote what they check (a malformed phone number, say).
 */
import type { Site } from '../generated/types.ts';
import { isWithheld, restrictedFields, restrictedValues, sealAtRest } from '../privacy/visibility.ts';
import { fieldLabel } from '../schema/fields.ts';
import { SCHEMAS, type Kind } from '../schema/registry.ts';
import type { Issue } from '../domain/issue.ts';

/**
 * Records written once and chained by the digest of their bytes (the ledger): sealed only as
 * they are appended (review/seal-act.ts), never sealed, resealed or checked for cleartext after.
 */
export const APPEND_ONLY: readonly Kind[] = ['decision'];

/** The kinds whose schema has a `sealed` property and that people seal: records that carry restricted data sealed. */
export const SEALABLE_KINDS: readonly Kind[] = (Object.keys(SCHEMAS) as Kind[]).filter(
  (k) => SCHEMAS[k].properties?.sealed && !APPEND_ONLY.includes(k),
);

export function cleartextIssues(kind: Kind, record: Record<string, unknown>): Issue[] {
  if (!SEALABLE_KINDS.includes(kind)) return [];
  // A non-public demand seals nearly everything, which one sentence says best; a record about
  // one (a directed application) keeps the fields that file it, and gets the usual sentence.
  const withheld = kind === 'demand' && isWithheld(kind, record);
  return Object.keys(restrictedFields(kind, record)).map((path) => ({
    path,
    keyword: 'cleartext',
    params: { rule: withheld ? 'withheld' : 'restricted' },
    message: withheld
      ? `${fieldLabel(kind, path)}：不公开的需求除编号、批次和公开选项外，全部内容都只能密封存放，不能以明文出现在公开的议题、合并请求或仓库中。请用网站上的提交助手或 jiebang seal 密封后再提交。`
      : `${fieldLabel(kind, path)}：本栏是受限信息，不能以明文出现在公开的议题、合并请求或仓库中。请删除明文，用网站上的提交助手或 jiebang seal 把它密封后再提交。`,
    messageEn: withheld
      ? `${fieldLabel(kind, path, 'en')}: a non-public demand keeps everything but its number, round and choices sealed; it must not appear in the clear in a public issue, pull request or repository. Seal it with the submission helper or jiebang seal.`
      : `${fieldLabel(kind, path, 'en')} is restricted and must not appear in the clear in a public issue, pull request or repository. Remove it and seal it with the submission helper or jiebang seal.`,
  }));
}

const MASK = '＊＊＊';

/** The issues with every restricted value of the record masked in their messages. */
export function redactIssues(kind: Kind, record: Record<string, unknown>, issues: Issue[]): Issue[] {
  // Short numbers (a head count of 12) would mask every "12" in a message; three digits up are kept out.
  const values = [
    ...new Set(
      restrictedValues(kind, record)
        .filter((v) => String(v.value).trim().length >= (typeof v.value === 'number' ? 3 : 2))
        .map((v) => String(v.value).trim()),
    ),
  ].sort((a, b) => b.length - a.length);
  if (values.length === 0) return issues;
  const mask = (text: string) => values.reduce((t, v) => t.split(v).join(MASK), text);
  return issues.map((i) => ({
    ...i,
    message: mask(i.message),
    messageEn: mask(i.messageEn),
    params: redactParams(i.params, values),
  }));
}

function redactParams(params: Record<string, unknown>, values: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params))
    out[k] = typeof v === 'string' && values.some((s) => v.includes(s)) ? MASK : v;
  return out;
}

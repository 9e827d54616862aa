/**
 * An 对接表 (enterprise profile) from an issue: keyed by its 统一社会信用代码, registered once
 * (a second issue for the same enterprise is refused; the issue it came from may update it,
 * never switch it to another code). No ledger: a profile has no states.
 */
import type { Issue } from '../domain/issue.ts';
import { validateSubmission } from '../forms/validate-submission.ts';
import { asLoaded } from './check.ts';
import { entryPath, type ContentReader } from './content.ts';
import { formLabel, REGISTERED } from './labels.ts';
import { invalid, type Decided, type Env } from './issue-decision.ts';
import { USCC_SHAPE } from '../domain/ids.ts';

export async function decideEnterprise(
  env: Env,
  submitted: Record<string, unknown>,
  readIssues: Issue[],
  reader: ContentReader,
): Promise<Decided> {
  const paths = await reader.paths();
  const uscc = typeof submitted.uscc === 'string' && USCC_SHAPE.test(submitted.uscc) ? submitted.uscc : undefined;
  const issues: Issue[] = [...readIssues, ...validateSubmission('enterprise', submitted, readIssues)];
  const claimed = env.claimed && USCC_SHAPE.test(env.claimed) ? env.claimed : undefined;
  if (uscc && claimed && claimed !== uscc) {
    issues.push({
      path: '/uscc',
      keyword: 'intake',
      params: { rule: 'uscc-changed' },
      message: `统一社会信用代码：本对接表已登记为 ${claimed}，不能改为其他企业；如需登记其他企业，请另行在线填写一份对接表。`,
      messageEn: `This issue registered ${claimed}; register another enterprise in a new issue.`,
    });
  } else if (uscc && !claimed && paths.includes(entryPath('enterprise', uscc))) {
    issues.push({
      path: '/uscc',
      keyword: 'intake',
      params: { rule: 'profile-exists' },
      message: '统一社会信用代码：该企业已经登记过对接表。如需更新，请修改当初提交的对接表，或联系主管部门。',
      messageEn: 'This enterprise already has a profile; edit the issue it came from, or contact the bureau.',
    });
  }
  if (issues.length || !uscc) return invalid(env, 'enterprise', issues, claimed);
  const path = entryPath('enterprise', uscc);
  const loaded = asLoaded('enterprise', path, submitted);
  const text = new TextDecoder().decode(loaded.bytes);
  return {
    verdict: 'valid',
    kind: 'enterprise',
    id: uscc,
    record: submitted,
    entry: { path, content: text },
    ...(claimed ? { update: 'updated' as const } : {}),
    notes: [],
    labels: [formLabel('enterprise'), REGISTERED],
  };
}

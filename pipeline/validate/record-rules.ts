/**
 * Rules on a record as a whole (after its single values): the ones that relate two of its
 * fields. Each returns issues with their own paths.
 */
import type { Kind } from '../schema/registry.ts';
import { checkIndustryConsistency, classify } from '../rules/sme-size.ts';
import type { RuleResult } from '../domain/issue.ts';

type RecordRule = (record: Record<string, unknown>) => RuleResult;

/** An enterprise's industry code must agree with its size-standard row, and the row's indicators must be there. */
const enterpriseIndustry: RecordRule = (r) => {
  const industry = r.industry as { code?: unknown; sizeRow?: unknown } | undefined;
  if (typeof industry?.code !== 'string' || typeof industry.sizeRow !== 'string') return [];
  const out: RuleResult = checkIndustryConsistency(industry.code, industry.sizeRow).map((i) => ({
    ...i,
    path: '/industry/sizeRow',
  }));
  if (typeof r.sealed === 'string') return out; // the figures are sealed: size is checked where the key is
  const size = classify({
    row: industry.sizeRow as never,
    employees: r.employees as number | undefined,
    revenue: r.revenueLastYear as number | undefined,
    assets: r.totalAssets as number | undefined,
  });
  if (!size.ok) out.push(...size.issues.map((i) => ({ ...i, path: i.path ?? '' })));
  return out;
};

export const RECORD_RULES: Partial<Record<Kind, RecordRule[]>> = {
  enterprise: [enterpriseIndustry],
};

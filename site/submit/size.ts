/**
 * The 对接表 helper's answer to “may we take part?”: the size class under the 2011 SME size
 * standard (pipeline/rules/sme-size.ts, the intake's own rule), computed from the industry
 * row and the figures as soon as they are filled in — before anything is sealed.
 */
import { classify, INDICATORS, indicatorsOf, STANDARD, type Issue } from '../../pipeline/face/core.ts';

const SIZE_ZH = { large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业' } as const;
const SIZE_EN = {
  large: 'a large enterprise',
  medium: 'a medium enterprise',
  small: 'a small enterprise',
  micro: 'a micro enterprise',
} as const;

export type SizeVerdict = { state: 'incomplete' } | { state: 'sme' | 'large'; message: string; messageEn: string };

/** The verdict for an enterprise profile's record (figures still in the clear). */
export function sizeVerdict(record: Record<string, unknown>): SizeVerdict {
  const row = (record.industry as { sizeRow?: string } | undefined)?.sizeRow;
  if (!row) return { state: 'incomplete' };
  const c = classify({
    row,
    employees: record.employees as number | undefined,
    revenue: record.revenueLastYear as number | undefined,
    assets: record.totalAssets as number | undefined,
  });
  if (!c.ok) return { state: 'incomplete' };
  if (c.sme) {
    return {
      state: 'sme',
      message: `按《中小企业划型标准规定》（工信部联企业〔2011〕300号），“${c.industry}”行业中，贵企业属于${SIZE_ZH[c.size]}，可以参加揭榜。`,
      messageEn: `Under the ${STANDARD} SME size standard (row “${c.industry}”), the enterprise is ${SIZE_EN[c.size]} and may take part.`,
    };
  }
  return {
    state: 'large',
    message: `按《中小企业划型标准规定》（工信部联企业〔2011〕300号），“${c.industry}”行业中，按所填${indicatorsOf(
      c.row,
    )
      .map((i) => INDICATORS[i].zh)
      .join(
        '、',
      )}，贵企业属于大型企业，不能参加揭榜（本活动只面向中小企业；大型企业可以发榜）。如数据填错，请改正后再检查。`,
    messageEn: `Under the ${STANDARD} SME size standard (row “${c.industry}”), the figures given make the enterprise a large enterprise, which cannot apply (the programme is for SMEs; large enterprises may post demands). If a figure is wrong, correct it and check again.`,
  };
}

/** A large enterprise's profile as a problem the helper shows instead of generating anything. */
export function largeEnterpriseIssue(record: Record<string, unknown>): Issue | undefined {
  const v = sizeVerdict(record);
  if (v.state !== 'large') return undefined;
  return {
    path: '/employees',
    keyword: 'sme-size',
    params: { rule: 'large', standard: STANDARD },
    message: v.message,
    messageEn: v.messageEn,
  };
}

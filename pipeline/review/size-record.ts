/**
 * The applicant's size as the bureau's 初审 records it (decision field `size`): computed
 * from the profile on the branch with the same rule the intake applies, so the record says
 * which standard, which row and which figures the result came from. Figures the pipeline
 * cannot read (a sealed profile) and industries the 2011-300 table does not size are
 * recorded as such, for the bureau to decide: never a guess.
 */
import type { Catalog } from '../content/catalog.ts';
import type { Decision } from '../generated/types.ts';
import { classify, STANDARD, type Figures } from '../rules/sme-size.ts';

export type SizeRecord = NonNullable<Decision['size']>;

export function sizeRecord(applicantUscc: unknown, catalog: Catalog): SizeRecord | undefined {
  const profile = typeof applicantUscc === 'string' ? catalog.enterprises.get(applicantUscc) : undefined;
  if (!profile) return undefined;
  const row = profile.industry?.sizeRow as SizeRecord['row'];
  if (typeof profile.sealed === 'string' && profile.employees === undefined)
    return { standard: STANDARD, ...(row ? { row } : {}), result: 'sealed' };
  const figures: Figures = {
    row: row ?? '',
    employees: profile.employees,
    revenue: profile.revenueLastYear,
    assets: profile.totalAssets,
  };
  const c = classify(figures);
  if (c.referral) return { standard: c.referral.standard as SizeRecord['standard'], row, result: 'referred' };
  if (!c.ok) return undefined; // the profile is invalid: the act is refused on its validation before this matters
  return { standard: c.standard, row: c.row, result: c.size, ...c.figures };
}

const RESULT_ZH: Record<SizeRecord['result'], string> = {
  micro: '微型企业',
  small: '小型企业',
  medium: '中型企业',
  large: '大型企业',
  referred: '由主管部门核定',
  sealed: '数据已密封，由主管部门核定',
};
const RESULT_EN: Record<SizeRecord['result'], string> = {
  micro: 'micro',
  small: 'small',
  medium: 'medium-sized',
  large: 'large',
  referred: 'referred to the bureau',
  sealed: 'figures sealed; the bureau decides',
};
const STANDARD_ZH: Record<SizeRecord['standard'], string> = {
  '2011-300': '《中小企业划型标准规定》（工信部联企业〔2011〕300号）',
  '银发〔2015〕309号': '《金融业企业划型标准规定》（银发〔2015〕309号）',
};

/** One line for the officer's answer: the result and the standard, without the figures (they are restricted). */
/**
 * The size line of an answer. `inPublic` (an answer on the forge, which anyone can read): the
 * class rests on the applicant's restricted figures, so it says only that the size was judged
 * and where the result is kept; on the officer's own machine (jiebang decide) it names the class.
 */
export function sizeLine(s: SizeRecord, lang: 'zh' | 'en', inPublic = false): string {
  if (inPublic) {
    return lang === 'zh'
      ? `企业规模已按${STANDARD_ZH[s.standard]}核定，结果和所用数据记入审核台账，不在公开答复中说明。`
      : `The size class was judged under standard ${s.standard}; the result and the figures used are in the ledger entry, not in a public answer.`;
  }
  return lang === 'zh'
    ? `企业规模：${RESULT_ZH[s.result]}（按${STANDARD_ZH[s.standard]}${s.result === 'sealed' || s.result === 'referred' ? '' : '计算'}；计算所用数据记入台账，不公开）。`
    : `Size: ${RESULT_EN[s.result]} (standard ${s.standard}; the figures used are in the ledger entry, not public).`;
}

/**
 * Issuers are large enterprises: the notice invites 大企业 to 发榜. Where a demand's issuer
 * gives its industry code and figures, they are sized with the same 2011-300 rule as an
 * SME's profile; figures that say SME are a warning for the officer's 初核, not an error
 * (the figures are optional, and the bureau may know better, e.g. a group's subsidiary).
 */
import { classify, rowForIndustryCode, rowLabel } from './sme-size.ts';

const SIZE_ZH = { large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业' } as const;

export interface IssuerFigures {
  industryCode?: unknown;
  employees?: unknown;
  revenueLastYear?: unknown;
  totalAssets?: unknown;
}

export interface IssuerSizeWarning {
  rule: 'issuer-sme';
  size: 'medium' | 'small' | 'micro';
  zh: string;
  en: string;
}

export function issuerSizeWarning(issuer: IssuerFigures | undefined): IssuerSizeWarning | undefined {
  if (typeof issuer?.industryCode !== 'string') return undefined;
  const mapped = rowForIndustryCode(issuer.industryCode);
  if (!mapped.ok) return undefined; // the code's own rule reports it
  const c = classify({
    row: mapped.row,
    employees: issuer.employees as number,
    revenue: issuer.revenueLastYear as number,
    assets: issuer.totalAssets as number,
  });
  // Not sized (a referred industry) or figures missing: nothing to warn about.
  if (!c.ok || c.sme === false) return undefined;
  const size = c.size as IssuerSizeWarning['size'];
  const label = rowLabel(c.row);
  return {
    rule: 'issuer-sme',
    size,
    zh: `按发榜企业填报的行业（${label.zh}）和数据，依《中小企业划型标准规定》（工信部联企业〔2011〕300号）计算属于${SIZE_ZH[size]}，不是大企业。请主管部门初核时核实发榜企业是否符合“大企业发榜”的条件。`,
    en: `By the issuer's own industry (${label.en}) and figures, the 2011-300 size standard makes it ${size === 'medium' ? 'medium-sized' : size}, not a large enterprise. The bureau should check at its pre-check that the issuer qualifies as a large enterprise.`,
  };
}

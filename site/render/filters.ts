/**
 * The catalogue's filters and sort orders: which demand fields, and the planned-investment
 * ranges (Pagefind filters match exact values, so amounts are put in ranges).
 */
import type { SiteData } from '../data/model.ts';
import type { Lang } from '../i18n/ui.ts';

/** The round menu's value for all rounds (its default, '', is the current rounds: integration/search.ts). */
export const ALL_ROUNDS = 'all';

export const INVEST_BUCKETS = ['negotiable', 'lt100', '100-500', '500-1000', 'ge1000'] as const;
export type InvestBucket = (typeof INVEST_BUCKETS)[number];

const BUCKET_LABELS: Record<Lang, Record<InvestBucket, string>> = {
  zh: {
    negotiable: '面议',
    lt100: '100 万元以下',
    '100-500': '100–500 万元',
    '500-1000': '500–1000 万元',
    ge1000: '1000 万元及以上',
  },
  en: {
    negotiable: 'Negotiable',
    lt100: 'Under 1 million CNY',
    '100-500': '1–5 million CNY',
    '500-1000': '5–10 million CNY',
    ge1000: '10 million CNY and over',
  },
};

export function investmentBucket(amount: number | null | undefined): InvestBucket {
  if (typeof amount !== 'number') return 'negotiable';
  if (amount < 100) return 'lt100';
  if (amount < 500) return '100-500';
  if (amount < 1000) return '500-1000';
  return 'ge1000';
}

export function bucketLabel(bucket: InvestBucket, lang: Lang): string {
  return BUCKET_LABELS[lang][bucket];
}

/**
 * The rounds a search covers unless the visitor asks for more: those whose public demands
 * can still be applied for (the catalogue or 揭榜 phase), else the newest round with public
 * demands. Searching the whole archive is a choice (the round menu's 全部轮次), because every
 * search session downloads the index of what it covers: at 10,000 demands all rounds cost
 * a session some 300 KB, the current round under 150 KB.
 */
export function currentRounds(data: Pick<SiteData, 'rounds'>): string[] {
  const listed = data.rounds.filter((r) => r.demands.length);
  const open = listed.filter((r) => r.phaseNow === 'catalogue' || r.phaseNow === 'apply');
  return (open.length ? open : listed.slice(0, 1)).map((r) => r.round.id);
}

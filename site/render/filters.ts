/**
 * The catalogue's filters and sort orders: which demand fields, and the planned-investment
 * ranges (Pagefind filters match exact values, so amounts are put in ranges).
 */
import type { Lang } from '../i18n/ui.ts';

export const INVEST_BUCKETS = ['negotiable', 'lt100', '100-500', '500-1000', 'ge1000'] as const;
export type InvestBucket = (typeof INVEST_BUCKETS)[number];

const BUCKET_LABELS: Record<Lang, Record<InvestBucket, string>> = {
  zh: { negotiable: '面议', lt100: '100 万元以下', '100-500': '100–500 万元', '500-1000': '500–1000 万元', ge1000: '1000 万元及以上' },
  en: { negotiable: 'Negotiable', lt100: 'Under 1 million CNY', '100-500': '1–5 million CNY', '500-1000': '5–10 million CNY', ge1000: '10 million CNY and over' },
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

/** Dates and amounts as the site shows them (Beijing calendar days, 万元). */
import { shanghaiDate, zhDate } from '../../pipeline/face/core.ts';
import type { Lang } from '../i18n/ui.ts';
import { AMOUNT_SCALE } from './card-html.ts';

/** YYYY-MM-DD in Beijing time for an ISO instant (dates pass through). */
export function day(isoOrDate: string | Date): string {
  if (typeof isoOrDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)) return isoOrDate;
  return shanghaiDate(typeof isoOrDate === 'string' ? new Date(isoOrDate) : isoOrDate);
}

/** A day as people read it: 2026年12月15日 on Chinese pages, 2026-12-15 on English ones (ISO stays in datetime attributes). */
export function shownDay(isoOrDate: string | Date, lang: Lang): string {
  const d = day(isoOrDate);
  return lang === 'zh' ? zhDate(d) : d;
}

/** YYYY-MM-DD HH:mm in Beijing time. */
export function minute(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

// One formatter per language: toLocaleString would build a new one on every call.
const NUMBER: Record<Lang, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
};

export function number(n: number, lang: Lang): string {
  return NUMBER[lang].format(n);
}

/** The number an amount in 万元 is written with in `lang` (before its unit: ui.ts amountUnit). */
export function amountNumber(wan: number, lang: Lang): string {
  return NUMBER[lang].format(wan / AMOUNT_SCALE[lang]);
}

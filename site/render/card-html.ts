/**
 * The demand card's markup, from plain strings: the one card design, drawn by the build
 * (cards.ts) and by the catalogue's script from search results (scripts/finder.ts), so it
 * imports nothing but the escaper.
 */
import type { Lang } from '../i18n/ui.ts';
import { html, raw } from './escape.ts';

export interface CardModel {
  href: string;
  id: string;
  title: string;
  state: string;
  stateLabel: string;
  issuer: string;
  region: string;
  /** 领域 · 类型 · 资金, already in the page's language. */
  facts: string;
  deadline?: string;
  deadlineLabel: string;
  /** The deadline as the page's language writes it (2026年12月15日); the ISO date when absent. */
  deadlineText?: string;
  /** Set on English pages: the content is Chinese. */
  contentLang?: string;
}

/** 福建省 厦门市 思明区 (a city that is its own province, 上海市, once). */
export function regionText(region: { province?: string; city?: string; district?: string } | undefined): string {
  if (!region) return '';
  return [region.province, region.city === region.province ? undefined : region.city, region.district]
    .filter(Boolean)
    .join(' ');
}

/**
 * Amounts are kept in 万元 (10,000 CNY). Chinese shows them so; English says millions
 * (5680 万元 → CNY 56.8 million), as an English reader counts. Here, beside the cards, as
 * the catalogue's script draws cards too (render/format.ts writes the build's amounts).
 */
export const AMOUNT_SCALE: Record<Lang, number> = { zh: 1, en: 100 };

/** The labels a card's facts are written with, in the page's language. */
export interface FactLabels {
  field: Record<string, string>;
  type: Record<string, string>;
  /** The amount with its unit, `{n}` standing for the number: '{n} 万元'. */
  amount: string;
  /** For a demand without an amount: 面议. */
  negotiable: string;
  number: (n: number) => string;
}

/** 领域 · 类型 · 资金: the card's line of facts (the build's cards and the search results alike). */
export function cardFacts(d: { field?: string; type?: string; invest?: number | null }, l: FactLabels): string {
  // undefined: the demand says nothing of money (an entry of the national catalogue); null: 面议.
  const invest =
    d.invest === undefined
      ? undefined
      : typeof d.invest === 'number'
        ? l.amount.replace('{n}', l.number(d.invest))
        : l.negotiable;
  return [
    d.field ? (l.field[d.field] ?? d.field) : '',
    d.type ? (l.type[d.type] ?? d.type) : '',
    ...(invest === undefined ? [] : [invest]),
  ].join(' · ');
}

export function cardHtml(c: CardModel): string {
  const zhAttr = c.contentLang ? raw(` lang="${c.contentLang}"`) : '';
  return String(html`<li class="card"><article>
<h3${zhAttr}><a href="${c.href}">${c.title}</a></h3>
<p class="card-meta"><span class="badge state-${c.state}">${c.stateLabel}</span> <span>${c.id}</span> · <span${zhAttr}>${c.issuer}</span> · <span${zhAttr}>${c.region}</span></p>
<p class="card-facts">${c.facts}${c.deadline ? html` · ${c.deadlineLabel} <time datetime="${c.deadline}">${c.deadlineText ?? c.deadline}</time>` : ''}</p>
</article></li>`);
}

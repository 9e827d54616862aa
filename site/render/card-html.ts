/**
 * The demand card's markup, from plain strings: the one card design, drawn by the build
 * (cards.ts) and by the catalogue's script from search results (scripts/finder.ts), so it
 * imports nothing but the escaper.
 */
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
  /** Set on English pages: the content is Chinese. */
  contentLang?: string;
}

export function cardHtml(c: CardModel): string {
  const zhAttr = c.contentLang ? raw(` lang="${c.contentLang}"`) : '';
  return String(html`<li class="card"><article>
<h3${zhAttr}><a href="${c.href}">${c.title}</a></h3>
<p class="card-meta"><span class="badge state-${c.state}">${c.stateLabel}</span> <span>${c.id}</span> · <span${zhAttr}>${c.issuer}</span> · <span${zhAttr}>${c.region}</span></p>
<p class="card-facts">${c.facts}${c.deadline ? html` · ${c.deadlineLabel} <time datetime="${c.deadline}">${c.deadline}</time>` : ''}</p>
</article></li>`);
}

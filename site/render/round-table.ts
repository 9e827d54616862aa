/** A round's catalogue (目录) as a table, one row per public demand: the printable list. */
import { stateLabel } from '../../pipeline/face/core.ts';
import type { DemandView } from '../data/model.ts';
import { enumLabel, fieldTitle } from '../i18n/labels.ts';
import { LANG_TAG, t, type Lang } from '../i18n/ui.ts';
import { html, raw } from './escape.ts';
import { investmentText } from './demand.ts';
import { demandPath, href } from './paths.ts';

export function roundTable(demands: readonly DemandView[], lang: Lang, base: string, caption: string): string {
  const zhAttr = lang === 'en' ? raw(` lang="${LANG_TAG.zh}"`) : '';
  const head = [
    t(lang, 'indicatorNo'),
    fieldTitle('demand', '/id', lang),
    fieldTitle('demand', '/title', lang),
    fieldTitle('demand', '/issuer', lang),
    fieldTitle('demand', '/field', lang),
    fieldTitle('demand', '/demandType', lang),
    t(lang, 'investmentRange'),
    t(lang, 'status'),
  ];
  return String(
    html`<table class="round-table"><caption>${caption}</caption><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${demands.map(
      (d, i) => html`<tr>
<td>${i + 1}</td><td>${d.id}</td><td${zhAttr}><a href="${href(base, lang, demandPath(d.id))}">${d.data.title}</a></td><td${zhAttr}>${d.data.anonymousIssuer || !d.data.issuer?.name ? t(lang, 'anonymousIssuer') : d.data.issuer.name}</td><td>${d.data.field ? enumLabel('demand', '/field', d.data.field, lang) : ''}</td><td>${d.data.demandType ? enumLabel('demand', '/demandType', d.data.demandType, lang) : ''}</td><td>${investmentText(d.data, lang)}</td><td>${stateLabel(d.status.state, lang)}</td></tr>`,
    )}</tbody></table>`,
  );
}

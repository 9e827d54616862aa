/** The demand card of lists (home, catalogue, issuer and round pages, search results). */
import { stateLabel } from '../../pipeline/review/machines.ts';
import type { DemandView } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import { LANG_TAG, t, type Lang } from '../i18n/ui.ts';
import { cardHtml, type CardModel } from './card-html.ts';
import { investmentText, regionText } from './demand.ts';
import { demandPath, href } from './paths.ts';

export function cardModel(d: DemandView, lang: Lang, base: string): CardModel {
  const data = d.data;
  return {
    href: href(base, lang, demandPath(d.id)),
    id: d.id,
    title: data.title,
    state: d.status.state,
    stateLabel: stateLabel(d.status.state, lang),
    issuer: data.anonymousIssuer || !data.issuer?.name ? t(lang, 'anonymousIssuer') : data.issuer.name,
    region: regionText(data.issuer?.region),
    facts: [data.field ? enumLabel('demand', '/field', data.field, lang) : '', data.demandType ? enumLabel('demand', '/demandType', data.demandType, lang) : '', investmentText(data, lang)].join(' · '),
    ...(d.deadline ? { deadline: d.deadline } : {}),
    deadlineLabel: t(lang, 'deadline'),
    ...(lang === 'en' ? { contentLang: LANG_TAG.zh } : {}),
  };
}

export function demandCard(d: DemandView, lang: Lang, base: string): string {
  return cardHtml(cardModel(d, lang, base));
}

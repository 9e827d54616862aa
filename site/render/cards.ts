/** The demand card of lists (home, catalogue, issuer and round pages, search results). */
import { stateLabel } from '../../pipeline/face/core.ts';
import type { DemandView } from '../data/model.ts';
import { enumCodes, enumLabel, nullLabel } from '../i18n/labels.ts';
import { LANG_TAG, t, type Lang } from '../i18n/ui.ts';
import { cardFacts, cardHtml, type CardModel, type FactLabels } from './card-html.ts';
import { regionText } from './demand.ts';
import { amountNumber, shownDay } from './format.ts';
import { demandPath, href } from './paths.ts';

const labelsOf = (pointer: string, lang: Lang) =>
  Object.fromEntries(enumCodes('demand', pointer).map((c) => [c, enumLabel('demand', pointer, c, lang)]));
const factLabels = new Map<Lang, Omit<FactLabels, 'number'>>();

/** The labels of a card's facts: the build writes them once into the catalogue's page for its script too (components/Finder.astro). */
export function cardFactLabels(lang: Lang): Omit<FactLabels, 'number'> {
  let l = factLabels.get(lang);
  if (!l) {
    l = {
      field: labelsOf('/field', lang),
      type: labelsOf('/demandType', lang),
      amount: t(lang, 'amountUnit'),
      negotiable: nullLabel('demand', '/plannedInvestment', lang),
    };
    factLabels.set(lang, l);
  }
  return l;
}

export function cardModel(d: DemandView, lang: Lang, base: string): CardModel {
  const data = d.data;
  return {
    href: href(base, lang, demandPath(d.id)),
    id: d.id,
    title: data.title,
    state: d.status.state,
    stateLabel: stateLabel(d.status.state, lang),
    issuer: data.anonymousIssuer || !data.issuer?.name ? t(lang, 'anonymousIssuer') : data.issuer.name,
    region: d.external
      ? `${t(lang, 'nationalCatalogue')} · ${regionText(data.issuer?.region)}`
      : regionText(data.issuer?.region),
    facts: cardFacts(
      { field: data.field, type: data.demandType, invest: data.plannedInvestment },
      { ...cardFactLabels(lang), number: (n) => amountNumber(n, lang) },
    ),
    ...(d.deadline ? { deadline: d.deadline, deadlineText: shownDay(d.deadline, lang) } : {}),
    deadlineLabel: t(lang, 'deadline'),
    ...(lang === 'en' ? { contentLang: LANG_TAG.zh } : {}),
  };
}

export function demandCard(d: DemandView, lang: Lang, base: string): string {
  return cardHtml(cardModel(d, lang, base));
}

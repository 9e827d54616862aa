/** The demand page's article and description from the site model (build and dev server alike). */
import type { DemandView, SiteData } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import type { Lang } from '../i18n/ui.ts';
import { renderDemandArticle, type DemandArticleOptions } from './demand.ts';

/**
 * The SME guide of the language: the first guide for SMEs (`audience: sme`); where no guide
 * says its audience, the first guide not meant for large enterprises.
 */
export function guideSlug(data: SiteData, lang: Lang): string | undefined {
  const guides = data.pages
    .filter((p) => p.lang === lang && p.data.category === 'guide' && p.data.audience !== 'enterprise')
    .sort((a, b) => a.data.order - b.data.order);
  return (guides.find((p) => p.data.audience === 'sme') ?? guides[0])?.slug;
}

/** The notices (通知公告) of the language, newest first. */
export function notices(data: SiteData, lang: Lang): SiteData['pages'] {
  return data.pages
    .filter((p) => p.lang === lang && p.data.category === 'notice')
    .sort((a, b) => (String(a.data.published ?? '') < String(b.data.published ?? '') ? 1 : -1));
}

/** The notice a round is based on (its 依据文件): the notice page naming the round, if any. */
export function roundNoticeSlug(data: SiteData, roundId: string, lang: Lang): string | undefined {
  return notices(data, lang).find((p) => p.data.round === roundId)?.slug;
}

export function demandArticleFor(
  data: SiteData,
  d: DemandView,
  lang: Lang,
  base: string,
  image?: DemandArticleOptions['image'],
): string {
  const guide = guideSlug(data, lang);
  return renderDemandArticle(d.data, {
    lang,
    base,
    forge: data.site.forge,
    status: d.status,
    open: d.open,
    timeline: d.timeline,
    ...(d.deadline ? { deadline: d.deadline } : {}),
    ...(['matched', 'in_progress', 'accepted', 'archived'].includes(d.status.state) ? { selected: d.selected } : {}),
    ...(d.issuerSlug ? { issuerSlug: d.issuerSlug } : {}),
    ...(guide ? { guideSlug: guide } : {}),
    ...(image ? { image } : {}),
    ...(d.external
      ? {
          external: {
            ...d.external,
            bureau: data.site.bureau.name,
            upstream: data.site.upstream?.name ?? '上级主管部门',
          },
        }
      : {}),
  });
}

export function demandDescription(d: DemandView, lang: Lang): string {
  const field = d.data.field ? enumLabel('demand', '/field', d.data.field, lang) : '';
  const type = d.data.demandType ? enumLabel('demand', '/demandType', d.data.demandType, lang) : '';
  return `${d.id} · ${field} · ${type} · ${d.data.title}`;
}

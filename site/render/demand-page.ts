/** The demand page's article and description from the site model (build and dev server alike). */
import type { DemandView, SiteData } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import type { Lang } from '../i18n/ui.ts';
import { renderDemandArticle, type DemandArticleOptions } from './demand.ts';

/** The SME guide: the first `guide` page of the language, if any. */
export function guideSlug(data: SiteData, lang: Lang): string | undefined {
  return data.pages.filter((p) => p.lang === lang && p.data.category === 'guide').sort((a, b) => a.data.order - b.data.order)[0]?.slug;
}

export function demandArticleFor(data: SiteData, d: DemandView, lang: Lang, base: string, image?: DemandArticleOptions['image']): string {
  const guide = guideSlug(data, lang);
  return renderDemandArticle(d.data, {
    lang, base, forge: data.site.forge, status: d.status, open: d.open, timeline: d.timeline,
    ...(d.deadline ? { deadline: d.deadline } : {}),
    ...(['matched', 'in_progress', 'accepted', 'archived'].includes(d.status.state) ? { selected: d.selected } : {}),
    ...(d.issuerSlug ? { issuerSlug: d.issuerSlug } : {}),
    ...(guide ? { guideSlug: guide } : {}),
    ...(image ? { image } : {}),
    ...(d.external ? { external: { ...d.external, bureau: data.site.bureau.name, upstream: data.site.upstream?.name ?? '上级主管部门' } } : {}),
  });
}

export function demandDescription(d: DemandView, lang: Lang): string {
  const field = d.data.field ? enumLabel('demand', '/field', d.data.field, lang) : '';
  const type = d.data.demandType ? enumLabel('demand', '/demandType', d.data.demandType, lang) : '';
  return `${d.id} · ${field} · ${type} · ${d.data.title}`;
}

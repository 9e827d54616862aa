/**
 * Previews draw an entry with the site's own renderers and stylesheet, so an editor sees
 * the public page, not a second design: the demand article from site/render/demand.ts
 * (public fields only, as publicView leaves them), pages through the site's Markdown
 * renderer. Images come from Decap (uploaded or beside the entry).
 */
import type { ComponentType } from 'react';
import type { Map as ImmutableMap } from 'immutable';
import type { CMS as DecapCms, PreviewTemplateComponentProps } from 'decap-cms-core';
import { publicView } from '../../pipeline/privacy/visibility.ts';
import type { Demand } from '../../pipeline/generated/types.ts';
import { renderDemandArticle } from '../render/demand.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { esc } from '../render/escape.ts';
import type { PublicDemand } from '../data/model.ts';
import siteCss from '../styles/site.css';
import { recordFromEditor } from './normalize.ts';

const dataOf = (entry: ImmutableMap<string, unknown>) => (entry.get('data') as ImmutableMap<string, unknown>).toJS() as Record<string, unknown>;

function Html({ html }: { html: string }) {
  return <div className="wrap" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A notice above the preview (drawn with the site's own classes). */
const notice = (text: string) => `<p class="notice" role="note">${esc(text)}</p>`;

export function DemandPreview({ entry, getAsset }: PreviewTemplateComponentProps) {
  const record = recordFromEditor('demand', dataOf(entry));
  // A non-public demand never reaches the catalogue; show what the article would hold, saying so.
  const withheld = record.isPublic !== true;
  const view = publicView('demand', withheld ? { ...record, isPublic: true } : record) as Partial<Demand> as PublicDemand;
  const image = (_which: 'illustration' | 'logo', img: { src: string; alt: string }) =>
    img.src ? `<img src="${esc(getAsset(img.src).toString())}" alt="${esc(img.alt ?? '')}">` : undefined;
  const article = renderDemandArticle({ ...view, id: view.id ?? '', round: view.round ?? '', title: view.title ?? '' }, { lang: 'zh', image });
  return <Html html={(withheld ? notice('本需求“不公开”：不会出现在公开目录中，以下为若公开时的样子。') : '') + article} />;
}

export function PagePreview({ entry }: PreviewTemplateComponentProps) {
  const data = dataOf(entry);
  const title = typeof data.title === 'string' ? data.title : '';
  const body = typeof data.body === 'string' ? data.body : '';
  return <Html html={`<article class="page"><h1>${esc(title)}</h1><div class="prose">${renderMarkdown(body)}</div></article>`} />;
}

export function registerPreviews(cms: DecapCms) {
  cms.registerPreviewStyle(siteCss, { raw: true });
  cms.registerPreviewTemplate('demands', DemandPreview as ComponentType<PreviewTemplateComponentProps>);
  cms.registerPreviewTemplate('pages', PagePreview as ComponentType<PreviewTemplateComponentProps>);
  cms.registerPreviewTemplate('pages_en', PagePreview as ComponentType<PreviewTemplateComponentProps>);
}

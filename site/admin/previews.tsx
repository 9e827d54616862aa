/**
 * Previews draw an entry with the site's own renderers and stylesheet, so an editor sees
 * the public page, not a second design: the demand article from site/render/demand.ts
 * (public fields only, as publicView leaves them), pages in the markup of the site's page
 * template. Images come from Decap (uploaded or beside the entry). Rounds and profiles have
 * no pure renderer on the site (their pages are Astro components): Decap shows their fields,
 * in the site's stylesheet.
 */
import MarkdownIt from 'markdown-it';
import type { Map as ImmutableMap } from 'immutable';
import type { PreviewTemplateComponentProps } from 'decap-cms-core';
import { publicView, type Demand } from '../../pipeline/face/core.ts';
import { renderDemandArticle } from '../render/demand.ts';
import { esc } from '../render/escape.ts';
import type { PublicDemand } from '../data/model.ts';
import { recordFromEditor } from './normalize.ts';

const dataOf = (entry: ImmutableMap<string, unknown>) =>
  (entry.get('data') as ImmutableMap<string, unknown>).toJS() as Record<string, unknown>;

function Html({ html }: { html: string }) {
  return <div className="wrap" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A notice above the preview (drawn with the site's own classes). */
const notice = (text: string) => `<p class="notice" role="note">${esc(text)}</p>`;

export function DemandPreview({ entry, getAsset }: PreviewTemplateComponentProps) {
  const record = recordFromEditor('demand', dataOf(entry));
  // A non-public demand never reaches the catalogue; show what the article would hold, saying so.
  const withheld = record.isPublic !== true;
  const view = publicView(
    'demand',
    withheld ? { ...record, isPublic: true } : record,
  ) as Partial<Demand> as PublicDemand;
  const image = (_which: 'illustration' | 'logo', img: { src: string; alt: string }) =>
    img.src ? `<img src="${esc(getAsset(img.src).toString())}" alt="${esc(img.alt ?? '')}">` : undefined;
  const article = renderDemandArticle(
    { ...view, id: view.id ?? '', round: view.round ?? '', title: view.title ?? '' },
    { lang: 'zh', image },
  );
  return (
    <Html html={(withheld ? notice('本需求“不公开”：不会出现在公开目录中，以下为若公开时的样子。') : '') + article} />
  );
}

/**
 * Page bodies are MDX that Astro renders as plain Markdown (GFM, no HTML); the site's
 * renderMarkdown is for fields inside a page (it shifts headings), so pages get their own
 * instance of the same library, set up as Astro's defaults.
 */
const pageMarkdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

export function PagePreview({ entry }: PreviewTemplateComponentProps) {
  const data = dataOf(entry);
  const text = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  const date = text('updated') || text('published');
  return (
    <Html
      html={`<article class="page prose"><h1>${esc(text('title'))}</h1>${date ? `<p class="muted"><time datetime="${esc(date)}">${esc(date)}</time></p>` : ''}${pageMarkdown.render(text('body'))}</article>`}
    />
  );
}

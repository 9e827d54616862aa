/**
 * RSS 2.0 feeds of new demands: all rounds (/feeds/demands.xml) and one per round
 * (/feeds/<round>.xml), in Chinese and under /feeds/en/ in English. Newest first.
 */
import type { DemandView, SiteData } from '../data/model.ts';
import { enumLabel } from '../i18n/labels.ts';
import { LANG_TAG, LANGS, t, type Lang } from '../i18n/ui.ts';
import { esc } from '../render/escape.ts';
import { investmentText } from '../render/demand.ts';
import { markdownText } from '../render/markdown.ts';
import { demandPath, fileHref, href } from '../render/paths.ts';
import type { OutputWriter } from './writer.ts';
import { byCodeUnits } from '../../pipeline/face/core.ts';

const FEED_LIMIT = 100;

/**
 * Feed text as plain text: readers render an item's title and description as HTML once
 * the XML is decoded, so a submitter's `<img onerror>` escaped once would still run there.
 * Anything shaped like a tag is dropped and the remaining angle brackets become full-width
 * look-alikes; what is left is escaped for XML as usual.
 */
export function feedText(text: string): string {
  return text
    .replace(/<\/?[A-Za-z!?][^<>]*>?/g, ' ')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

export interface FeedOptions {
  out: OutputWriter;
  base: string;
  origin: string;
  now: Date;
}

function item(d: DemandView, lang: Lang, o: FeedOptions): string {
  const link = `${o.origin}${href(o.base, lang, demandPath(d.id))}`;
  const field = d.data.field ? enumLabel('demand', '/field', d.data.field, lang) : '';
  const type = d.data.demandType ? enumLabel('demand', '/demandType', d.data.demandType, lang) : '';
  const summary = [field, type, investmentText(d.data, lang), d.deadline ? `${t(lang, 'deadline')} ${d.deadline}` : '']
    .filter(Boolean)
    .join(' · ');
  const background = (d.external ? (d.external.summary ?? '') : markdownText(d.data.background)).slice(0, 200);
  return (
    `<item><title>${esc(feedText(d.data.title))}</title><link>${esc(link)}</link><guid isPermaLink="true">${esc(link)}</guid>` +
    `<pubDate>${new Date(d.publishedAt).toUTCString()}</pubDate>${field ? `<category>${esc(field)}</category>` : ''}` +
    `<description>${esc(feedText(`${summary}\n${background}`))}</description></item>`
  );
}

function feed(
  title: string,
  selfPath: string,
  pageLink: string,
  items: DemandView[],
  lang: Lang,
  o: FeedOptions,
): string {
  const self = `${o.origin}${fileHref(o.base, selfPath)}`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `<title>${esc(feedText(title))}</title><link>${esc(pageLink)}</link><description>${esc(feedText(title))}</description><language>${LANG_TAG[lang]}</language>` +
    `<lastBuildDate>${o.now.toUTCString()}</lastBuildDate><atom:link href="${esc(self)}" rel="self" type="application/rss+xml"/>` +
    items.map((d) => item(d, lang, o)).join('') +
    `</channel></rss>\n`
  );
}

const newestFirst = (list: readonly DemandView[]) =>
  [...list].sort((a, b) => byCodeUnits(b.publishedAt, a.publishedAt) || byCodeUnits(b.id, a.id));

export function writeFeeds(data: SiteData, o: FeedOptions): number {
  let files = 0;
  for (const lang of LANGS) {
    const dir = lang === 'en' ? 'feeds/en' : 'feeds';
    const siteName = lang === 'zh' ? data.site.name : data.site.nameEn;
    const catalogue = `${o.origin}${href(o.base, lang, 'demands/')}`;
    o.out.write(
      `${dir}/demands.xml`,
      feed(
        `${siteName} · ${t(lang, 'feedAll')}`,
        `${dir}/demands.xml`,
        catalogue,
        newestFirst(data.demands).slice(0, FEED_LIMIT),
        lang,
        o,
      ),
    );
    files++;
    for (const r of data.rounds) {
      if (!r.demands.length) continue;
      const title = lang === 'en' && r.round.titleEn ? r.round.titleEn : r.round.title;
      o.out.write(
        `${dir}/${r.round.id}.xml`,
        feed(
          `${siteName} · ${title}`,
          `${dir}/${r.round.id}.xml`,
          `${o.origin}${href(o.base, lang, `rounds/${r.round.id}/`)}`,
          newestFirst(r.demands),
          lang,
          o,
        ),
      );
      files++;
    }
  }
  return files;
}

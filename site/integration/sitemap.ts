/**
 * The sitemap: an index at /sitemap.xml pointing at files of at most 10,000 URLs, each URL
 * with its other-language version as an hreflang alternate.
 */
import { esc } from '../render/escape.ts';
import { fileHref } from '../render/paths.ts';
import type { OutputWriter } from './writer.ts';

const PER_FILE = 10_000;

export interface SitemapEntry {
  zh?: string;
  en?: string;
}

export function writeSitemap(out: OutputWriter, base: string, origin: string, entries: SitemapEntry[]): number {
  const urls: string[] = [];
  for (const e of entries) {
    const alternates = (['zh', 'en'] as const)
      .filter((l) => e[l])
      .map(
        (l) => `<xhtml:link rel="alternate" hreflang="${l === 'zh' ? 'zh-CN' : 'en'}" href="${esc(origin + e[l])}"/>`,
      )
      .join('');
    for (const l of ['zh', 'en'] as const)
      if (e[l]) urls.push(`<url><loc>${esc(origin + e[l])}</loc>${alternates}</url>`);
  }
  const files: string[] = [];
  for (let i = 0; i < urls.length; i += PER_FILE) {
    const name = `sitemaps/sitemap-${files.length + 1}.xml`;
    out.write(
      name,
      `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.slice(i, i + PER_FILE).join('')}</urlset>\n`,
    );
    files.push(name);
  }
  out.write(
    'sitemap.xml',
    `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${files.map((f) => `<sitemap><loc>${esc(origin + fileHref(base, f))}</loc></sitemap>`).join('')}</sitemapindex>\n`,
  );
  return files.length + 1;
}

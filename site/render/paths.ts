/**
 * Site URLs: every link, asset, feed and API address goes through here so the site works
 * under any base path (`/`, `/jiebang/`). Paths are given without a leading slash.
 */
import type { Lang } from '../i18n/ui.ts';

/** `base` as Astro gives it ('/', '/jiebang', '/jiebang/') → always with a trailing slash. */
export function slashed(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** The URL of a page in a language: href('/jiebang/', 'en', 'demands/') → /jiebang/en/demands/. */
export function href(base: string, lang: Lang, path = ''): string {
  return `${slashed(base)}${lang === 'en' ? 'en/' : ''}${path}`;
}

/** The URL of a language-neutral file (API, feeds, downloads, assets). */
export function fileHref(base: string, path: string): string {
  return `${slashed(base)}${path}`;
}

export const demandPath = (id: string) => `demands/${id}/`;
export const roundPath = (id: string) => `rounds/${id}/`;
export const issuerPath = (slug: string) => `issuers/${slug}/`;
export const pagePath = (slug: string) => `pages/${slug}/`;

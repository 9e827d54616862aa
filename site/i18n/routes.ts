/**
 * Every page exists in Chinese at the root and in English under /en/: pages live under
 * `pages/[...lang]/` and spread these params (lang undefined = the root).
 */
import type { Lang } from './ui.ts';

export function langParams(): Array<{ params: { lang: string | undefined }; props: { lang: Lang } }> {
  return [
    { params: { lang: undefined }, props: { lang: 'zh' } },
    { params: { lang: 'en' }, props: { lang: 'en' } },
  ];
}

/** Cross every language with a page's own params. */
export function withLangs<P extends Record<string, string | undefined>, Q extends Record<string, unknown>>(
  items: Array<{ params: P; props: Q }>,
): Array<{ params: P & { lang: string | undefined }; props: Q & { lang: Lang } }> {
  return langParams().flatMap((l) =>
    items.map((i) => ({ params: { ...i.params, lang: l.params.lang }, props: { ...i.props, lang: l.props.lang } })),
  );
}

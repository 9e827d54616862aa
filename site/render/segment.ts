/**
 * Chinese has no spaces between words: search text is cut into words with Intl.Segmenter
 * (ICU) when the index is built and the query is cut the same way in the browser (Chromium
 * and Node both use ICU), then Pagefind matches whole words. Doing it ourselves keeps the
 * index and the query in step and is much faster than Pagefind's own CJK segmentation.
 */
let segmenter: Intl.Segmenter | undefined;

export function words(text: string): string {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let out = '';
  for (const s of segmenter.segment(text)) if (s.isWordLike) out += (out ? ' ' : '') + s.segment;
  return out;
}

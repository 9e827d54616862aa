/**
 * Chinese has no spaces between words: search text is cut into words with Intl.Segmenter
 * (ICU) when the index is built and the query is cut the same way in the browser (Chromium
 * and Node both use ICU), then Pagefind matches whole words (and prefixes). Doing it
 * ourselves keeps the index and the query in step and is much faster than Pagefind's own
 * CJK segmentation.
 *
 * ICU's dictionary lacks many technical words (蒸镀, 封装, 模块 come out as single
 * characters), and a run of single characters is cut by its neighbours, so the same two
 * characters can fall into different words in the text and in a query. A run of single
 * Chinese characters is therefore written as its overlapping pairs (蒸 镀 → 蒸镀; 和 蒸 镀 →
 * 和蒸 蒸镀): a two-character word the dictionary does not know is one search word however
 * its neighbours fall, and a one-character query still matches the pairs it begins.
 */
let segmenter: Intl.Segmenter | undefined;

const HAN = /^\p{Script=Han}$/u;

export function words(text: string): string {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]!);
    else for (let i = 1; i < run.length; i++) out.push(run[i - 1]! + run[i]!);
    run = [];
  };
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) {
      flush();
      continue;
    }
    if (HAN.test(s.segment)) run.push(s.segment);
    else {
      flush();
      out.push(s.segment);
    }
  }
  flush();
  return out.join(' ');
}

/**
 * A Markdown plugin for policy pages: GFM's literal autolinks (www.example.cn, https://…) end
 * only at whitespace, and Chinese text has none, so "平台（www.xieshouxingdong.cn）将…"
 * became one link swallowing "）将…". A literal autolink is cut at the first CJK
 * punctuation mark or Chinese character; the rest goes back into the text after the link.
 * Links written as [text](url) are left alone.
 */
import type { Link } from 'mdast';
import { defineMdastPlugin } from 'satteri';

/** Full-width and CJK punctuation (U+3000–303F, U+FF00–FF65 and the quotes), or a Han character. */
const CJK_STOP = /[\u3000-\u303f\uff00-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\p{Script=Han}]/u;

/** The literal autolink's text and the text that follows it, when GFM took too much. */
export function splitAutolink(url: string, text: string): { url: string; text: string; rest: string } | undefined {
  const cut = text.search(CJK_STOP);
  if (cut <= 0) return undefined;
  const kept = text.slice(0, cut);
  const rest = text.slice(cut);
  // The URL is the text with a scheme (www.… gains http://) or a mailto:; cut it the same.
  if (!url.endsWith(text)) return undefined;
  return { url: url.slice(0, url.length - rest.length), text: kept, rest };
}

/**
 * The same cut as a Sätteri plugin (Astro's Markdown and MDX processor): a link whose only
 * child is its own text is replaced by the shortened link and the text it had taken.
 */
export const cjkAutolink = defineMdastPlugin({
  name: 'jiebang-cjk-autolink',
  link(node, ctx) {
    const only = node.children.length === 1 && node.children[0]!.type === 'text' ? node.children[0] : undefined;
    const split = only && splitAutolink(node.url, only.value);
    if (!split) return;
    const link: Link = {
      type: 'link',
      url: split.url,
      children: [{ type: 'text', value: split.text }],
      ...(node.title ? { title: node.title } : {}),
    };
    ctx.replaceNode(node, [link, { type: 'text', value: split.rest }]);
  },
});

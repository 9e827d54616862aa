/**
 * The one Markdown renderer for content fields (background, keyProblems, page summaries…).
 * Submitters' text is untrusted: raw HTML is disabled, only http(s) and mailto links are
 * kept, images are off (they would load from third-party hosts), and headings are shifted
 * below the page's own section headings so the outline stays correct.
 */
import MarkdownIt, { type Token } from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

function create() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
  md.disable(['image']);
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
    return self.renderToken(tokens, idx, options);
  };
  const shift = (tokens: Token[], idx: number) => {
    const t = tokens[idx]!;
    const level = Math.min(6, Number(t.tag.slice(1)) + 2);
    t.tag = `h${level}`;
  };
  md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
    shift(tokens, idx);
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
    shift(tokens, idx);
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

const md = create();

// Each demand page is written in two languages one after the other: remember the last few texts.
const recent = new Map<string, string>();

/** Markdown → safe HTML. */
export function renderMarkdown(text: string | undefined | null): string {
  if (!text) return '';
  let out = recent.get(text);
  if (out === undefined) {
    if (recent.size >= 32) recent.clear();
    out = md.render(text);
    recent.set(text, out);
  }
  return out;
}

/** Markdown → plain text (for search records, feeds and meta descriptions). */
export function markdownText(text: string | undefined | null): string {
  if (!text) return '';
  return md
    .render(text)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

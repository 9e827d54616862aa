/**
 * Demand pages are not rendered one by one by Astro (10,000 pages would take most of the
 * build budget): Astro renders one shell page per language with tokens where the demand's
 * values go, and the build fills the shell with each demand's article (render/demand.ts).
 * The shell is the real layout, so there is one design; the dev server renders the same
 * route directly.
 */
import { esc } from '../render/escape.ts';

export const SHELL_ID = '_shell';
export const TITLE_TOKEN = 'JIEBANG_TITLE_TOKEN';
export const DESC_TOKEN = 'JIEBANG_DESC_TOKEN';
export const ARTICLE_TOKEN = '<jiebang-article></jiebang-article>';

export interface ShellValues {
  id: string;
  title: string;
  description: string;
  article: string;
}

/** Split a rendered shell once; the returned function fills it for one demand. */
export function compileShell(shell: string): (v: ShellValues) => string {
  const parts = shell.split(
    new RegExp(`(${SHELL_ID}|${TITLE_TOKEN}|${DESC_TOKEN}|${ARTICLE_TOKEN.replace(/\//g, '\\/')})`),
  );
  for (const token of [SHELL_ID, TITLE_TOKEN, ARTICLE_TOKEN]) {
    if (!parts.includes(token)) throw new Error(`the demand page shell lacks ${token}`);
  }
  return (v) => {
    let out = '';
    for (const p of parts) {
      if (p === SHELL_ID) out += v.id;
      else if (p === TITLE_TOKEN) out += esc(v.title);
      else if (p === DESC_TOKEN) out += esc(v.description);
      else if (p === ARTICLE_TOKEN) out += v.article;
      else out += p;
    }
    return out;
  };
}

import { describe, expect, it } from 'vitest';
import { ARTICLE_TOKEN, compileShell, DESC_TOKEN, SHELL_ID, TITLE_TOKEN } from './shell.ts';

describe('compileShell', () => {
  const shell = `<title>${TITLE_TOKEN} · 站</title><meta content="${DESC_TOKEN}"><a href="/en/demands/${SHELL_ID}/">EN</a><main>${ARTICLE_TOKEN}</main>`;

  it('fills every token, escaping title and description', () => {
    const fill = compileShell(shell);
    expect(fill({ id: 'XM-2026-001', title: 'A&B<x>', description: '"d"', article: '<article>ok</article>' })).toBe(
      '<title>A&amp;B&lt;x&gt; · 站</title><meta content="&quot;d&quot;"><a href="/en/demands/XM-2026-001/">EN</a><main><article>ok</article></main>',
    );
  });

  it('refuses a shell that lost a token', () => {
    expect(() => compileShell('<main></main>')).toThrow(/lacks/);
  });
});

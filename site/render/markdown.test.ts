import { describe, expect, it } from 'vitest';
import { markdownText, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const html = renderMarkdown('你好<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps http(s) and mailto links only, marked nofollow', () => {
    const html = renderMarkdown(
      '[a](https://example.cn) [b](mailto:x@example.cn) [c](javascript:alert(1)) [d](data:text/html,x) [e](/local)',
    );
    expect(html).toContain('<a href="https://example.cn" rel="nofollow noopener noreferrer">a</a>');
    expect(html).toContain('<a href="mailto:x@example.cn"');
    expect(html).not.toMatch(/href="(javascript|data|\/local)/);
  });

  it('draws no images (they would load from other hosts)', () => {
    expect(renderMarkdown('![x](https://cdn.example.com/a.png)')).not.toContain('<img');
  });

  it('puts headings below the page sections and keeps tables and lists', () => {
    expect(renderMarkdown('# 一\n\n#### 四')).toBe('<h3>一</h3>\n<h6>四</h6>\n');
    expect(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<table>');
    expect(renderMarkdown('1. **加粗**')).toBe('<ol>\n<li><strong>加粗</strong></li>\n</ol>\n');
  });

  it('gives plain text for feeds and search', () => {
    expect(markdownText('**关键** 工艺 & <b>x</b>')).toBe('关键 工艺 & <b>x</b>');
  });
});

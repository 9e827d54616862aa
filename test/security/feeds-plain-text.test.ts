import { describe, expect, it } from 'vitest';
import { esc } from '../../site/render/escape.ts';
import { feedText } from '../../site/integration/feeds.ts';
import { PAYLOADS } from './corpus/payloads.ts';

/** What a feed reader sees: the XML decoded once, then rendered as HTML. */
const decoded = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('feed text is plain text (issue 20)', () => {
  it.each([
    ['<img src=x onerror=alert(1)>芯片', '芯片'],
    ['压力<script>alert(1)</script>传感器', '压力 alert(1) 传感器'],
    ['温度 < 5 且 > 3', '温度 ＜ 5 且 ＞ 3'],
    ['<b>粗体</b>', '粗体'],
    ['&lt;script&gt;', '&lt;script&gt;'],
  ])('%s', (input, expected) => {
    expect(feedText(input)).toBe(expected);
  });

  it('no payload of the hostile corpus leaves a tag for a reader to render', () => {
    for (const p of PAYLOADS) {
      const html = decoded(esc(feedText(p.text)));
      expect(html, p.name).not.toMatch(/<[A-Za-z!/?]/);
    }
  });
});

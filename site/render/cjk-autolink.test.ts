import { describe, expect, it } from 'vitest';
import { splitAutolink } from './cjk-autolink.ts';

describe('splitAutolink', () => {
  it.each([
    // [url GFM made, link text, expected url, text, rest]
    [
      'http://www.xieshouxingdong.cn）将可公开部分向社会公布。',
      'www.xieshouxingdong.cn）将可公开部分向社会公布。',
      'http://www.xieshouxingdong.cn',
      'www.xieshouxingdong.cn',
      '）将可公开部分向社会公布。',
    ],
    [
      'https://gxj.xm.gov.cn/zwgk/，联系电话',
      'https://gxj.xm.gov.cn/zwgk/，联系电话',
      'https://gxj.xm.gov.cn/zwgk/',
      'https://gxj.xm.gov.cn/zwgk/',
      '，联系电话',
    ],
    [
      'https://example.cn/a?b=1。',
      'https://example.cn/a?b=1。',
      'https://example.cn/a?b=1',
      'https://example.cn/a?b=1',
      '。',
    ],
    [
      'https://example.cn/path」',
      'https://example.cn/path」',
      'https://example.cn/path',
      'https://example.cn/path',
      '」',
    ],
    ['mailto:office@example.cn；', 'office@example.cn；', 'mailto:office@example.cn', 'office@example.cn', '；'],
    ['http://www.example.cn平台', 'www.example.cn平台', 'http://www.example.cn', 'www.example.cn', '平台'],
  ])('%s', (url, text, wantUrl, wantText, rest) => {
    expect(splitAutolink(url, text)).toEqual({ url: wantUrl, text: wantText, rest });
  });

  it.each([
    ['https://example.cn/a_(b)', 'https://example.cn/a_(b)'], // ASCII parentheses are GFM's to judge
    ['https://example.cn/', '厦门市工信局'], // a written [text](url) link: its text is not the URL
    ['https://example.cn/', 'https://example.cn/'],
  ])('leaves %s (%s) alone', (url, text) => {
    expect(splitAutolink(url, text)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { normalisedBytes, normaliseForScan } from './reader-form.ts';

/** The reader's form as the regular expressions of its definition give it: the oracle for the one-pass spaces and encoding. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '' };
const byDefinition = (text: string) =>
  text
    .replace(/<[A-Za-z/!?][^<>]*>/g, '')
    .replace(
      /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));?/g,
      (m, dec?: string, hex?: string, name?: string) => {
        const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
        if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
        return NAMED[name!.toLowerCase()] ?? m;
      },
    )
    .replace(/<[A-Za-z/!?][^<>]*>/g, '')
    .replace(/[\u00ad\u200b-\u200f\u2060\ufeff]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\d) (?=\d)/g, '$1');

const enc = new TextEncoder();
const bytesOf = (text: string) => [...normalisedBytes(text)];

describe('the reader form', () => {
  it('joins digits split by spaces, and turns other whitespace runs into one space', () => {
    expect(normaliseForScan('电话 139 1234\n0001，传真 0592-1234 5678')).toBe('电话 13912340001,传真 0592-12345678');
    expect(normaliseForScan('a \t\u3000 b  1 a 2')).toBe('a b 1 a 2');
    expect(normaliseForScan(' 1 ')).toBe(' 1 ');
  });

  it('decodes entities, drops tags and invisible characters, folds width and case', () => {
    expect(normaliseForScan('<b>欧阳</b>&#31192;&#x5bc6;&shy;ＡＢ１２&lt;i&gt;x')).toBe('欧阳秘密ab12x');
  });

  it('writes lone surrogates as U+FFFD, as TextEncoder does, and pairs as one code point', () => {
    expect(bytesOf('a\ud800b😀\udc00')).toEqual([...enc.encode('a\ufffdb😀\ufffd')]);
  });

  it('agrees with its definition on random texts', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = [
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00a0',
      '\u3000',
      '\u2028',
      '\ufeff',
      '1',
      '9',
      '０',
      'A',
      'z',
      'É',
      'é',
      '榜',
      '揭',
      '，',
      '&amp;',
      '&#49;',
      '&#x32;',
      '&nbsp;',
      '&shy;',
      '<b>',
      '</p>',
      '<',
      '>',
      '&',
      '\u200b',
      '\u00ad',
      '😀',
      '\ud800',
      '\udc00',
      'ß',
      'İ',
      'ﬁ',
      '①',
      'e\u0301',
    ];
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: rnd(40) }, () => pieces[rnd(pieces.length)]).join('');
      expect(bytesOf(text), JSON.stringify(text)).toEqual([...enc.encode(byDefinition(text))]);
    }
  });
});

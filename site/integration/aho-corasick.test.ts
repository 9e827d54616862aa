import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.ts';

const enc = new TextEncoder();
const found = (patterns: string[], text: string, denseRows?: number) => {
  const ac = new AhoCorasick(
    patterns.map((p) => enc.encode(p)),
    denseRows,
  );
  const hits = new Set<number>();
  ac.scan(enc.encode(text), (i) => hits.add(i));
  return [...hits].sort((a, b) => a - b);
};

describe('AhoCorasick', () => {
  it('finds overlapping, nested and repeated patterns, in Chinese too', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual([0, 1, 3]);
    expect(found(['传感器', '压力传感器芯片', '芯片'], '高精度压力传感器芯片研制')).toEqual([0, 1, 2]);
    expect(found(['abc', 'zzz'], 'ab ab abx')).toEqual([]);
    expect(found(['aaa'], 'aaaa')).toEqual([0]);
  });

  it('tells where each occurrence ends', () => {
    const ac = new AhoCorasick([enc.encode('ab'), enc.encode('b')]);
    const hits: Array<[number, number]> = [];
    ac.scan(enc.encode('xabxb'), (p, end) => hits.push([p, end]));
    expect(hits).toEqual([
      [0, 2],
      [1, 2],
      [1, 4],
    ]);
  });

  it('agrees with indexOf on random texts and patterns', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', 'b', 'c', '榜', '揭', '-'];
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 50; round++) {
      const patterns = Array.from({ length: 1 + rnd(30) }, () => word(1 + rnd(5)));
      const text = word(200);
      const expected = patterns.map((p, i) => (text.includes(p) ? i : -1)).filter((i) => i >= 0);
      const firstIndex = expected.filter((i) => patterns.indexOf(patterns[i]!) === i);
      // All nodes with complete rows, none, and some: the same answers.
      for (const dense of [undefined, 0, 3]) expect(found(patterns, text, dense)).toEqual(firstIndex);
    }
  });
});

import ajvUcs2length from 'ajv/dist/runtime/ucs2length.js';
import { describe, expect, it } from 'vitest';
import * as validators from '../generated/validators.js';
import ucs2length from './ucs2length.ts';

type Count = (s: string) => number;
// ajv's CommonJS module: its function is the default export, or that export's `default`.
const ajvCount: Count =
  typeof ajvUcs2length === 'function' ? ajvUcs2length : (ajvUcs2length as unknown as { default: Count }).default;
const HIGH = '\uD83D';
const LOW = '\uDE00';

describe('ucs2length: the code-point count of the generated validators', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['揭榜挂帅', 4],
    ['😀', 1],
    ['a😀b', 3],
    ['𠀀𠀁 CJK extension B', 18],
    [HIGH, 1],
    [LOW, 1],
    [`${LOW}${HIGH}`, 2],
    [`${HIGH}${HIGH}${LOW}`, 2],
    [`${HIGH}${LOW}${LOW}`, 2],
    [`x${HIGH}`, 2],
    [`${'中'.repeat(15_000)}😀${HIGH}`, 15_002],
  ])('%j has %i code points, as ajv counts them', (s, n) => {
    expect(ajvCount(s)).toBe(n);
    expect(ucs2length(s)).toBe(n);
  });

  it('agrees with ajv on random mixes of BMP, astral and lone surrogates', () => {
    const alphabet = ['a', '中', '😀', HIGH, LOW, '\uD800', '\uDFFF', '\uFFFF', '\u0000'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      expect(ucs2length(s), JSON.stringify(s)).toBe(ajvCount(s));
    }
  });

  it('is what the generated validators count maxLength with: 50 astral characters fit a 50-character title, 51 do not', () => {
    const title = (n: number) => ({ title: '😀'.repeat(n) });
    const titleErrors = (n: number) =>
      (validators.demand(title(n)), validators.demand.errors ?? []).filter((e) => e.instancePath === '/title');
    expect(titleErrors(50)).toEqual([]);
    expect(titleErrors(51)).toEqual([expect.objectContaining({ keyword: 'maxLength' })]);
  });
});

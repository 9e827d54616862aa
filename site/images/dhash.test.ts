import { describe, expect, it } from 'vitest';
import { hamming, informative } from './dhash.ts';

/** One bit at a time: the definition the fast count must agree with. */
const slowHamming = (a: bigint, b: bigint) =>
  [...BigInt.asUintN(64, a ^ b).toString(2)].filter((c) => c === '1').length;

describe('hamming', () => {
  it('counts the differing bits of two 64-bit hashes', () => {
    expect(hamming(0n, 0n)).toBe(0);
    expect(hamming(0n, (1n << 64n) - 1n)).toBe(64);
    expect(hamming(1n << 63n, 0n)).toBe(1);
    expect(hamming(0xffffffffn, 0n)).toBe(32);
    expect(hamming(0xf0f0n << 32n, 0x0f0fn << 32n)).toBe(16);
  });

  it('agrees with counting one bit at a time on random hashes', () => {
    let seed = 7n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n));
    for (let i = 0; i < 2000; i++) {
      const a = next();
      const b = next();
      expect(hamming(a, b)).toBe(slowHamming(a, b));
    }
  });

  it('calls a near-blank picture uninformative', () => {
    expect(informative(0n)).toBe(false);
    expect(informative((1n << 64n) - 1n)).toBe(false);
    expect(informative(0xffn)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { applicationOf, FORGE_BODY_LIMIT, measureSealed } from './sealed-size.ts';

describe('sealed application sizes', () => {
  it('measures valid applications of the asked length, sealed for real', async () => {
    for (const target of [5000, 15000] as const)
      expect(validateRecord('application', applicationOf(target) as unknown as Record<string, unknown>)).toEqual([]);
    const rows = await measureSealed('content', [5000]);
    const markov = rows.find((r) => r.text === 'markov')!;
    expect(markov.chars).toBeGreaterThanOrEqual(5000);
    // Realistic Chinese: gzip keeps a third to a half of the UTF-8 bytes (repetitive templates far less).
    expect(markov.gzip / markov.utf8).toBeGreaterThan(0.3);
    expect(markov.gzip / markov.utf8).toBeLessThan(0.6);
    expect(markov.sealed).toBeLessThan(markov.utf8);
    expect(markov.fits).toBe(markov.body <= FORGE_BODY_LIMIT);
  });
});

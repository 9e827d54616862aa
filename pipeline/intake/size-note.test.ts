import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import type { Enterprise } from '../generated/types.ts';
import { sizeDeferredNote } from './check.ts';

const USCC = '91330100799655058B';
const catalogWith = (profile: Partial<Enterprise>): Catalog =>
  ({ enterprises: new Map([[USCC, profile as Enterprise]]) }) as unknown as Catalog;
const profile = (sizeRow: string, more: Partial<Enterprise> = {}) => ({
  uscc: USCC,
  industry: { code: 'X', sizeRow } as Enterprise['industry'],
  ...more,
});

// The public answer never states a registered applicant's size, nor whether its figures are
// readable (security: one note for all); only a referred industry (public) is named.
const UNIFORM = '结果不在公开回复中说明';

describe('sizeDeferredNote: what the intake tells the officer when it cannot size the applicant', () => {
  it.each([
    ['financial', {}, '银发〔2015〕309号'],
    ['outside', { employees: 10 }, '铁路运输业'],
    ['industry', { sealed: 'blob' }, UNIFORM],
    ['industry', { employees: 10, revenueLastYear: 100 }, UNIFORM],
    ['other', { employees: 10 }, UNIFORM],
  ])('%s %j → a note naming %s', (row, more, text) => {
    expect(sizeDeferredNote(USCC, catalogWith(profile(row, more as Partial<Enterprise>)))).toContain(text);
  });

  it('sealed or readable figures get the same words', () => {
    expect(sizeDeferredNote(USCC, catalogWith(profile('industry', { sealed: 'blob' } as Partial<Enterprise>)))).toBe(
      sizeDeferredNote(
        USCC,
        catalogWith(profile('industry', { employees: 10, revenueLastYear: 100 } as Partial<Enterprise>)),
      ),
    );
  });

  it('no profile: nothing (the cross-record rule reports it)', () => {
    expect(sizeDeferredNote('91110108551385082Q', catalogWith(profile('financial')))).toBeUndefined();
  });
});

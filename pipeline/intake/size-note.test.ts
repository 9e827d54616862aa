import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import type { Enterprise } from '../generated/types.ts';
import { sizeDeferredNote } from './check.ts';

const USCC = '91330100799655058B';
const catalogWith = (profile: Partial<Enterprise>): Catalog => ({ enterprises: new Map([[USCC, profile as Enterprise]]) }) as unknown as Catalog;
const profile = (sizeRow: string, more: Partial<Enterprise> = {}) => ({ uscc: USCC, industry: { code: 'X', sizeRow } as Enterprise['industry'], ...more });

describe('sizeDeferredNote: what the intake tells the officer when it cannot size the applicant', () => {
  it.each([
    ['financial', {}, '银发〔2015〕309号'],
    ['outside', { employees: 10 }, '铁路运输业'],
    ['industry', { sealed: 'blob' }, '已密封'],
  ])('%s %j → a note naming %s', (row, more, text) => {
    expect(sizeDeferredNote(USCC, catalogWith(profile(row, more as Partial<Enterprise>)))).toContain(text);
  });

  it.each([
    ['industry', { employees: 10, revenueLastYear: 100 }],
    ['other', { employees: 10 }],
  ])('%s with readable figures: nothing to add', (row, more) => {
    expect(sizeDeferredNote(USCC, catalogWith(profile(row, more as Partial<Enterprise>)))).toBeUndefined();
  });

  it('no profile: nothing (the cross-record rule reports it)', () => {
    expect(sizeDeferredNote('91110108551385082Q', catalogWith(profile('financial')))).toBeUndefined();
  });
});

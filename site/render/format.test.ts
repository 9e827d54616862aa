import { describe, expect, it } from 'vitest';
import { t } from '../i18n/ui.ts';
import { amountNumber } from './format.ts';

describe('amounts (kept in 万元)', () => {
  it.each([
    [5680, 'zh', '5,680 万元'],
    [5680, 'en', 'CNY 56.8 million'],
    [1500, 'en', 'CNY 15 million'],
    [15, 'en', 'CNY 0.15 million'],
    [123456, 'en', 'CNY 1,234.56 million'],
  ] as const)('%d in %s reads %s', (wan, lang, text) => {
    expect(t(lang, 'amountUnit', { n: amountNumber(wan, lang) })).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { issuerSizeWarning } from './issuer-size.ts';

describe('issuerSizeWarning: issuers are large enterprises', () => {
  it.each([
    // [industry code, employees, revenue, assets, expected warning size or undefined]
    ['C3562', 1000, 40000, undefined, undefined], // large at both bounds
    ['C3562', 5000, 900000, 1, undefined],
    ['C3562', 999, 40000, undefined, 'medium'], // one below the large bound
    ['C3562', 1000, 39999.99, undefined, 'medium'],
    ['C3562', 300, 1999.99, undefined, 'small'],
    ['C3562', 19, 50000, undefined, 'micro'],
    ['I6513', 300, 10000, undefined, undefined],
    ['I6513', 299, 10000, undefined, 'medium'],
    ['E4710', 10, 80000, 80000, undefined], // construction: revenue and assets, not employees
    ['E4710', 10, 80000, 79999, 'medium'],
    ['L7212', 300, undefined, 120000, undefined],
    ['L7212', 300, undefined, 119999.99, 'medium'],
    ['M7320', 299, undefined, undefined, 'medium'],
    ['G5910', 1000, 30000, undefined, undefined], // 装卸搬运 is transport
    ['G5920', 200, 30000, undefined, undefined], // warehousing's lower bounds
  ] as const)('%s X=%s Y=%s Z=%s → %s', (industryCode, employees, revenueLastYear, totalAssets, expected) => {
    const w = issuerSizeWarning({ industryCode, employees, revenueLastYear, totalAssets });
    if (expected === undefined) {
      expect(w).toBeUndefined();
      return;
    }
    expect(w).toMatchObject({ rule: 'issuer-sme', size: expected });
    expect(w!.zh).toContain('不是大企业');
    expect(w!.zh).toContain('工信部联企业〔2011〕300号');
    expect(w!.en).toContain('not a large enterprise');
  });

  it.each([
    ['no code', {}],
    ['no figures', { industryCode: 'C3562' }],
    ['one figure missing', { industryCode: 'C3562', employees: 10 }],
    ['a bad code', { industryCode: 'C65', employees: 10, revenueLastYear: 10 }],
    [
      'a finance code (referred, not sized)',
      { industryCode: 'J6620', employees: 10, revenueLastYear: 10, totalAssets: 10 },
    ],
    ['section S', { industryCode: 'S9221', employees: 10 }],
  ])('says nothing with %s', (_what, issuer) => {
    expect(issuerSizeWarning(issuer)).toBeUndefined();
  });
});

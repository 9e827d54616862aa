import { describe, expect, it } from 'vitest';
import enterprise from '../../schemas/enterprise.schema.json' with { type: 'json' };
import {
  REFERRALS,
  STANDARD,
  TABLE_2011_300,
  checkIndustryConsistency,
  classify,
  findRow,
  indicatorsOf,
  rowForIndustryCode,
  rowLabel,
  type Figures,
  type Indicator,
  type Size,
  type SizeRowId,
} from './sme-size.ts';

/**
 * The standard's bounds transcribed again, independently of the module, in the domain file's
 * own notation (X 从业人员, Y 营业收入, Z 资产总额): large ≥, medium ≥, small ≥.
 */
const EXPECTED: Array<[SizeRowId, string, string, string]> = [
  ['agriculture', 'Y 20000', 'Y 500', 'Y 50'],
  ['industry', 'X 1000, Y 40000', 'X 300, Y 2000', 'X 20, Y 300'],
  ['construction', 'Y 80000, Z 80000', 'Y 6000, Z 5000', 'Y 300, Z 300'],
  ['wholesale', 'X 200, Y 40000', 'X 20, Y 5000', 'X 5, Y 1000'],
  ['retail', 'X 300, Y 20000', 'X 50, Y 500', 'X 10, Y 100'],
  ['transport', 'X 1000, Y 30000', 'X 300, Y 3000', 'X 20, Y 200'],
  ['warehousing', 'X 200, Y 30000', 'X 100, Y 1000', 'X 20, Y 100'],
  ['postal', 'X 1000, Y 30000', 'X 300, Y 2000', 'X 20, Y 100'],
  ['accommodation', 'X 300, Y 10000', 'X 100, Y 2000', 'X 10, Y 100'],
  ['catering', 'X 300, Y 10000', 'X 100, Y 2000', 'X 10, Y 100'],
  ['telecom', 'X 2000, Y 100000', 'X 100, Y 1000', 'X 10, Y 100'],
  ['software_it', 'X 300, Y 10000', 'X 100, Y 1000', 'X 10, Y 50'],
  ['real_estate_dev', 'Y 200000, Z 10000', 'Y 1000, Z 5000', 'Y 100, Z 2000'],
  ['property_mgmt', 'X 1000, Y 5000', 'X 300, Y 1000', 'X 100, Y 500'],
  ['leasing_business', 'X 300, Z 120000', 'X 100, Z 8000', 'X 10, Z 100'],
  ['other', 'X 300', 'X 100', 'X 10'],
];

const LETTER: Record<string, Indicator> = { X: 'employees', Y: 'revenue', Z: 'assets' };
const parse = (cell: string) =>
  Object.fromEntries(
    cell.split(', ').map((part) => {
      const [l, n] = part.split(' ');
      return [LETTER[l!]!, Number(n)];
    }),
  ) as Partial<Record<Indicator, number>>;
const TIERS = ['large', 'medium', 'small'] as const;
const BELOW: Record<(typeof TIERS)[number], Size> = { large: 'medium', medium: 'small', small: 'micro' };
const STEP: Record<Indicator, number> = { employees: 1, revenue: 0.01, assets: 0.01 };

/** Round to cents so bound ± 0.01 is the decimal the submitter typed. */
const cents = (n: number) => Math.round(n * 100) / 100;

const sizeOf = (f: Figures): Size => {
  const r = classify(f);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.size;
};

describe('the 2011-300 table', () => {
  it("has the schema's sixteen rows in the schema's order", () => {
    const schemaRows = enterprise.properties.industry.properties.sizeRow.enum;
    // The schema adds the two referral rows (金融业, outside the standard) after the table's sixteen.
    expect([...TABLE_2011_300.map((r) => r.id), 'financial', 'outside']).toEqual(schemaRows);
    expect(EXPECTED.map((r) => r[0])).toEqual(schemaRows.slice(0, 16));
  });

  it.each(EXPECTED)('%s matches the domain file', (id, large, medium, small) => {
    const row = TABLE_2011_300.find((r) => r.id === id)!;
    expect(row.large).toEqual(parse(large));
    expect(row.medium).toEqual(parse(medium));
    expect(row.small).toEqual(parse(small));
    expect(Object.keys(row.medium).sort()).toEqual(Object.keys(row.large).sort());
    expect(Object.keys(row.small).sort()).toEqual(Object.keys(row.large).sort());
  });

  it('labels come from the schema', () => {
    const labels = enterprise.properties.industry.properties.sizeRow['x-enum-labels'];
    for (const row of TABLE_2011_300) expect(rowLabel(row.id).zh).toBe(labels[row.id]);
    expect(rowLabel('software_it')).toEqual({ zh: '软件和信息技术服务业', en: 'Software and IT services' });
  });
});

describe('classify: every bound, at the bound and one step either side', () => {
  const cases: Array<[string, SizeRowId, Figures, Size]> = [];
  for (const [id, ...cells] of EXPECTED) {
    TIERS.forEach((tier, t) => {
      const bounds = parse(cells[t]!);
      for (const indicator of Object.keys(bounds) as Indicator[]) {
        const at = bounds[indicator]!;
        const step = STEP[indicator];
        // The other indicators sit exactly on this tier's bound, so only `indicator` decides.
        for (const [label, value, size] of [
          ['at', at, tier],
          ['+', cents(at + step), tier],
          ['−', cents(at - step), BELOW[tier]],
        ] as const) {
          cases.push([
            `${id}: ${indicator} ${label} ${tier} bound (${value})`,
            id,
            { row: id, ...bounds, [indicator]: value },
            size,
          ]);
        }
      }
    });
  }

  it('covers 16 rows × 3 tiers × each indicator × 3 values', () => {
    expect(cases).toHaveLength(EXPECTED.reduce((n, [, large]) => n + Object.keys(parse(large)).length * 3 * 3, 0));
  });

  it.each(cases)('%s', (_name, row, figures, size) => {
    const r = classify(figures);
    const used = Object.fromEntries(indicatorsOf(row).map((i) => [i, Number(figures[i])]));
    expect(r).toEqual({
      ok: true,
      size,
      sme: size !== 'large',
      standard: STANDARD,
      row,
      industry: rowLabel(row).zh,
      figures: used,
    });
  });

  it.each(EXPECTED.map(([id]) => id))('%s: zero of everything is micro', (row) => {
    expect(sizeOf({ row, employees: 0, revenue: 0, assets: 0 })).toBe('micro');
  });
});

describe('classify: worked examples and the tier rule', () => {
  it.each([
    [
      '工业 X=1200, Y=30000 → medium (Y below the large bound)',
      { row: 'industry', employees: 1200, revenue: 30000 },
      'medium',
    ],
    ['工业 X=15, Y=5000 → micro (X < 20)', { row: 'industry', employees: 15, revenue: 5000 }, 'micro'],
    ['工业 X=300, Y=1999.99 → small', { row: 'industry', employees: 300, revenue: 1999.99 }, 'small'],
    [
      '工业 X=1000, Y=40000 → large (both bounds inclusive)',
      { row: 'industry', employees: 1000, revenue: 40000 },
      'large',
    ],
    [
      '工业 X=5000, Y=299.99 → micro (one indicator below small suffices)',
      { row: 'industry', employees: 5000, revenue: 299.99 },
      'micro',
    ],
    ['软件 X=50, Y=50000 → small', { row: 'software_it', employees: 50, revenue: 50000 }, 'small'],
    ['建筑业 Y=100000, Z=4999.99 → small', { row: 'construction', revenue: 100000, assets: 4999.99 }, 'small'],
    ['房地产开发 Y=300000, Z=10000 → large', { row: 'real_estate_dev', revenue: 300000, assets: 10000 }, 'large'],
    ['租赁 X=9, Z=500000 → micro', { row: 'leasing_business', employees: 9, assets: 500000 }, 'micro'],
    ['decimal strings from a command line', { row: 'industry', employees: '300', revenue: '1999.99' }, 'small'],
  ] as Array<[string, Figures, Size]>)('%s', (_name, figures, size) => {
    expect(sizeOf(figures)).toBe(size);
  });

  it('reports sme and the standard', () => {
    expect(classify({ row: 'industry', employees: 1200, revenue: 30000 })).toEqual({
      ok: true,
      size: 'medium',
      sme: true,
      standard: '2011-300',
      row: 'industry',
      industry: '工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）',
      figures: { employees: 1200, revenue: 30000 },
    });
    expect(classify({ row: 'industry', employees: 1000, revenue: 40000 })).toMatchObject({ size: 'large', sme: false });
  });
});

describe('classify: indicators a row needs', () => {
  const NAMES: Record<Indicator, string> = { employees: '从业人员', revenue: '营业收入', assets: '资产总额' };
  const PATHS: Record<Indicator, string> = {
    employees: '/employees',
    revenue: '/revenueLastYear',
    assets: '/totalAssets',
  };
  const full = { employees: 50, revenue: 1000, assets: 1000 };

  const missing = EXPECTED.flatMap(([row, large]) =>
    Object.keys(parse(large)).map((i) => [row, i as Indicator] as const),
  );
  it.each(missing)('%s without %s is an input error', (row, indicator) => {
    const r = classify({ row, ...full, [indicator]: undefined });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      path: PATHS[indicator],
      keyword: 'sme-size',
      params: { rule: 'missing', indicator, row },
    });
    expect(r.issues[0]!.message).toContain(NAMES[indicator]);
    expect(r.issues[0]!.message).toContain(rowLabel(row).zh);
    expect(r.issues[0]!.message).toContain('没有填写');
  });

  it('names both indicators when both are missing', () => {
    const r = classify({ row: 'construction' });
    expect(!r.ok && r.issues.map((i) => i.params.indicator)).toEqual(['revenue', 'assets']);
  });

  it.each([
    ['construction without assets', { row: 'construction', employees: 10, revenue: 500 }, 'assets', 'missing'],
    ['industry without employees', { row: 'industry', revenue: 500, assets: 1000 }, 'employees', 'missing'],
    ['null revenue', { row: 'retail', employees: 10, revenue: null }, 'revenue', 'missing'],
    ['empty revenue', { row: 'retail', employees: 10, revenue: '' }, 'revenue', 'missing'],
    ['text revenue', { row: 'retail', employees: 10, revenue: '五百万' }, 'revenue', 'not-number'],
    ['NaN revenue', { row: 'retail', employees: 10, revenue: Number.NaN }, 'revenue', 'not-number'],
    ['infinite revenue', { row: 'retail', employees: 10, revenue: Infinity }, 'revenue', 'not-number'],
    ['negative employees', { row: 'retail', employees: -1, revenue: 100 }, 'employees', 'negative'],
    ['negative assets', { row: 'construction', revenue: 100, assets: -0.01 }, 'assets', 'negative'],
    ['fractional employees', { row: 'retail', employees: 10.5, revenue: 100 }, 'employees', 'not-integer'],
  ] as Array<[string, Figures, Indicator, string]>)('%s', (_name, figures, indicator, rule) => {
    const r = classify(figures);
    expect(!r.ok && r.issues.map((i) => i.params)).toEqual([expect.objectContaining({ indicator, rule })]);
  });

  it('agriculture needs revenue only', () => {
    expect(indicatorsOf('agriculture')).toEqual(['revenue']);
    expect(sizeOf({ row: 'agriculture', revenue: 499.99 })).toBe('small');
    expect(sizeOf({ row: 'agriculture', revenue: 20000, employees: 1 })).toBe('large');
  });

  it('other needs employees only', () => {
    expect(indicatorsOf('other')).toEqual(['employees']);
    expect(sizeOf({ row: 'other', employees: 100 })).toBe('medium');
    expect(sizeOf({ row: 'other', employees: 300, revenue: 0, assets: 0 })).toBe('large');
  });

  it('an unknown row is an input error, not a guess', () => {
    const r = classify({ row: 'banking', employees: 10, revenue: 10, assets: 10 });
    expect(!r.ok && r.issues[0]).toMatchObject({
      path: '/industry/sizeRow',
      keyword: 'sme-size',
      params: { rule: 'row' },
    });
  });
});

describe('rowForIndustryCode', () => {
  it.each([
    ['A0111', 'agriculture'],
    ['A05', 'agriculture'],
    ['B0610', 'industry'],
    ['C3562', 'industry'],
    ['C35', 'industry'],
    ['D4411', 'industry'],
    ['E4710', 'construction'],
    ['F5110', 'wholesale'],
    ['F5212', 'retail'],
    ['F521', 'retail'],
    ['G5310', 'outside'],
    ['G53', 'outside'],
    ['G5411', 'transport'],
    ['G5810', 'transport'],
    ['G58', 'transport'],
    ['G5910', 'transport'],
    ['G591', 'transport'],
    ['G5920', 'warehousing'],
    ['G592', 'warehousing'],
    ['G5930', 'warehousing'],
    ['G5990', 'warehousing'],
    ['G6010', 'postal'],
    ['G60', 'postal'],
    ['F51', 'wholesale'],
    ['F52', 'retail'],
    ['D46', 'industry'],
    ['B12', 'industry'],
    ['C43', 'industry'],
    ['C13', 'industry'],
    ['E50', 'construction'],
    ['H6110', 'accommodation'],
    ['H6210', 'catering'],
    ['I6311', 'telecom'],
    ['I6421', 'telecom'],
    ['I6513', 'software_it'],
    ['I65', 'software_it'],
    ['J6610', 'financial'],
    ['J66', 'financial'],
    ['J6711', 'financial'],
    ['J6820', 'financial'],
    ['J6991', 'financial'],
    ['K7010', 'real_estate_dev'],
    ['K701', 'real_estate_dev'],
    ['K7020', 'property_mgmt'],
    ['K702', 'property_mgmt'],
    ['K7030', 'other'],
    ['K7040', 'outside'],
    ['K704', 'outside'],
    ['K7090', 'other'],
    ['L7111', 'leasing_business'],
    ['L7211', 'leasing_business'],
    ['M7320', 'other'],
    ['N7610', 'other'],
    ['O8010', 'other'],
    ['P8310', 'other'],
    ['Q8411', 'other'],
    ['Q8510', 'other'],
    ['R8610', 'other'],
    ['R90', 'other'],
    ['M75', 'other'],
    ['N79', 'other'],
    ['H62', 'catering'],
    ['I64', 'telecom'],
    ['A01', 'agriculture'],
    ['L72', 'leasing_business'],
  ])('%s → %s', (code, row) => {
    const r = rowForIndustryCode(code);
    expect(r).toMatchObject({ ok: true, row });
    expect(r.reason).toContain(code);
    if (row === 'financial') expect(r.reason).toContain('银发〔2015〕309号');
    else if (row === 'outside') expect(r.reason).toContain('主管部门');
    else expect(r.reason).toContain(rowLabel(row as SizeRowId).zh);
  });

  it.each(['S9100', 'S91', 'S9221', 'S9310', 'S9421', 'S9510', 'S9600', 'T97', 'T9700'])(
    '%s (section S or T) is not an enterprise',
    (code) => {
      const r = rowForIndustryCode(code);
      expect(r).toMatchObject({ ok: false, rule: 'not-enterprise' });
      expect(r.reason).toContain('不是企业');
      expect(r.reason).not.toMatch(/请/);
    },
  );

  it('G59 stops where 装卸搬运 (transport) and 仓储 (warehousing) part', () => {
    const r = rowForIndustryCode('G59');
    expect(r).toMatchObject({ ok: false, rule: 'ambiguous' });
    expect(r.reason).toContain('G5910');
  });

  it.each([
    ['C65', 'section', 'C 门类'],
    ['A06', 'section', '01–05'],
    ['G61', 'section', '53–60'],
    ['K71', 'section', '70–70'],
    ['E4610', 'section', '47–50'],
    ['T98', 'section', '97'],
    ['K70', 'ambiguous', 'K7010'],
    ['c3562', 'format', 'GB/T 4754-2017'],
    ['C3', 'format', '格式不对'],
    ['C35621', 'format', '格式不对'],
    ['U1234', 'format', '格式不对'],
    ['3562', 'format', '格式不对'],
    ['', 'format', '格式不对'],
    ['C 3562', 'format', '格式不对'],
  ])('%j is refused (%s)', (code, rule, text) => {
    const r = rowForIndustryCode(code);
    expect(r).toMatchObject({ ok: false, rule });
    expect(r.reason).toContain(text);
    expect(r.reasonEn).toMatch(/[a-z]/);
  });

  it('every division maps under its own section letter and is refused under any other', () => {
    const sections: Array<[string, number, number]> = [
      ['A', 1, 5],
      ['B', 6, 12],
      ['C', 13, 43],
      ['D', 44, 46],
      ['E', 47, 50],
      ['F', 51, 52],
      ['G', 53, 60],
      ['H', 61, 62],
      ['I', 63, 65],
      ['J', 66, 69],
      ['K', 70, 70],
      ['L', 71, 72],
      ['M', 73, 75],
      ['N', 76, 79],
      ['O', 80, 82],
      ['P', 83, 83],
      ['Q', 84, 85],
      ['R', 86, 90],
      ['S', 91, 96],
      ['T', 97, 97],
    ];
    for (const [letter, from, to] of sections) {
      for (let d = 0; d <= 99; d++) {
        const code = `${letter}${String(d).padStart(2, '0')}10`;
        const r = rowForIndustryCode(code);
        if (d >= from && d <= to)
          expect(r.ok || (r.rule === 'not-enterprise' && 'ST'.includes(letter)), code).toBe(true);
        else expect(r, code).toMatchObject({ ok: false, rule: 'section' });
      }
    }
  });
});

describe('checkIndustryConsistency', () => {
  it.each([
    ['C3562', 'industry'],
    ['I6513', 'software_it'],
    ['K7010', 'real_estate_dev'],
    ['G5810', 'transport'],
    ['F5212', 'retail'],
    ['J6620', 'financial'],
    ['G5910', 'transport'],
    ['K7040', 'outside'],
  ])('%s with %s agrees', (code, row) => {
    expect(checkIndustryConsistency(code, row)).toEqual([]);
  });

  it('reports a declared row that disagrees with the code', () => {
    const issues = checkIndustryConsistency('I6513', 'industry');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      keyword: 'industry-code',
      params: { rule: 'consistency', code: 'I6513', expected: 'software_it', declared: 'industry' },
    });
    expect(issues[0]!.message).toContain('“软件和信息技术服务业”');
    expect(issues[0]!.message).toContain('I6513');
    expect(issues[0]!.messageEn).toContain('Software and IT services');
  });

  it('leaves bad codes and unknown rows to their own checks', () => {
    expect(checkIndustryConsistency('K70', 'real_estate_dev')).toEqual([]);
    expect(checkIndustryConsistency('C65', 'industry')).toEqual([]);
    expect(checkIndustryConsistency('C3562', 'manufacturing')).toEqual([]);
  });
});

describe('findRow', () => {
  it.each([
    ['industry', 'industry'],
    ['software_it', 'software_it'],
    ['Software_IT', 'software_it'],
    ['工业', 'industry'],
    ['制造业', 'industry'],
    ['采矿业', 'industry'],
    ['工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）', 'industry'],
    ['软件和信息技术服务业', 'software_it'],
    ['批发业', 'wholesale'],
    ['零售业', 'retail'],
    ['农林牧渔业', 'agriculture'],
    ['农、林、牧、渔业', 'agriculture'],
    ['交通运输业', 'transport'],
    ['交通运输业(不含铁路运输业)', 'transport'],
    ['信息传输业', 'telecom'],
    ['互联网和相关服务', 'telecom'],
    ['房地产开发经营', 'real_estate_dev'],
    ['物业管理', 'property_mgmt'],
    ['租赁和商务服务业', 'leasing_business'],
    ['其他未列明行业', 'other'],
    [' 建筑业 ', 'construction'],
    ['Postal services', 'postal'],
    ['金融业', 'financial'],
    ['financial', 'financial'],
    ['铁路运输业', 'outside'],
  ])('%j → %s by name', (name, row) => {
    expect(findRow(name)).toMatchObject({ ok: true, row, via: 'name', industry: rowLabel(row as SizeRowId).zh });
  });

  it.each([
    ['C3562', 'industry'],
    ['i6513', 'software_it'],
    ['K7020', 'property_mgmt'],
    ['G53', 'outside'],
    ['J6620', 'financial'],
    ['G5910', 'transport'],
  ])('%s → %s by code', (code, row) => {
    expect(findRow(code)).toMatchObject({ ok: true, row, via: 'code' });
  });

  it.each([
    ['K70', 'K7010'],
    ['C65', 'C 门类'],
    ['火箭制造', '找不到'],
    ['', '找不到'],
  ])('%j is not found (%s)', (text, reason) => {
    const r = findRow(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });
});

describe('industries the table does not size are referred to the bureau', () => {
  it.each([
    ['financial', '银发〔2015〕309号'],
    ['outside', '工信部联企业〔2011〕300号'],
  ] as const)('%s: no size, no error, a message for the officer', (row, standardText) => {
    const r = classify({ row, employees: 5000, revenue: 900000, assets: 900000 });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([]);
    expect(r.referral).toMatchObject({ row, standard: REFERRALS[row].standard });
    expect(r.referral!.message).toContain(standardText);
    expect(r.referral!.message).toContain('主管部门');
    expect(r.referral!.message).not.toContain('其他未列明行业');
  });

  it('finance is never classified under 其他未列明行业', () => {
    for (let d = 66; d <= 69; d++) expect(rowForIndustryCode(`J${d}10`)).toMatchObject({ ok: true, row: 'financial' });
  });

  it('a finance code declared as 其他未列明行业 is inconsistent', () => {
    expect(checkIndustryConsistency('J6620', 'other')[0]!.message).toContain('金融业');
  });
});

describe('a classification records the figures it used', () => {
  it("only the row's indicators", () => {
    expect(classify({ row: 'industry', employees: 1200, revenue: 30000, assets: 1 })).toMatchObject({
      ok: true,
      size: 'medium',
      figures: { employees: 1200, revenue: 30000 },
    });
    const r = classify({ row: 'industry', employees: 1200, revenue: 30000, assets: 1 });
    expect(r.ok && r.figures).not.toHaveProperty('assets');
  });
});

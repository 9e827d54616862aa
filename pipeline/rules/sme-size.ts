/**
 * SME size classification under 《中小企业划型标准规定》(工信部联企业〔2011〕300号), kept as
 * data: one table of lower bounds, so a later revision can be added beside it. The size class
 * is computed from declared figures, never self-declared; every result names its standard.
 */
import enterprise from '../../schemas/enterprise.schema.json' with { type: 'json' };
import type { RuleResult } from '../domain/issue.ts';

export type SizeRowId =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation'
  | 'catering'
  | 'telecom'
  | 'software_it'
  | 'real_estate_dev'
  | 'property_mgmt'
  | 'leasing_business'
  | 'other';
/** Industries the 2011-300 table does not size: the bureau decides (a referral, never a guess). */
export type ReferralRowId = 'financial' | 'outside';
export type Size = 'large' | 'medium' | 'small' | 'micro';
/** X 从业人员 (persons), Y 营业收入 (万元), Z 资产总额 (万元). */
export type Indicator = 'employees' | 'revenue' | 'assets';
export type Bounds = Partial<Record<Indicator, number>>;

export interface SizeRow {
  id: SizeRowId;
  /** Lower bounds, inclusive ("及以上"); the indicators a row uses are the keys of `large`. */
  large: Bounds;
  medium: Bounds;
  small: Bounds;
}

export const STANDARD = '2011-300';

/** The 2011-300 table, row by row as the standard lists them. */
export const TABLE_2011_300: readonly SizeRow[] = [
  { id: 'agriculture', large: { revenue: 20000 }, medium: { revenue: 500 }, small: { revenue: 50 } },
  {
    id: 'industry',
    large: { employees: 1000, revenue: 40000 },
    medium: { employees: 300, revenue: 2000 },
    small: { employees: 20, revenue: 300 },
  },
  {
    id: 'construction',
    large: { revenue: 80000, assets: 80000 },
    medium: { revenue: 6000, assets: 5000 },
    small: { revenue: 300, assets: 300 },
  },
  {
    id: 'wholesale',
    large: { employees: 200, revenue: 40000 },
    medium: { employees: 20, revenue: 5000 },
    small: { employees: 5, revenue: 1000 },
  },
  {
    id: 'retail',
    large: { employees: 300, revenue: 20000 },
    medium: { employees: 50, revenue: 500 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'transport',
    large: { employees: 1000, revenue: 30000 },
    medium: { employees: 300, revenue: 3000 },
    small: { employees: 20, revenue: 200 },
  },
  {
    id: 'warehousing',
    large: { employees: 200, revenue: 30000 },
    medium: { employees: 100, revenue: 1000 },
    small: { employees: 20, revenue: 100 },
  },
  {
    id: 'postal',
    large: { employees: 1000, revenue: 30000 },
    medium: { employees: 300, revenue: 2000 },
    small: { employees: 20, revenue: 100 },
  },
  {
    id: 'accommodation',
    large: { employees: 300, revenue: 10000 },
    medium: { employees: 100, revenue: 2000 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'catering',
    large: { employees: 300, revenue: 10000 },
    medium: { employees: 100, revenue: 2000 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'telecom',
    large: { employees: 2000, revenue: 100000 },
    medium: { employees: 100, revenue: 1000 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'software_it',
    large: { employees: 300, revenue: 10000 },
    medium: { employees: 100, revenue: 1000 },
    small: { employees: 10, revenue: 50 },
  },
  {
    id: 'real_estate_dev',
    large: { revenue: 200000, assets: 10000 },
    medium: { revenue: 1000, assets: 5000 },
    small: { revenue: 100, assets: 2000 },
  },
  {
    id: 'property_mgmt',
    large: { employees: 1000, revenue: 5000 },
    medium: { employees: 300, revenue: 1000 },
    small: { employees: 100, revenue: 500 },
  },
  {
    id: 'leasing_business',
    large: { employees: 300, assets: 120000 },
    medium: { employees: 100, assets: 8000 },
    small: { employees: 10, assets: 100 },
  },
  { id: 'other', large: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
];

const SIZE_ROW_SCHEMA = enterprise.properties.industry.properties.sizeRow;
const LABELS: Record<string, string> = SIZE_ROW_SCHEMA['x-enum-labels'];
const LABELS_EN: Record<string, string> = SIZE_ROW_SCHEMA['x-enum-labels-en'];
const ROWS = new Map<string, SizeRow>(TABLE_2011_300.map((r) => [r.id, r]));

export function isSizeRowId(id: unknown): id is SizeRowId {
  return typeof id === 'string' && ROWS.has(id);
}

/**
 * Why each referral row is not sized by the table. 金融业 (section J) has its own standard,
 * 《金融业企业划型标准规定》(银发〔2015〕309号), by assets and per kind of institution; the
 * 2011-300 standard's 交通运输业 excludes 铁路运输业, and its 其他未列明行业 excludes
 * 自有房地产经营活动 by name. Putting either under 其他未列明行业 would be a guess.
 */
export const REFERRALS: Record<ReferralRowId, { zh: string; en: string; standard: string }> = {
  financial: {
    standard: '银发〔2015〕309号',
    zh: '金融业企业按《金融业企业划型标准规定》（银发〔2015〕309号）划型，不适用《中小企业划型标准规定》（工信部联企业〔2011〕300号）。系统不计算其规模，请主管部门在初审时按该标准核定是否属于中小企业。',
    en: 'Financial enterprises are sized under their own standard (Yinfa [2015] 309), not the 2011-300 standard. The size is not computed: the bureau decides at its check whether the enterprise is an SME.',
  },
  outside: {
    standard: STANDARD,
    zh: '铁路运输业和自有房地产经营活动不在《中小企业划型标准规定》（工信部联企业〔2011〕300号）所列行业之内。系统不计算其规模，请主管部门在初审时核定是否属于中小企业。',
    en: 'Railways and own-property operation are outside the rows of the 2011-300 standard. The size is not computed: the bureau decides at its check whether the enterprise is an SME.',
  },
};

export function isReferralRowId(id: unknown): id is ReferralRowId {
  return id === 'financial' || id === 'outside';
}

/** The row's Chinese and English labels, as the enterprise schema gives them. */
export function rowLabel(id: SizeRowId | ReferralRowId): { zh: string; en: string } {
  return { zh: LABELS[id] ?? id, en: LABELS_EN[id] ?? id };
}

export function indicatorsOf(id: SizeRowId): Indicator[] {
  return Object.keys(ROWS.get(id)!.large) as Indicator[];
}

/** How each indicator is named to a submitter, and where it sits in an enterprise record. */
export const INDICATORS: Record<Indicator, { zh: string; en: string; unit: string; unitEn: string; path: string }> = {
  employees: { zh: '从业人员', en: 'employees', unit: '人', unitEn: 'persons', path: '/employees' },
  revenue: { zh: '营业收入', en: 'revenue', unit: '万元', unitEn: '10,000 CNY', path: '/revenueLastYear' },
  assets: { zh: '资产总额', en: 'total assets', unit: '万元', unitEn: '10,000 CNY', path: '/totalAssets' },
};

/** The figures a classification used, as read (only the row's indicators). */
export type UsedFigures = Partial<Record<Indicator, number>>;

export type Classification =
  | {
      ok: true;
      size: Size;
      sme: boolean;
      standard: typeof STANDARD;
      row: SizeRowId;
      industry: string;
      figures: UsedFigures;
      referral?: undefined;
      issues?: undefined;
    }
  /** The table does not size this industry: no error for the submitter, a message for the officer. */
  | {
      ok: false;
      issues: [];
      referral: { row: ReferralRowId; industry: string; standard: string; message: string; messageEn: string };
    }
  | { ok: false; issues: RuleResult; referral?: undefined };

export interface Figures {
  row: SizeRowId | ReferralRowId | string;
  employees?: number | string | null;
  revenue?: number | string | null;
  assets?: number | string | null;
}

/** A figure as a number, or why it cannot be one. Plain decimal strings (from a CLI) count. */
function readFigure(
  value: unknown,
  indicator: Indicator,
): number | 'missing' | 'not-number' | 'negative' | 'not-integer' {
  if (value === undefined || value === null || value === '') return 'missing';
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) n = Number(value);
  else return 'not-number';
  if (!Number.isFinite(n)) return 'not-number';
  if (n < 0) return 'negative';
  if (indicator === 'employees' && !Number.isInteger(n)) return 'not-integer';
  return n;
}

const FIGURE_PROBLEMS = {
  missing: { zh: '没有填写', en: 'is missing' },
  'not-number': { zh: '不是数字', en: 'is not a number' },
  negative: { zh: '不能为负数', en: 'cannot be negative' },
  'not-integer': { zh: '应为整数', en: 'must be a whole number' },
} as const;

export function classify(figures: Figures): Classification {
  const { row } = figures;
  if (isReferralRowId(row)) {
    const r = REFERRALS[row];
    return {
      ok: false,
      issues: [],
      referral: { row, industry: rowLabel(row).zh, standard: r.standard, message: r.zh, messageEn: r.en },
    };
  }
  if (!isSizeRowId(row)) {
    return {
      ok: false,
      issues: [
        {
          path: '/industry/sizeRow',
          keyword: 'sme-size',
          params: { rule: 'row', standard: STANDARD },
          message: '没有选择《中小企业划型标准规定》中的行业，无法计算企业规模，请在“划型标准行业”中选择一项。',
          messageEn:
            'No row of the SME size standard is chosen, so the size cannot be computed; choose the size-standard industry.',
        },
      ],
    };
  }
  const label = rowLabel(row);
  const values: Partial<Record<Indicator, number>> = {};
  const issues: RuleResult = [];
  for (const indicator of indicatorsOf(row)) {
    const v = readFigure(figures[indicator], indicator);
    if (typeof v === 'number') {
      values[indicator] = v;
      continue;
    }
    const ind = INDICATORS[indicator];
    const problem = FIGURE_PROBLEMS[v];
    issues.push({
      path: ind.path,
      keyword: 'sme-size',
      params: { rule: v, indicator, row, standard: STANDARD },
      message: `“${label.zh}”按《中小企业划型标准规定》要用${ind.zh}计算企业规模，但${ind.zh}${problem.zh}，请填写上年${ind.zh}（${ind.unit}）。`,
      messageEn: `The size standard's “${label.en}” row needs ${ind.en} to compute the size class, but ${ind.en} ${problem.en}; give last year's ${ind.en} (${ind.unitEn}).`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const def = ROWS.get(row)!;
  // Every indicator the row lists must reach the tier's bound; missing one drops a tier.
  const meets = (bounds: Bounds) => indicatorsOf(row).every((i) => values[i]! >= bounds[i]!);
  const size: Size = meets(def.large) ? 'large' : meets(def.medium) ? 'medium' : meets(def.small) ? 'small' : 'micro';
  return { ok: true, size, sme: size !== 'large', standard: STANDARD, row, industry: label.zh, figures: values };
}

// ---- GB/T 4754-2017 industry codes → rows ------------------------------------------------

/** The divisions (two-digit codes) each GB/T 4754-2017 section spans, with its name. */
const SECTIONS: Record<string, { from: number; to: number; zh: string }> = {
  A: { from: 1, to: 5, zh: '农、林、牧、渔业' },
  B: { from: 6, to: 12, zh: '采矿业' },
  C: { from: 13, to: 43, zh: '制造业' },
  D: { from: 44, to: 46, zh: '电力、热力、燃气及水生产和供应业' },
  E: { from: 47, to: 50, zh: '建筑业' },
  F: { from: 51, to: 52, zh: '批发和零售业' },
  G: { from: 53, to: 60, zh: '交通运输、仓储和邮政业' },
  H: { from: 61, to: 62, zh: '住宿和餐饮业' },
  I: { from: 63, to: 65, zh: '信息传输、软件和信息技术服务业' },
  J: { from: 66, to: 69, zh: '金融业' },
  K: { from: 70, to: 70, zh: '房地产业' },
  L: { from: 71, to: 72, zh: '租赁和商务服务业' },
  M: { from: 73, to: 75, zh: '科学研究和技术服务业' },
  N: { from: 76, to: 79, zh: '水利、环境和公共设施管理业' },
  O: { from: 80, to: 82, zh: '居民服务、修理和其他服务业' },
  P: { from: 83, to: 83, zh: '教育' },
  Q: { from: 84, to: 85, zh: '卫生和社会工作' },
  R: { from: 86, to: 90, zh: '文化、体育和娱乐业' },
  S: { from: 91, to: 96, zh: '公共管理、社会保障和社会组织' },
  T: { from: 97, to: 97, zh: '国际组织' },
};

/**
 * Rows fixed by a whole section; divisions not listed here fall to the division table, and
 * what neither lists is 其他未列明行业 (M, N, O, P, Q, R: the standard's 科学研究和技术服务业,
 * 水利环境和公共设施管理业, 居民服务修理和其他服务业, 社会工作, 文化体育和娱乐业 "等").
 * J is 金融业 (its own standard); S and T are public administration, social organisations
 * and international organisations, not enterprises: refused (`NOT_ENTERPRISES`).
 */
const BY_SECTION: Partial<Record<string, SizeRowId | ReferralRowId>> = {
  A: 'agriculture',
  B: 'industry',
  C: 'industry',
  D: 'industry',
  E: 'construction',
  J: 'financial',
  L: 'leasing_business',
};
const BY_DIVISION: Partial<Record<number, SizeRowId | ReferralRowId>> = {
  51: 'wholesale',
  52: 'retail',
  53: 'outside', // 铁路运输业: the standard's 交通运输业 excludes it by name
  54: 'transport',
  55: 'transport',
  56: 'transport',
  57: 'transport',
  58: 'transport',
  59: 'warehousing', // 592–599 仓储; 591 装卸搬运 is 交通运输业 (below)
  60: 'postal',
  61: 'accommodation',
  62: 'catering',
  63: 'telecom',
  64: 'telecom',
  65: 'software_it',
};
const NOT_ENTERPRISES = new Set(['S', 'T']);

export type IndustryCodeResult =
  | { ok: true; row: SizeRowId | ReferralRowId; reason: string; reasonEn: string }
  | { ok: false; rule: 'format' | 'section' | 'ambiguous' | 'not-enterprise'; reason: string; reasonEn: string };

export function rowForIndustryCode(code: string): IndustryCodeResult {
  const m = /^([A-T])(\d{2})(\d{0,2})$/.exec(code);
  if (!m) {
    return {
      ok: false,
      rule: 'format',
      reason: `行业代码“${code}”格式不对：应为国民经济行业分类（GB/T 4754-2017）的门类字母加 2 至 4 位数字，如 C3562、I6513。`,
      reasonEn: `The industry code “${code}” is malformed: a GB/T 4754-2017 section letter and 2 to 4 digits, e.g. C3562, I6513.`,
    };
  }
  const [, letter, divisionText, rest] = m as unknown as [string, string, string, string];
  const section = SECTIONS[letter]!;
  const division = Number(divisionText);
  if (division < section.from || division > section.to) {
    const range = `${String(section.from).padStart(2, '0')}–${String(section.to).padStart(2, '0')}`;
    return {
      ok: false,
      rule: 'section',
      reason: `行业代码“${code}”有误：${letter} 门类（${section.zh}）只含 ${range} 大类，${divisionText} 不属于该门类，请核对门类字母和数字。`,
      reasonEn: `The industry code “${code}” is inconsistent: section ${letter} holds divisions ${range} only, not ${divisionText}; check the letter and digits.`,
    };
  }
  if (NOT_ENTERPRISES.has(letter)) {
    return {
      ok: false,
      rule: 'not-enterprise',
      reason: `行业代码“${code}”属于 ${letter} 门类（${section.zh}），这一门类是机关、社会组织或国际组织，不是企业的行业。本项目只接受企业参加。`,
      reasonEn: `The industry code “${code}” is in section ${letter} (public administration, social or international organisations), which holds no enterprises; only enterprises take part.`,
    };
  }
  let row = BY_SECTION[letter] ?? BY_DIVISION[division];
  if (division === 59) {
    // 装卸搬运和仓储业 splits by group: 591 装卸搬运 is 交通运输业, 592–599 are 仓储业.
    if (rest === '') {
      return {
        ok: false,
        rule: 'ambiguous',
        reason: `行业代码“${code}”只到大类：其中“装卸搬运”（G5910）属于交通运输业，各类仓储（G5920–G5990）属于仓储业，两者适用不同标准，请填写到小类，如 G5920。`,
        reasonEn: `The industry code “${code}” stops at the division: loading and handling (G5910) is transport, storage (G5920–G5990) is warehousing, under different rows; give the full class, e.g. G5920.`,
      };
    }
    row = rest.startsWith('1') ? 'transport' : 'warehousing';
  }
  if (letter === 'K') {
    // 房地产业 splits by group: 701 开发经营 and 702 物业管理 have rows of their own.
    if (rest === '') {
      return {
        ok: false,
        rule: 'ambiguous',
        reason: `行业代码“${code}”只到大类：房地产业中“房地产开发经营”（K7010）与“物业管理”（K7020）适用不同标准，请填写到小类，如 K7010。`,
        reasonEn: `The industry code “${code}” stops at the division: real-estate development (K7010) and property management (K7020) use different rows; give the full class, e.g. K7010.`,
      };
    }
    // 704 自有房地产经营活动 is excluded from 其他未列明行业 by name; 703 中介 and 709 其他 are in it.
    row = rest.startsWith('1')
      ? 'real_estate_dev'
      : rest.startsWith('2')
        ? 'property_mgmt'
        : rest.startsWith('4')
          ? 'outside'
          : 'other';
  }
  row ??= 'other';
  const label = rowLabel(row);
  if (isReferralRowId(row)) {
    return {
      ok: true,
      row,
      reason: `行业代码 ${code} 属于 ${letter} 门类（${section.zh}），${REFERRALS[row].zh}`,
      reasonEn: `The industry code ${code} is in section ${letter}. ${REFERRALS[row].en}`,
    };
  }
  return {
    ok: true,
    row,
    reason: `行业代码 ${code} 属于 ${letter} 门类（${section.zh}），按“${label.zh}”划型。`,
    reasonEn: `The industry code ${code} is in section ${letter}; the size standard's “${label.en}” row applies.`,
  };
}

/** The declared size row must be the one the industry code maps to (keyword `industry-code`). */
export function checkIndustryConsistency(code: string, row: string): RuleResult {
  const mapped = rowForIndustryCode(code);
  // A bad code or an unknown row is reported by the code rule and the schema's enum.
  if (!mapped.ok || !(isSizeRowId(row) || isReferralRowId(row)) || mapped.row === row) return [];
  const expected = rowLabel(mapped.row);
  const declared = rowLabel(row);
  return [
    {
      keyword: 'industry-code',
      params: { rule: 'consistency', code, expected: mapped.row, declared: row },
      message: `行业代码 ${code} 对应“${expected.zh}”，但“划型标准行业”选的是“${declared.zh}”，请改为“${expected.zh}”或核对行业代码。`,
      messageEn: `The industry code ${code} maps to “${expected.en}”, but the size-standard industry chosen is “${declared.en}”; choose “${expected.en}” or check the code.`,
    },
  ];
}

// ---- finding a row by name (CLI) -----------------------------------------------------------

/** Short names people use for a row, beyond the id and the schema's label. */
const ALIASES: Record<string, SizeRowId | ReferralRowId> = {
  农业: 'agriculture',
  林业: 'agriculture',
  畜牧业: 'agriculture',
  渔业: 'agriculture',
  农林牧渔业: 'agriculture',
  工业: 'industry',
  采矿业: 'industry',
  制造业: 'industry',
  电力热力燃气及水生产和供应业: 'industry',
  批发: 'wholesale',
  零售: 'retail',
  交通运输: 'transport',
  道路运输业: 'transport',
  水上运输业: 'transport',
  航空运输业: 'transport',
  管道运输业: 'transport',
  信息传输: 'telecom',
  电信: 'telecom',
  互联网和相关服务: 'telecom',
  广播电视和卫星传输服务: 'telecom',
  软件: 'software_it',
  软件业: 'software_it',
  信息技术服务业: 'software_it',
  房地产开发: 'real_estate_dev',
  租赁业: 'leasing_business',
  商务服务业: 'leasing_business',
  其他: 'other',
  金融业: 'financial',
  金融: 'financial',
  铁路运输业: 'outside',
  自有房地产经营活动: 'outside',
};

// Compare names without spaces, punctuation or a parenthetical, in either width.
const squash = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s、，,.。·・]/g, '')
    .toLowerCase();
const withoutParenthetical = (s: string) => s.normalize('NFKC').replace(/\(.*\)$/, '');

const NAMES = new Map<string, SizeRowId | ReferralRowId>();
for (const id of [...TABLE_2011_300.map((r) => r.id), 'financial', 'outside'] as const) {
  const label = rowLabel(id);
  for (const name of [id, label.zh, withoutParenthetical(label.zh), label.en, withoutParenthetical(label.en)])
    NAMES.set(squash(name), id);
}
for (const [name, id] of Object.entries(ALIASES)) NAMES.set(squash(name), id);

export type FindRowResult =
  | { ok: true; row: SizeRowId | ReferralRowId; industry: string; via: 'name' | 'code'; reason?: string }
  | { ok: false; message: string; messageEn: string };

/** A row from its id, its Chinese label or a short form (工业, 软件业 …) or a GB/T 4754 code. */
export function findRow(nameOrCode: string): FindRowResult {
  const text = nameOrCode.trim();
  const byName = NAMES.get(squash(text)) ?? NAMES.get(squash(withoutParenthetical(text)));
  if (byName) return { ok: true, row: byName, industry: rowLabel(byName).zh, via: 'name' };
  if (/^[A-Za-z]\d{2,4}$/.test(text)) {
    const r = rowForIndustryCode(text.toUpperCase());
    return r.ok
      ? { ok: true, row: r.row, industry: rowLabel(r.row).zh, via: 'code', reason: r.reason }
      : { ok: false, message: r.reason, messageEn: r.reasonEn };
  }
  return {
    ok: false,
    message: `找不到“${text}”对应的划型标准行业，请使用行业名称（如 工业、软件和信息技术服务业）或行业代码（如 C3562）。`,
    messageEn: `No size-standard row matches “${text}”; use a row name (e.g. 工业, 软件和信息技术服务业) or an industry code (e.g. C3562).`,
  };
}

/**
 * Which column of a published catalogue holds what, found by its header. MIIT's lists and
 * the provinces' copies of them name columns a little differently from year to year
 * (需求编号 or 目录编号, 发榜企业 or 企业名称, one 所在省份/城市 column or two), put a merged
 * title row or two above the header, and carry full-width characters and stray spaces:
 * headers are compared after NFKC and with every space removed.
 */
import { CatalogueError, columnLetter } from './read-table.ts';

export type Column =
  | 'serial'
  | 'catalogueNo'
  | 'title'
  | 'issuerName'
  | 'region'
  | 'province'
  | 'city'
  | 'field'
  | 'demandType'
  | 'summary'
  | 'contact';

/** Header names each column is known by (normalized as `normalizeHeader` does). */
export const SYNONYMS: Record<Column, readonly string[]> = {
  serial: ['序号', '编号序号'],
  catalogueNo: ['需求编号', '目录编号', '需求目录编号', '榜单编号', '项目编号'],
  title: ['需求名称', '技术需求名称', '需求题目', '项目名称', '需求项目名称'],
  issuerName: ['发榜企业', '发榜企业名称', '企业名称', '发榜单位', '需求企业', '需求单位', '发布企业'],
  region: ['所在省份/城市', '所在省市', '省份/城市', '所在地区', '所在地', '省市'],
  province: ['所在省份', '省份', '所在省', '省(区、市)', '省(自治区、直辖市)'],
  city: ['所在城市', '城市', '所在市', '地市', '所在地市'],
  field: ['所属领域', '领域', '行业领域', '技术领域', '所属行业'],
  demandType: ['需求类型', '类型', '需求类别'],
  summary: ['需求简介', '需求描述', '需求内容', '主要内容', '需求概述', '需求简述'],
  contact: ['联系方式', '联系人及电话', '联系人及联系方式', '联系电话'],
};

/** Names shown to people for each column (the first synonym, and what else is accepted). */
export const COLUMN_NAMES: Record<Column, string> = Object.fromEntries(
  Object.entries(SYNONYMS).map(([k, names]) => [
    k,
    names.length > 1 ? `${names[0]}（或 ${names.slice(1, 3).join('、')}）` : names[0],
  ]),
) as Record<Column, string>;

/**
 * A cell's text as stored: full-width letters and digits become ASCII, runs of spaces
 * (the ideographic one too) one space, trimmed. Chinese punctuation （）：、 stays as
 * written — NFKC would turn it into ASCII, which Chinese text does not use.
 */
export function normalizeCell(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200b\ufeff]+/g, ' ')
    .trim();
}

/** A number or code as compared and stored: NFKC, every space removed. */
export function normalizeCode(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
}

export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff*＊]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

const LOOKUP = new Map<string, Column>(
  Object.entries(SYNONYMS).flatMap(([col, names]) => names.map((n) => [normalizeHeader(n), col as Column] as const)),
);

export interface HeaderMap {
  /** The header row (1-based). */
  row: number;
  /** Each column found: its index and the header as written. */
  columns: Partial<Record<Column, { index: number; header: string }>>;
}

/** How far down a header is looked for: a title, a subtitle, a date line and a blank are common above it. */
const HEADER_SEARCH_ROWS = 20;

/**
 * The header row: the first of the top rows that names a title column and at least one
 * other known column. Missing required columns, or a column named twice, refuse the file.
 */
export function mapHeader(rows: readonly string[][], name: string): HeaderMap {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const found: HeaderMap['columns'] = {};
    let known = 0;
    for (const [i, cell] of (rows[r] ?? []).entries()) {
      const col = LOOKUP.get(normalizeHeader(cell));
      if (!col) continue;
      known++;
      const earlier = found[col];
      if (earlier) {
        throw new CatalogueError(
          `目录文件 ${name} 第 ${r + 1} 行的表头中，“${earlier.header}”（${columnLetter(earlier.index)} 列）和“${normalizeCell(cell)}”（${columnLetter(i)} 列）是同一列，无法判断用哪一列。`,
          `Row ${r + 1} of ${name} names the same column twice (${columnLetter(earlier.index)} and ${columnLetter(i)}).`,
        );
      }
      found[col] = { index: i, header: normalizeCell(cell) };
    }
    if (!found.title || known < 2) continue;
    const missing: Column[] = [];
    if (!found.catalogueNo) missing.push('catalogueNo');
    if (!found.region && !found.province) missing.push('region');
    if (missing.length) {
      const names = missing.map((c) => (c === 'region' ? '所在省份/城市（或 所在省份）' : COLUMN_NAMES[c]));
      throw new CatalogueError(
        `目录文件 ${name} 缺少必需的列：${names.join('、')}。第 ${r + 1} 行的表头是：${(rows[r] ?? []).map(normalizeCell).filter(Boolean).join('、')}。`,
        `${name} lacks required columns: ${missing.join(', ')} (header on row ${r + 1}).`,
      );
    }
    return { row: r + 1, columns: found };
  }
  throw new CatalogueError(
    `目录文件 ${name} 的前 ${HEADER_SEARCH_ROWS} 行中找不到表头：表头应有“需求名称”“需求编号（或 目录编号）”“所在省份/城市”等列。`,
    `No header row (需求名称, 需求编号, 所在省份/城市 …) in the first ${HEADER_SEARCH_ROWS} rows of ${name}.`,
  );
}

const MUNICIPALITIES = ['北京', '天津', '上海', '重庆'];
const PROVINCE_SUFFIX = /^(.+?(?:省|自治区|特别行政区))(.*)$/;
const ABBREVIATED = ['内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门'];

/** "江苏省苏州市", "江苏省/苏州市", "江苏 苏州", "上海市浦东新区" → province and city (as written; no suffix is invented). */
export function splitRegion(value: string): { province: string; city?: string } | undefined {
  const v = normalizeCell(value);
  if (!v) return undefined;
  const parts = v.split(/\s*[/／、,，|\-—\s]\s*/).filter(Boolean);
  if (parts.length >= 2) return { province: parts[0]!, city: parts[1]! };
  const muni = MUNICIPALITIES.find((m) => v.startsWith(m));
  if (muni) return { province: `${muni}市`, city: `${muni}市` };
  const m = PROVINCE_SUFFIX.exec(v);
  if (m) return m[2] ? { province: m[1]!, city: m[2] } : { province: m[1]! };
  const abbr = ABBREVIATED.find((a) => v.startsWith(a) && v.length > a.length);
  if (abbr) return { province: abbr, city: v.slice(abbr.length) };
  return { province: v };
}

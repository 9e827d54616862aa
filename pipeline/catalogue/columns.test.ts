import { describe, expect, it } from 'vitest';
import { mapHeader, normalizeCell, normalizeCode, splitRegion } from './columns.ts';
import { CatalogueError } from './read-table.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof CatalogueError) return e.zh;
    throw e;
  }
  throw new Error('not refused');
};

describe('mapHeader', () => {
  it('finds the header below merged title rows, by synonyms, full-width and spaced', () => {
    const rows = [
      ['2026年度大企业技术创新需求目录', '', ''],
      ['', '', ''],
      ['序　号', ' 目录编号 ', '需 求 名 称', '企业名称', '所在省份／城市', '领域', '需求类别', '联系人及电话'],
    ];
    const h = mapHeader(rows, 'x.csv');
    expect(h.row).toBe(3);
    expect(Object.fromEntries(Object.entries(h.columns).map(([k, v]) => [k, v!.index]))).toEqual({
      serial: 0,
      catalogueNo: 1,
      title: 2,
      issuerName: 3,
      region: 4,
      field: 5,
      demandType: 6,
      contact: 7,
    });
  });

  it.each([
    ['需求编号', '需求名称', '所在省份', '所在城市'],
    ['需求编号', '需求名称', '省份'],
    ['编号序号', '榜单编号', '技术需求名称', '所在地区'],
  ])('accepts the header %s …', (...header) => {
    expect(mapHeader([header], 'x.csv').row).toBe(1);
  });

  it.each([
    [[['序号', '需求名称', '发榜企业']], '缺少必需的列：需求编号（或 目录编号、需求目录编号）、所在省份/城市'],
    [[['需求编号', '需求名称', '发榜企业']], '缺少必需的列：所在省份/城市'],
    [[['需求编号', '需求名称', '目录编号', '所在省份']], '“需求编号”（A 列）和“目录编号”（C 列）是同一列'],
    [
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      '找不到表头',
    ],
  ])('refuses %j', (rows, message) => {
    expect(refusal(() => mapHeader(rows, 'x.csv'))).toContain(message);
  });
});

describe('cells', () => {
  it('folds full-width letters, digits and spaces but keeps Chinese punctuation', () => {
    expect(normalizeCell('  医用级ＰＥＥＫ（聚醚醚酮）：　２号  ')).toBe('医用级PEEK（聚醚醚酮）： 2号');
    expect(normalizeCode(' ＭＩＩＴ－2026 －0102 ')).toBe('MIIT-2026-0102');
  });

  it.each([
    ['江苏省苏州市', { province: '江苏省', city: '苏州市' }],
    ['江苏省/苏州市', { province: '江苏省', city: '苏州市' }],
    ['江苏 苏州', { province: '江苏', city: '苏州' }],
    ['广东省', { province: '广东省' }],
    ['上海市', { province: '上海市', city: '上海市' }],
    ['重庆', { province: '重庆市', city: '重庆市' }],
    ['内蒙古自治区包头市', { province: '内蒙古自治区', city: '包头市' }],
    ['广西南宁市', { province: '广西', city: '南宁市' }],
    ['', undefined],
  ])('splitRegion(%s)', (value, expected) => {
    expect(splitRegion(value)).toEqual(expected);
  });
});

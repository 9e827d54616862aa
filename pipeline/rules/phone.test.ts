import { describe, expect, it } from 'vitest';
import { checkLandline, checkMobile, normalizeMobile } from './phone.ts';

describe('checkMobile: accepted forms', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
  ])('%s', (value, digits) => {
    expect(checkMobile(value)).toEqual([]);
    expect(normalizeMobile(value)).toBe(digits);
  });
});

describe('checkMobile: rejected forms name the failed rule', () => {
  it.each([
    // [value, rule, text the Chinese message must contain]
    ['１３８１２３４５６７８', 'fullwidth', '半角'],
    ['138１2345678', 'fullwidth', '“１”'],
    ['138\u30001234\u30005678', 'fullwidth', '半角'], // ideographic space
    ['138.1234.5678', 'chars', '“.”'],
    ['tel:13812345678', 'chars', '“t”'],
    ['+85291234567', 'country-code', '中国大陆'],
    ['+1 4155552671', 'country-code', '中国大陆'],
    ['138--1234-5678', 'format', '格式不对'],
    [' 13812345678', 'format', '格式不对'],
    ['13812345678-', 'format', '格式不对'],
    ['', 'format', '格式不对'],
    ['1381234567', 'length', '是 10 位'],
    ['138123456789', 'length', '是 12 位'],
    ['+86 1381234567', 'length', '11 位'],
    ['12812345678', 'prefix', '13 至 19'],
    ['23812345678', 'prefix', '13 至 19'],
    ['0592-2896792', 'prefix', '固定电话'],
  ])('%j → %s', (value, rule, text) => {
    const issues = checkMobile(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.keyword).toBe('mobile');
    expect(issues[0]!.params.rule).toBe(rule);
    expect(issues[0]!.message).toContain(text);
    expect(issues[0]!.messageEn).toMatch(/[a-z]/);
    expect(normalizeMobile(value)).toBeUndefined();
  });
});

describe('checkLandline: accepted forms', () => {
  it.each([
    '0592-2896792',
    '(0592)2896792',
    '(0592) 2896792',
    '(010)12345678',
    '010-12345678',
    '021 62345678',
    '0592 2896792',
    '05922896792',
    '01012345678',
    '0592-2896792-1',
    '0592-2896792-123456',
    '010-12345678-8001',
    '0898-66123456',
    '400-123-4567',
    '4001234567',
    '800 123 4567',
    '400-1234567',
  ])('%s', (value) => {
    expect(checkLandline(value)).toEqual([]);
  });
});

describe('checkLandline: rejected forms name the failed rule', () => {
  it.each([
    ['（0592）2896792', 'fullwidth', '“（”'],
    ['０５９２-２８９６７９２', 'fullwidth', '半角'],
    ['0592—2896792', 'chars', '“—”'],
    ['0592-2896792转123', 'chars', '“转”'],
    ['+86 592 2896792', 'chars', '“+”'],
    ['400-123-456', 'service', '10 位'],
    ['800-1234-56789', 'service', '10 位'],
    ['13812345678', 'mobile', '手机号码'],
    ['138-1234-5678', 'mobile', '手机号码'],
    ['2896792', 'area-code', '区号'],
    ['592-2896792', 'area-code', '区号'],
    ['0100-12345678', 'area-code', '区号'],
    ['059-22896792', 'area-code', '区号'],
    ['0592-289679', 'number', '7 至 8 位'],
    ['0592-289679212', 'number', '7 至 8 位'],
    ['010-02345678', 'number', '不以 0 开头'],
    ['0592-2896792-1234567', 'extension', '6 位'],
    ['0592-2896792-', 'format', '格式不对'],
    ['(0592-2896792', 'format', '格式不对'],
    ['', 'format', '格式不对'],
  ])('%j → %s', (value, rule, text) => {
    const issues = checkLandline(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.keyword).toBe('landline');
    expect(issues[0]!.params.rule).toBe(rule);
    expect(issues[0]!.message).toContain(text);
    expect(issues[0]!.messageEn).toMatch(/[a-z]/);
  });
});

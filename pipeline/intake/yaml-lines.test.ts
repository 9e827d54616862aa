import { describe, expect, it } from 'vitest';
import { lineOfPointer } from './yaml-lines.ts';

const text = [
  'id: XM-2026-001-A05', // 1
  'demandId: XM-2026-001', // 2
  'applicant:', // 3
  '  uscc: 913502000000056G3N', // 4
  '  name: 厦门芯感', // 5
  'indicatorResponses:', // 6
  '  - indicator: 零点温漂', // 7
  '    committedValue: ≤0.015', // 8
  '  - indicator: 寿命', // 9
  '', // 10
].join('\n');

describe('lineOfPointer', () => {
  it('finds keys, nested keys and list items', () => {
    expect(lineOfPointer(text, '/demandId')).toBe(2);
    expect(lineOfPointer(text, '/applicant/name')).toBe(5);
    expect(lineOfPointer(text, '/indicatorResponses/0/committedValue')).toBe(8);
    expect(lineOfPointer(text, '/indicatorResponses/1')).toBe(9);
  });

  it('points a missing field at the deepest part that exists', () => {
    expect(lineOfPointer(text, '/indicatorResponses/1/committedValue')).toBe(9);
    expect(lineOfPointer(text, '/chapters/plan')).toBe(1);
    expect(lineOfPointer(text, '')).toBe(1);
  });

  it('counts front matter lines from the top of a page', () => {
    expect(lineOfPointer('---\ntitle: 指南\ndescription: 说明\n---\n\n正文', '/description', true)).toBe(3);
  });

  it('survives text that is not YAML at all', () => {
    expect(lineOfPointer(': : :\n\t- [', '/a/b')).toBeGreaterThanOrEqual(1);
    expect(lineOfPointer('', '/a')).toBe(1);
  });
});

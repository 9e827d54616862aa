import { describe, expect, it } from 'vitest';
import { toCsv } from './rows.ts';

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs it', () => {
    const csv = toCsv([
      ['需求编号', '需求名称'],
      ['XM-2026-001', '含,逗号和"引号"'],
      ['XM-2026-002', null],
    ]);
    expect(csv).toBe('\uFEFF需求编号,需求名称\r\nXM-2026-001,"含,逗号和""引号"""\r\nXM-2026-002,\r\n');
  });

  it('keeps a spreadsheet from running submitted text as a formula', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '-40～85', '@SUM(A1)', 5]])).toBe(
      '\uFEFF"\'=HYPERLINK(""http://x"")",\'+1,\'-40～85,\'@SUM(A1),5\r\n',
    );
  });
});

import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it, vi } from 'vitest';
import { COLUMNS, type Cell } from './rows.ts';
import { catalogueWorkbook } from './workbook.ts';
import { columnLetters } from './xlsx-autofilter.ts';

describe('the catalogue workbook’s auto-filter', () => {
  it('names columns as a spreadsheet does', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('filters the header row down to the last row, and the workbook still reads as written', async () => {
    const headers: Cell[] = COLUMNS.map((_, i) => `列${i + 1}`);
    const rows: Cell[][] = [1, 2, 3].map((n) => COLUMNS.map((_, i) => (i === 0 ? `XM-2026-00${n}` : `值'${n}`)));
    const bytes = await catalogueWorkbook(
      [headers, ...rows],
      '需求目录',
      new Date('2026-12-01T02:00:00Z'),
      "厦门'需求",
    );
    const files = unzipSync(new Uint8Array(bytes));
    const last = columnLetters(COLUMNS.length);
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain(`</sheetData><autoFilter ref="A3:${last}6"/>`);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'厦门''需求'!$A$3:$${last}$6</definedName>`,
    );
    const [sheet] = await readXlsxFile(bytes);
    const table = sheet!.data;
    expect(table[2]).toEqual(headers);
    expect(table.slice(3).map((r) => r[0])).toEqual(['XM-2026-001', 'XM-2026-002', 'XM-2026-003']);
  });

  it('is the same bytes for the same catalogue at the same moment, made at any time', async () => {
    const table: Cell[][] = [COLUMNS.map((c) => c.header), COLUMNS.map((_, i) => (i === 0 ? 'XM-2026-001' : '值'))];
    const asOf = new Date('2026-06-15T02:00:00Z');
    const at = async (clock: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(clock) });
      try {
        return await catalogueWorkbook(table, '需求目录', asOf, 'XM-2026');
      } finally {
        vi.useRealTimers();
      }
    };
    const first = await at('2026-06-15T02:00:00Z');
    expect((await at('2026-06-16T09:30:00Z')).equals(first)).toBe(true);
    const other = await catalogueWorkbook(table, '需求目录', new Date('2027-06-15T02:00:00Z'), 'XM-2026');
    expect(other.equals(first)).toBe(false);
  });
});

/**
 * A round's catalogue as an Excel sheet people can use as it opens: a title row and the
 * moment the data is as of, bold headers frozen under them, column widths that fit the
 * Chinese text, deadlines as real dates (sortable, filterable), an auto-filter on the header row, and amounts as numbers —
 * 面议 goes to a note column, so the amount column holds numbers only. The rows are the
 * CSV's (rows.ts); this only shapes them for a spreadsheet.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { minute } from '../render/format.ts';
import { COLUMNS, type Cell } from './rows.ts';
import { withAutoFilter } from './xlsx-autofilter.ts';

/** Display width of a cell's text: CJK characters count double. */
function textWidth(v: Cell): number {
  if (v === null) return 0;
  let w = 0;
  for (const ch of String(v)) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The workbook's bytes for a table (headers first) titled `title`, as of `asOf`. */
export async function catalogueWorkbook(table: Cell[][], title: string, asOf: Date, sheet: string): Promise<Buffer> {
  const [headers, ...body] = table;
  const dateColumns = new Set(COLUMNS.flatMap((c, i) => (c.kind === 'date' ? [i] : [])));
  const widths = headers!.map((h, i) =>
    Math.min(60, Math.max(8, textWidth(h), ...body.slice(0, 500).map((r) => textWidth(r[i] ?? null))) + 2),
  );
  const data: SheetData = [
    [{ value: title, fontWeight: 'bold', fontSize: 14 }],
    [`数据截至 ${minute(asOf)}（北京时间）`],
    headers!.map((value) => ({
      value: String(value),
      fontWeight: 'bold' as const,
      backgroundColor: '#EEEEEE',
      wrap: true,
    })),
    ...body.map((row) =>
      row.map((value, i) => {
        if (value === null || value === '') return null;
        if (dateColumns.has(i) && typeof value === 'string' && DATE.test(value))
          return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy"年"m"月"d"日"' };
        return typeof value === 'number' ? { value, type: Number } : { value: String(value), type: String };
      }),
    ),
  ] as SheetData;
  const xlsx = await writeXlsxFile(data, {
    sheet,
    stickyRowsCount: 3,
    columns: widths.map((width) => ({ width })),
  }).toBuffer();
  // Row 3 holds the headers (title and as-of above): each column filterable as it opens.
  return withAutoFilter(xlsx, sheet, 3, 3 + body.length, headers!.length, asOf);
}

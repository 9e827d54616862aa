/**
 * An auto-filter on a sheet's header row, which write-excel-file does not write: the
 * worksheet's <autoFilter> (the drop-downs) and the workbook's hidden _xlnm._FilterDatabase
 * name (Excel and LibreOffice both keep the filter through a save only with it). Applied to
 * the finished .xlsx as a zip; the sheet is the workbook's first and only one.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const SHEET = 'xl/worksheets/sheet1.xml';
const WORKBOOK = 'xl/workbook.xml';

/** A column's letters: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * The workbook with a filter over rows headerRow..lastRow (1-based) of columns 1..columns.
 * Its files are dated `asOf` (the data's moment), not the clock: the same catalogue at the
 * same moment is the same bytes, from any build.
 */
export function withAutoFilter(
  xlsx: Uint8Array,
  sheetName: string,
  headerRow: number,
  lastRow: number,
  columns: number,
  asOf: Date,
): Buffer {
  const files = unzipSync(xlsx);
  const sheet = files[SHEET] && strFromU8(files[SHEET]);
  const workbook = files[WORKBOOK] && strFromU8(files[WORKBOOK]);
  if (!sheet?.includes('</sheetData>') || !workbook)
    throw new Error('withAutoFilter: not a one-sheet workbook as write-excel-file writes it');
  const last = columnLetters(columns);
  const ref = `A${headerRow}:${last}${Math.max(lastRow, headerRow)}`;
  // <autoFilter> comes right after <sheetData> in the schema's element order (before mergeCells etc.).
  files[SHEET] = strToU8(sheet.replace('</sheetData>', `</sheetData><autoFilter ref="${ref}"/>`));
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  const name = `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlAttr(`${quoted}!$A$${headerRow}:$${last}$${Math.max(lastRow, headerRow)}`)}</definedName>`;
  files[WORKBOOK] = strToU8(
    workbook.includes('<definedNames/>')
      ? workbook.replace('<definedNames/>', `<definedNames>${name}</definedNames>`)
      : workbook.includes('</definedNames>')
        ? workbook.replace('</definedNames>', `${name}</definedNames>`)
        : workbook.replace('</sheets>', `</sheets><definedNames>${name}</definedNames>`),
  );
  return Buffer.from(zipSync(files, { level: 6, mtime: asOf }));
}

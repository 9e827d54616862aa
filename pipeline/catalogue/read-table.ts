/**
 * A published catalogue file (XLSX or CSV) as a table of text cells, or a clear refusal.
 * Nothing in the file is trusted: its size is capped before anything is parsed, an XLSX is
 * a zip whose inflated size is capped too, formulas are refused (never evaluated, and their
 * cached results are not taken on trust either), and a CSV must be text (UTF-8, or the
 * GB18030 that spreadsheet programs in China save by default).
 */
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';

/** A refusal of the whole file, said in Chinese (and English) for the officer importing it. */
export class CatalogueError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.zh = zh;
    this.en = en;
  }
}

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_INFLATED_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 5000;

export interface Table {
  format: 'xlsx' | 'csv';
  /** Rows of cells as text (empty string for an empty cell), row 1 first. */
  rows: string[][];
}

/** Column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** A file over the size cap, refused by its size alone (callers check it before reading the file). */
export function tooLarge(name: string, size: number): CatalogueError {
  return new CatalogueError(
    `目录文件 ${name} 有 ${(size / 1048576).toFixed(1)} MB，超过 ${MAX_FILE_BYTES / 1048576} MB 上限，不像是需求目录，未导入。`,
    `${name} is larger than ${MAX_FILE_BYTES / 1048576} MB; not imported.`,
  );
}

export async function readTable(bytes: Uint8Array, name: string): Promise<Table> {
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(name, bytes.length);
  if (bytes.length === 0) throw new CatalogueError(`目录文件 ${name} 是空文件。`, `${name} is empty.`);
  if (isOle(bytes))
    throw new CatalogueError(
      `目录文件 ${name} 是旧版 Excel（.xls）格式，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。`,
      `${name} is an old .xls workbook; save it as .xlsx or CSV first.`,
    );
  if (isZip(bytes)) return { format: 'xlsx', rows: await readXlsx(bytes, name) };
  if (/\.xlsx$/i.test(name))
    throw new CatalogueError(
      `目录文件 ${name} 的扩展名是 .xlsx，但内容不是 XLSX 工作簿（文件可能已损坏）。`,
      `${name} is not an XLSX workbook.`,
    );
  return { format: 'csv', rows: parseCsv(decodeText(bytes, name), name) };
}

/** The first worksheet's path in the workbook (xl/workbook.xml's first sheet, through its relationships). */
function firstSheetPath(files: Record<string, Uint8Array>): string | undefined {
  const text = (p: string) => (files[p] ? new TextDecoder().decode(files[p]) : '');
  const rid = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(text('xl/workbook.xml'))?.[1];
  const rels = text('xl/_rels/workbook.xml.rels');
  const target = rid
    ? (new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${rid}"`).exec(rels)?.[1])
    : undefined;
  if (!target)
    return Object.keys(files)
      .filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))
      .sort()[0];
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

async function readXlsx(bytes: Uint8Array, name: string): Promise<string[][]> {
  let files: Record<string, Uint8Array>;
  let inflated = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        inflated += f.originalSize;
        if (inflated > MAX_INFLATED_BYTES)
          throw new CatalogueError(
            `目录文件 ${name} 解压后超过 ${MAX_INFLATED_BYTES / 1048576} MB，不像是需求目录，未导入。`,
            `${name} inflates to more than ${MAX_INFLATED_BYTES / 1048576} MB.`,
          );
        return f.name.startsWith('xl/');
      },
    });
  } catch (e) {
    if (e instanceof CatalogueError) throw e;
    throw new CatalogueError(
      `目录文件 ${name} 不是有效的 XLSX 工作簿（无法解压），请用 Excel 或 WPS 重新保存后再导入。`,
      `${name} is not a valid XLSX workbook.`,
    );
  }
  const sheet = firstSheetPath(files);
  const xml = sheet && files[sheet] ? new TextDecoder().decode(files[sheet]) : undefined;
  if (!xml) throw new CatalogueError(`目录文件 ${name} 中没有工作表。`, `${name} has no worksheet.`);
  // A formula's cell: <c r="B5" ...><f>…</f>. Its cached value may be stale or crafted.
  const formula = /<(?:\w+:)?c\b[^>]*\br="([A-Z]+\d+)"[^>]*>\s*<(?:\w+:)?f\b/.exec(xml);
  if (formula) {
    throw new CatalogueError(
      `目录文件 ${name} 的单元格 ${formula[1]} 含有公式。本系统不计算公式，也不采用公式的缓存结果：请把公式转换为数值（复制后“选择性粘贴—数值”）再导入。`,
      `Cell ${formula[1]} of ${name} holds a formula; formulas are never evaluated. Paste values instead.`,
    );
  }
  let data: unknown[][];
  try {
    data = await readSheet(Buffer.from(bytes), 1);
  } catch {
    throw new CatalogueError(
      `目录文件 ${name} 的第一个工作表无法读取，请用 Excel 或 WPS 重新保存后再导入。`,
      `The first worksheet of ${name} cannot be read.`,
    );
  }
  if (data.length > MAX_ROWS) throw tooManyRows(name, data.length);
  return data.map((row) => row.map(cellText));
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

const tooManyRows = (name: string, n: number) =>
  new CatalogueError(
    `目录文件 ${name} 有 ${n} 行，超过 ${MAX_ROWS} 行上限，不像是一份需求目录。`,
    `${name} has ${n} rows, more than ${MAX_ROWS}.`,
  );

/** UTF-8 (a BOM is dropped), else GB18030; binary (a NUL) or neither is refused. */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes.includes(0)) throw notText(name);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      /* try the next */
    }
  }
  throw notText(name);
}

const notText = (name: string) =>
  new CatalogueError(
    `目录文件 ${name} 既不是 XLSX 工作簿，也不是 CSV 文本（UTF-8 或 GB18030），未导入。`,
    `${name} is neither an XLSX workbook nor CSV text.`,
  );

/**
 * RFC 4180 CSV: fields separated by commas (or tabs, when the first line has tabs and no
 * commas), quotes doubled inside quoted fields, CRLF or LF line ends. A field that opens a
 * quote and never closes it is refused, naming its row.
 */
export function parseCsv(text: string, name: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      continue;
    }
    if (c === sep) {
      row.push(field);
      field = '';
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
      if (rows.length > MAX_ROWS) throw tooManyRows(name, rows.length);
      continue;
    }
    field += c;
  }
  if (quoted)
    throw new CatalogueError(
      `目录文件 ${name} 第 ${quoteLine} 行有一个引号没有闭合，文件可能已损坏。`,
      `Row ${quoteLine} of ${name} opens a quote that never closes.`,
    );
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  if (rows.length > MAX_ROWS) throw tooManyRows(name, rows.length);
  return rows;
}

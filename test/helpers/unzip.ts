/**
 * Reading the entries of a ZIP archive (an .xlsx is one) with node:zlib, for tests that
 * check what a workbook holds: the central directory gives each entry's name, method,
 * size and offset; stored entries are copied, deflated ones inflated.
 */
import { inflateRawSync } from 'node:zlib';

export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The text of every cell of an .xlsx sheet, row by row (shared and inline strings, numbers). */
export function xlsxSheets(buf: Buffer): Map<string, string[][]> {
  const files = unzip(buf);
  const text = (name: string) => files.get(name)?.toString('utf8') ?? '';
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decode([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const names = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => decode(m[1]!));
  const out = new Map<string, string[][]>();
  names.forEach((name, i) => {
    const rows = [...text(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
      [...row[1]!.matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
        const attrs = c[1]!;
        const inner = c[2] ?? '';
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        if (/t="s"/.test(attrs)) return shared[Number(v)] ?? '';
        if (/t="inlineStr"/.test(attrs))
          return decode([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
        return v === undefined ? '' : decode(v);
      }),
    );
    out.set(name, rows);
  });
  return out;
}

export interface XlsxLayout {
  /** Merged ranges, e.g. A1:M1. */
  merges: string[];
  /** Rows frozen at the top (0 when none). */
  frozenRows: number;
  /** Column widths in characters, by column number from 1. */
  widths: Map<number, number>;
  /** Each cell by reference (A5): its raw value and its number format (a date format marks a date). */
  cells: Map<string, { value: string; format?: string }>;
}

/** The layout of the first sheet of an .xlsx: merges, frozen rows, widths and cell formats. */
export function xlsxLayout(buf: Buffer): XlsxLayout {
  const files = unzip(buf);
  const sheet = files.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
  const styles = files.get('xl/styles.xml')?.toString('utf8') ?? '';
  const formats = new Map(
    [...styles.matchAll(/<numFmt [^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&quot;/g, '"'),
    ]),
  );
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)>/g)].map(
    (m) => /numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? '0',
  );
  const cells = new Map<string, { value: string; format?: string }>();
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const style = /s="(\d+)"/.exec(m[2]!)?.[1];
    const fmtId = style !== undefined ? xfs[Number(style)] : undefined;
    const format = fmtId !== undefined ? formats.get(fmtId) : undefined;
    cells.set(m[1]!, { value: /<v>([\s\S]*?)<\/v>/.exec(m[3] ?? '')?.[1] ?? '', ...(format ? { format } : {}) });
  }
  const widths = new Map<number, number>();
  for (const m of sheet.matchAll(/<col [^>]*min="(\d+)"[^>]*max="(\d+)"[^>]*width="([\d.]+)"/g))
    for (let i = Number(m[1]); i <= Number(m[2]); i++) widths.set(i, Number(m[3]));
  const pane = /<pane [^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(sheet);
  return {
    merges: [...sheet.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]!),
    frozenRows: pane ? Number(pane[1]) : 0,
    widths,
    cells,
  };
}

/** An Excel date serial (days since 1899-12-30) as YYYY-MM-DD. */
export function excelSerialDate(serial: string): string {
  return new Date(Math.round((Number(serial) - 25569) * 86_400_000)).toISOString().slice(0, 10);
}

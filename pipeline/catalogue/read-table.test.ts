import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { CatalogueError, columnLetter, decodeText, MAX_FILE_BYTES, parseCsv, readTable } from './read-table.ts';

const refusal = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (e) {
    if (e instanceof CatalogueError) return e.zh;
    throw e;
  }
  throw new Error('not refused');
};

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  return new Uint8Array(await writeXlsxFile(rows as never).toBuffer());
}

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, newlines in quotes, CRLF and a last line without one', () => {
    expect(parseCsv('a,"b,c","say ""hi""\nthere"\r\n1,2,3', 'x.csv')).toEqual([
      ['a', 'b,c', 'say "hi"\nthere'],
      ['1', '2', '3'],
    ]);
  });
  it('reads tab-separated text', () =>
    expect(parseCsv('a\tb\n1\t2\n', 'x.csv')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]));
  it('refuses a quote that never closes, naming its row', async () => {
    expect(await refusal(async () => parseCsv('a,b\n1,"2\n3,4\n', 'x.csv'))).toContain('第 2 行有一个引号没有闭合');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (BOM dropped) and GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xe5, 0xba, 0x8f]), 'x.csv')).toBe('序');
    expect(decodeText(new Uint8Array([0xd0, 0xf2, 0xba, 0xc5]), 'x.csv')).toBe('序号');
  });
  it('refuses binary', async () =>
    expect(await refusal(async () => decodeText(new Uint8Array([0x41, 0, 0x42]), 'x.bin'))).toContain(
      '既不是 XLSX 工作簿，也不是 CSV 文本',
    ));
});

describe('readTable', () => {
  it('reads an XLSX with a merged title row and numbers as text', async () => {
    const bytes = await xlsx([
      [{ value: '2026年度需求目录', columnSpan: 3 }, null, null],
      [{ value: '序号' }, { value: '需求编号' }, { value: '需求名称' }],
      [{ value: 1, type: Number }, { value: 'MIIT-2026-0102' }, { value: '功率模块封装' }],
    ]);
    const t = await readTable(bytes, 'x.xlsx');
    expect(t.format).toBe('xlsx');
    expect(t.rows).toEqual([
      ['2026年度需求目录', '', ''],
      ['序号', '需求编号', '需求名称'],
      ['1', 'MIIT-2026-0102', '功率模块封装'],
    ]);
  });

  it('refuses a formula cell, naming it, without evaluating it or taking its cached value', async () => {
    const bytes = await xlsx([
      [{ value: '序号' }, { value: '需求编号' }, { value: '需求名称' }],
      [{ value: 1, type: Number }, { value: '="MIIT-"&"2026-0102"', type: 'Formula' }, { value: '功率模块封装' }],
    ]);
    expect(await refusal(() => readTable(bytes, 'x.xlsx'))).toMatch(/单元格 B2 含有公式/);
  });

  it.each([
    ['10 MB of junk', new Uint8Array(10 * 1024 * 1024).fill(0x5a), 'junk.xlsx', '超过 5 MB 上限'],
    ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'old.xls', '旧版 Excel'],
    ['a .xlsx that is not a zip', new TextEncoder().encode('hello'), 'fake.xlsx', '不是 XLSX 工作簿'],
    ['a broken zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9, 9]), 'broken.xlsx', '不是有效的 XLSX 工作簿'],
    ['an empty file', new Uint8Array(), 'empty.csv', '是空文件'],
  ])('refuses %s', async (_what, bytes, name, message) => {
    expect(await refusal(() => readTable(bytes, name))).toContain(message);
  });

  it('refuses quickly: 10 MB is refused by its size before anything is parsed', async () => {
    expect(MAX_FILE_BYTES).toBeLessThan(10 * 1024 * 1024);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, l) => expect(columnLetter(i)).toBe(l));
});

import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from './pdf-inspect.ts';
import { checkStoredScan, imageHeader, sniff } from './inspect-scan.ts';

const pdf = (body: string, tail = '') =>
  Buffer.from(`%PDF-1.7\n${body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n${tail}`, 'latin1');
const objStm = (dict: string) => {
  const data = deflateSync(Buffer.from(`9 0 ${dict}`, 'latin1')).toString('latin1');
  return `5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj`;
};

describe('inspectPdf', () => {
  it.each([
    [
      'a clean page tree',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj 3 0 obj << /Type /Page /Parent 2 0 R >> endobj',
      [],
      1,
    ],
    ['JavaScript', '1 0 obj << /OpenAction << /S /JavaScript /JS (x) >> >> endobj', ['JavaScript', 'JS'], 0],
    ['a hex-escaped name', '1 0 obj << /AA << /O << /S /J#61va#53cript >> >> >> endobj', ['JavaScript'], 0],
    ['a launch action', '1 0 obj << /A << /S /Launch >> >> endobj', ['Launch'], 0],
    ['an embedded file', '1 0 obj << /EmbeddedFiles 4 0 R >> endobj', ['EmbeddedFiles'], 0],
    ['XFA', '1 0 obj << /AcroForm << /XFA 6 0 R >> >> endobj', ['XFA'], 0],
    ['a script in an object stream', objStm('<< /S /JavaScript >>'), ['JavaScript'], 0],
    ['pages counted inside an object stream', objStm('<< /Type /Page >>'), [], 1],
    ['a page tree that says 200', '2 0 obj << /Type /Pages /Count 200 /Kids [] >> endobj', [], 200],
  ])('%s', (_name, body, active, pages) => {
    const facts = inspectPdf(pdf(body));
    expect(facts.active.sort()).toEqual([...active].sort());
    expect(facts.pages).toBe(pages);
  });

  it('sees encryption and bytes after %%EOF', () => {
    expect(inspectPdf(pdf('1 0 obj << >> endobj', '')).trailing).toBe(0);
    expect(inspectPdf(pdf('1 0 obj << >> endobj', '<html>')).trailing).toBeGreaterThan(0);
    expect(inspectPdf(pdf('trailer << /Encrypt 5 0 R >>')).encrypted).toBe(true);
  });

  it('treats an object stream that will not inflate as hiding something', () => {
    expect(
      inspectPdf(pdf('5 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length 4 >>\nstream\nabcd\nendstream\nendobj'))
        .active,
    ).toEqual(['ObjStm']);
  });
});

describe('sniff and image headers', () => {
  it('knows PDF, JPEG and PNG by their first bytes only', () => {
    expect(sniff(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniff(Buffer.from('<svg'))).toBeUndefined();
    expect(sniff(Buffer.from(' %PDF-1.4'))).toBeUndefined();
  });

  it("reads a JPEG's size and its EXIF marker without decoding", () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0, 0, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x0f,
      0xa0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xda, 0, 2,
    ]);
    expect(imageHeader(jpeg, 'image/jpeg')).toEqual({ width: 4000, height: 3000, metadata: ['EXIF'] });
    expect(checkStoredScan(jpeg)).toMatchObject({ ok: false, rule: 'metadata' });
    expect(checkStoredScan(jpeg, { allowMetadata: true })).toMatchObject({ ok: true, width: 4000 });
  });

  it('refuses empty, unknown and oversized uploads before anything else', () => {
    expect(checkStoredScan(Buffer.alloc(0))).toMatchObject({ ok: false, rule: 'empty' });
    expect(checkStoredScan(Buffer.from('<!doctype html><script>'))).toMatchObject({ ok: false, rule: 'type' });
    expect(checkStoredScan(Buffer.alloc(21 * 1024 * 1024))).toMatchObject({ ok: false, rule: 'size' });
  });
});

describe('hostile shapes', () => {
  it('reads a file of many bare "stream" keywords and /ObjStm names without looking back over it', () => {
    const body = Buffer.from(`%PDF-1.7\n${'stream\n/Type /Page /ObjStm '.repeat(100_000)}`, 'latin1');
    expect(inspectPdf(body).pages).toBe(100_000);
  });

  it('finds an object stream named with #xx escapes', () => {
    const data = deflateSync(Buffer.from('9 0 << /S /JavaScript >>', 'latin1')).toString('latin1');
    const body = `5 0 obj\n<< /Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj`;
    expect(inspectPdf(pdf(body)).active).toEqual(['JavaScript']);
  });
});

/**
 * Printed forms read back: the DOCX's XML (unzipped) and the PDF's text (pdftotext) hold
 * every label and value of the record, the page count is what the form should take, the
 * public print leaves restricted values out, and one PDF page is rendered to a PNG under
 * test-results/paper/ so a layout regression can be seen.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContent } from '../../pipeline/content/parse.ts';
import { restrictedValues } from '../../pipeline/privacy/visibility.ts';
import { modelTexts, WITHHELD } from '../../pipeline/paper/form-model.ts';
import { openPrinter, type Printer } from '../../pipeline/paper/pdf.ts';
import { printRecord } from '../../pipeline/paper/print.ts';
import { PaperError } from '../../pipeline/paper/record.ts';
import { revisionOf } from '../../pipeline/paper/revision.ts';
import { unzip } from '../helpers/unzip.ts';
import { jiebang } from '../cli/run-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const CONTENT = join(ROOT, 'content');
const ARTEFACTS = join(ROOT, 'test-results/paper');
const NOW = new Date('2026-12-04T08:00:00Z');
/** A submitter's own machine: not CI. */
const DESK = { PATH: process.env.PATH };

const squash = (s: string) => s.replace(/\s+/g, '');
const docxText = (bytes: Buffer) => {
  const xml = unzip(bytes).get('word/document.xml')!.toString('utf8');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
};
const docxPages = (bytes: Buffer) =>
  Number(/<Pages>(\d+)<\/Pages>/.exec(unzip(bytes).get('docProps/app.xml')?.toString() ?? '')?.[1] ?? NaN);
const pdfText = (bytes: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-pdf-'));
  writeFileSync(join(dir, 'f.pdf'), bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
};
const pdfPages = (bytes: Buffer) => {
  const r = spawnSync('pdfinfo', ['-'], { input: bytes, encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1]);
};

let printer: Printer;
beforeAll(async () => {
  printer = await openPrinter();
  mkdirSync(ARTEFACTS, { recursive: true });
});
afterAll(async () => {
  await printer?.close();
});

/** Each text of the form, as printed (whitespace aside: the PDF wraps lines). */
function expectAllTexts(texts: string[], printed: string) {
  const hay = squash(printed);
  const missing = texts.map(squash).filter((t) => t && !hay.includes(t));
  expect(missing).toEqual([]);
}

describe('jiebang print', () => {
  for (const [id, pages] of [
    ['XM-2026-001', [1, 4]],
    ['XM-2026-001-A01', [3, 12]],
    ['91350203MA2XT9L15Q', [1, 4]],
  ] as const) {
    it(`prints ${id} in full as DOCX and PDF with every label and value`, async () => {
      const docx = await printRecord({ contentDir: CONTENT, id, format: 'docx', identities: [], now: NOW, env: DESK });
      const pdf = await printRecord({
        contentDir: CONTENT,
        id,
        format: 'pdf',
        identities: [],
        now: NOW,
        env: DESK,
        printer,
      });
      expect(docx.model.view).toBe('full');
      const texts = modelTexts(docx.model);
      expect(texts.length).toBeGreaterThan(10);
      const xml = docxText(docx.bytes);
      expectAllTexts(
        [
          ...texts,
          '填报单位（盖章）',
          '法定代表人（签字）',
          '单位（盖章）',
          docx.model.pledge,
          docx.verification.revision,
        ],
        xml,
      );
      expect(xml).toContain(`《${docx.model.title}》`);
      // Each page's footer (id·版本…·第N页共M页) sits inside a paragraph that runs over a page break.
      // pdftotext puts spaces around the Latin digits with some fonts and versions (第1 页共6 页).
      const text = pdfText(pdf.bytes).replace(/^.*·\s*第\s*\d+\s*页\s*共\s*\d+\s*页[ \t]*\n/gm, '');
      expectAllTexts(
        [
          ...texts,
          '填报单位（盖章）',
          '法定代表人（签字）',
          '单位（盖章）',
          docx.model.pledge,
          pdf.verification.revision,
        ],
        text,
      );
      const n = pdfPages(pdf.bytes);
      expect(n).toBeGreaterThanOrEqual(pages[0]);
      expect(n).toBeLessThanOrEqual(pages[1]);
      // The revision printed is the sha256 of the record file, as the ledger records it.
      expect(pdf.verification.revision).toBe(revisionOf(pdf.record.bytes));
      writeFileSync(join(ARTEFACTS, pdf.fileName), pdf.bytes);
      writeFileSync(join(ARTEFACTS, docx.fileName), docx.bytes);
    });
  }

  it("writes A4 portrait DOCX with the offices' fonts, a footer with the revision and the QR image", async () => {
    const { bytes, verification } = await printRecord({
      contentDir: CONTENT,
      id: 'XM-2026-001',
      format: 'docx',
      now: NOW,
    });
    const files = unzip(bytes);
    const doc = files.get('word/document.xml')!.toString();
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toContain('w:eastAsia="宋体"');
    expect(doc).toContain('w:eastAsia="黑体"');
    expect([...files.keys()].some((k) => /^word\/media\/.+\.png$/.test(k))).toBe(true);
    const footer = [...files.entries()].find(([k]) => /^word\/footer\d*\.xml$/.test(k))![1].toString();
    expect(footer).toContain(verification.revision.slice(0, 12));
    expect(footer).toMatch(/PAGE/);
    expect(Number.isNaN(docxPages(bytes)) || docxPages(bytes) >= 1).toBe(true);
  });

  it('prints a public demand with only its public fields', async () => {
    const { bytes, model } = await printRecord({
      contentDir: CONTENT,
      id: 'XM-2026-001',
      format: 'pdf',
      now: NOW,
      printer,
    });
    expect(model.view).toBe('public');
    const file = parseContent(readFileSync(join(CONTENT, 'demands/XM-2026-001/index.yml')), 'index.yml');
    const secrets = restrictedValues('demand', file.ok ? (file.data as Record<string, unknown>) : {})
      .map((v) => String(v.value))
      .filter((v) => v.length >= 4);
    expect(secrets.length).toBeGreaterThan(0);
    const text = squash(pdfText(bytes));
    for (const s of secrets) expect(text).not.toContain(squash(s));
    expect(text).toContain(WITHHELD);
    expect(text).toContain('本表为公开版');
    // One page rendered, for a person to look at when the layout changes.
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-render-'));
    writeFileSync(join(dir, 'f.pdf'), bytes);
    execFileSync('pdftoppm', [
      '-r',
      '80',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(dir, 'f.pdf'),
      join(ARTEFACTS, 'XM-2026-001-page1'),
    ]);
    const png = readFileSync(join(ARTEFACTS, 'XM-2026-001-page1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses to print restricted fields in CI, and says why', async () => {
    await expect(
      printRecord({ contentDir: CONTENT, id: 'XM-2026-001-A01', format: 'docx', identities: [], env: { CI: 'true' } }),
    ).rejects.toThrow(PaperError);
    await expect(
      printRecord({ contentDir: CONTENT, id: 'XM-2026-001-A01', format: 'docx', identities: [], env: { CI: 'true' } }),
    ).rejects.toThrow(/持续集成/);
  });

  it('from the command line: writes the file, says what is wrong with a wrong id or format, never a trace', () => {
    const out = mkdtempSync(join(tmpdir(), 'jiebang-print-cli-'));
    const ok = jiebang(['print', 'XM-2026-001', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(/XM-2026-001-大企业技术创新需求表-[0-9a-f]{12}-公开版\.docx$/);
    expect(readFileSync(ok.stdout.trim()).subarray(0, 2).toString()).toBe('PK');
    const bad = jiebang(['print', 'XM-9999-999', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/找不到 XM-9999-999/);
    const format = jiebang(['print', 'XM-2026-001', '--format', 'xls']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format 只能是 docx 或 pdf/);
    for (const r of [bad, format]) expect(r.stderr).not.toMatch(/internal error|\.ts:\d+/);
  });

  it('names a wrong id as such', async () => {
    await expect(printRecord({ contentDir: CONTENT, id: 'XM-9999-999', format: 'docx' })).rejects.toThrow(
      /找不到 XM-9999-999/,
    );
    await expect(printRecord({ contentDir: CONTENT, id: 'nonsense', format: 'docx' })).rejects.toThrow(/不是需求编号/);
  });
});

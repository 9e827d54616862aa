/**
 * Stamped scans, hostile and honest, through the real CLI on a real git repository:
 *
 * - the hostile corpus (a PDF/HTML polyglot, an SVG with script, an HTML page, a PNG
 *   decompression bomb, a 200-page PDF, PDFs with JavaScript, launch actions, embedded
 *   files, rich media, hex-escaped names and scripts hidden in object streams, data after
 *   %%EOF) is refused with a Chinese answer, never crashes, and leaves nothing written;
 * - a phone photo with GPS EXIF is turned upright and kept without any metadata;
 * - a clean PDF is kept under the record's folder with its sha256 in the record, and
 *   `verify-scan` ties it to the revision printed (current, only attachments added since,
 *   older, or never);
 * - where the repository seals at rest, the kept scan is age-encrypted and its entry sealed.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, armor } from 'age-encryption';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContent } from '../../pipeline/content/parse.ts';
import { checkScan } from '../../pipeline/paper/scan/check-scan.ts';
import { revisionOf } from '../../pipeline/paper/revision.ts';
import { parseIdentities } from '../../pipeline/seal/seal.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { jiebang, ROOT } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import {
  GPS,
  HTML_PAGE,
  makePdf,
  PDF_ACTIVE,
  PDF_WITH_TAIL,
  phonePhoto,
  pngBomb,
  POLYGLOT_PDF_HTML,
  SVG_WITH_SCRIPT,
} from './corpus/scans.ts';

const ID = 'XM-2026-001';
const HOSTILE: Record<string, { bytes: () => Buffer | Promise<Buffer>; rule: string; zh: RegExp }> = {
  'PDF/HTML polyglot': { bytes: () => POLYGLOT_PDF_HTML, rule: 'polyglot', zh: /网页代码/ },
  'PDF with data after %%EOF': { bytes: () => PDF_WITH_TAIL, rule: 'polyglot', zh: /文件结尾之后/ },
  'SVG with script': { bytes: () => SVG_WITH_SCRIPT, rule: 'type', zh: /SVG/ },
  'HTML page named .pdf': { bytes: () => HTML_PAGE, rule: 'type', zh: /网页/ },
  'PNG decompression bomb': { bytes: () => pngBomb(), rule: 'pixels', zh: /百万像素/ },
  '200-page PDF': { bytes: () => makePdf(200), rule: 'pages', zh: /200 页/ },
  ...Object.fromEntries(
    Object.entries(PDF_ACTIVE).map(([k, v]) => [
      `PDF with ${k}`,
      { bytes: () => v, rule: 'active', zh: /可执行或嵌入的内容/ },
    ]),
  ),
};

let repo: TestRepo;
let content: string;
const scratch = mkdtempSync(join(tmpdir(), 'jiebang-scans-'));
const recordPath = () => join(content, 'demands', ID, 'index.yml');
const folderFiles = () => readdirSync(join(content, 'demands', ID)).sort();

beforeAll(() => {
  repo = makeRepo({ 'README.md': 'test\n' });
  content = join(repo.dir, 'content');
  for (const p of ['site.yml', 'officers.yml', 'rounds', `demands/${ID}`, `decisions/${ID}`])
    cpSync(join(ROOT, 'content', p), join(content, p), { recursive: true });
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'content');
});
afterAll(() => {
  repo?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('hostile scans', () => {
  for (const [name, h] of Object.entries(HOSTILE)) {
    it(`refuses a ${name} by its bytes, in Chinese, writing nothing`, async () => {
      const bytes = await h.bytes();
      const result = await checkScan(bytes);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.rule).toBe(h.rule);
      expect(result.message).toMatch(h.zh);
      expect(result.messageEn.length).toBeGreaterThan(10);

      const before = { files: folderFiles(), record: readFileSync(recordPath()) };
      const file = join(scratch, `${name.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(file, bytes);
      const r = jiebang(['attach-scan', ID, file, '--revision', revisionOf(before.record), '--content', content]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(h.zh);
      expect(r.stderr).not.toMatch(/internal error|at .+\.ts:\d+/);
      expect(folderFiles()).toEqual(before.files);
      expect(readFileSync(recordPath()).equals(before.record)).toBe(true);
    });
  }
});

describe('a phone photo', () => {
  it('is turned upright and kept without EXIF or GPS', async () => {
    const photo = await phonePhoto();
    expect(photo.includes(Buffer.from('Phone X'))).toBe(true);
    const result = await checkScan(photo);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meta = await sharp(result.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    // Held sideways (orientation 6): the kept image is portrait.
    expect(result.height!).toBeGreaterThan(result.width!);
    expect(result.height!).toBeLessThanOrEqual(3508);
    for (const trace of ['Phone X', 'PhoneMaker', 'GPS', GPS.latitude.split(' ')[0]!])
      expect(result.bytes.includes(Buffer.from(trace))).toBe(false);
    expect(result.changes.join()).toMatch(/旋转/);
  });
});

describe('attach-scan and verify-scan', () => {
  const scanFile = () => join(scratch, 'stamped.pdf');

  it("keeps a clean PDF under the record's folder with its sha256 in the record", () => {
    const printed = revisionOf(readFileSync(recordPath()));
    writeFileSync(scanFile(), makePdf(3));
    const r = jiebang(['attach-scan', ID, scanFile(), '--revision', printed.slice(0, 12), '--content', content]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const name = `${ID}-盖章扫描件-${printed.slice(0, 12)}.pdf`;
    const stored = join(content, 'demands', ID, name);
    expect(existsSync(stored)).toBe(true);
    const parsed = parseContent(readFileSync(recordPath()), 'index.yml');
    const entry = (parsed.ok ? (parsed.data as { attachments: Array<Record<string, unknown>> }).attachments : []).find(
      (a) => a.name === name,
    );
    expect(entry).toEqual({
      name,
      sha256: revisionOf(readFileSync(stored)),
      mime: 'application/pdf',
      size: readFileSync(stored).length,
    });
    // The record with its new attachment is still valid (schema and rules).
    expect(validateRecord('demand', parsed.ok ? parsed.data : undefined)).toEqual([]);
    expect(jiebang(['validate', content]).stdout).not.toMatch(/✗ \S*demands\/XM-2026-001\/index\.yml/);
  });

  it('ties a scan to the revision printed: the same content, an older one, or none', () => {
    const committed = repo.git('show', `HEAD:content/demands/${ID}/index.yml`);
    const printed = revisionOf(Buffer.from(`${committed}\n`));
    // Only the attachment was added since the print: the paper matches.
    let r = jiebang(['verify-scan', scanFile(), '--id', ID, '--revision', printed.slice(0, 12), '--content', content]);
    expect(r.stdout).toMatch(/只增加了附件/);
    expect(r.code).toBe(0);
    // The record changes after printing: the scan is of an older revision.
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'scan');
    writeFileSync(
      recordPath(),
      readFileSync(recordPath(), 'utf8').replace(
        '硅基OLED微显示驱动背板芯片设计',
        '硅基OLED微显示驱动背板芯片设计与验证',
      ),
    );
    r = jiebang(['verify-scan', scanFile(), '--id', ID, '--revision', printed.slice(0, 12), '--content', content]);
    expect(r.stdout).toMatch(/旧版本/);
    expect(r.stdout).toMatch(/审核台账第 1、/);
    expect(r.code).toBe(1);
    // A revision the record never had.
    r = jiebang(['verify-scan', scanFile(), '--id', ID, '--revision', 'deadbeefdead', '--content', content]);
    expect(r.stdout).toMatch(/从未有过版本/);
    expect(r.code).toBe(1);
    repo.git('checkout', '--', `content/demands/${ID}/index.yml`);
  });

  it('seals the kept scan and its entry where the repository seals at rest', async () => {
    const sealedRepo = makeRepo({ 'README.md': 'test\n' });
    try {
      const c = join(sealedRepo.dir, 'content');
      for (const p of ['officers.yml', `demands/${ID}`])
        cpSync(join(ROOT, 'content', p), join(c, p), { recursive: true });
      writeFileSync(
        join(c, 'site.yml'),
        `${readFileSync(join(ROOT, 'content/site.yml'), 'utf8')}privacy:\n  sealAtRest: true\n`,
      );
      const recordFile = join(c, 'demands', ID, 'index.yml');
      expect(jiebang(['seal', recordFile, '--in-place', '--recipients-from', join(c, 'officers.yml')]).code).toBe(0);
      sealedRepo.git('add', '-A');
      sealedRepo.git('commit', '-q', '-m', 'sealed');
      const printed = revisionOf(readFileSync(recordFile));
      const photo = join(scratch, 'photo.jpg');
      writeFileSync(photo, await phonePhoto(1600, 1000));
      const key = join(ROOT, 'test/fixtures/keys/xm-gxj-chenyh.key');
      const refused = jiebang(['attach-scan', ID, photo, '--revision', printed, '--content', c]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/--identity/);
      const r = jiebang(['attach-scan', ID, photo, '--revision', printed, '--content', c, '--identity', key]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const stored = join(c, 'demands', ID, `${ID}-盖章扫描件-${printed.slice(0, 12)}.jpg.age`);
      const at = readFileSync(stored, 'utf8');
      expect(at).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
      expect(existsSync(stored.replace(/\.age$/, ''))).toBe(false);
      const record = readFileSync(recordFile, 'utf8');
      expect(record).not.toMatch(/attachments:|盖章扫描件/);
      const d = new Decrypter();
      for (const k of parseIdentities(readFileSync(key, 'utf8'))) d.addIdentity(k);
      const opened = Buffer.from(await d.decrypt(armor.decode(at)));
      expect((await sharp(opened).metadata()).exif).toBeUndefined();
      const unsealed = jiebang(['unseal', recordFile, '--identity', key]);
      expect(unsealed.stdout).toContain(revisionOf(opened));
    } finally {
      sealedRepo.cleanup();
    }
  });
});

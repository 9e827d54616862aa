import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../data/model.ts';
import { packCard } from '../render/card-meta.ts';
import { outputFiles, PrivacyScan, publicCorpus, scanOutput } from './privacy-scan.ts';
import { OutputWriter } from './writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model with only what the scan reads: the secrets and a little public content. */
const data = {
  secrets: [
    { file: 'content/demands/XM-2026-001/index.yml', kind: 'demand', pointer: '/contact/mobile', value: '13912345678' },
    { file: 'content/demands/XM-2026-001/index.yml', kind: 'demand', pointer: '/attachments/0/size', value: '4120154' },
    { file: 'content/demands/XM-2026-002/index.yml', kind: 'demand', pointer: '/issuer/region/city', value: '厦门市' },
    { file: 'content/demands/XM-2026-002/index.yml', kind: 'demand', pointer: '/title', value: 'A&B 密封件' },
  ],
  secretImages: new Map(),
  demands: [{ data: { title: '公开需求', issuer: { region: { city: '厦门市' } } }, selected: [] }],
  rounds: [],
  pages: [],
  site: { name: '站点' },
} as unknown as SiteData;

describe('the privacy scan', () => {
  it('finds a value as it is, HTML-escaped, URL-encoded and inside gzip; a number only standing alone', async () => {
    writeFileSync(join(dir, 'a.html'), '<p>电话 13912345678</p>');
    writeFileSync(join(dir, 'b.html'), '<h1>A&amp;B 密封件</h1>');
    writeFileSync(join(dir, 'c.json'), `{"u":"?t=${encodeURIComponent('A&B 密封件')}"}`);
    writeFileSync(join(dir, 'd.pf_fragment'), gzipSync('x 13912345678 y'));
    // A card packed into search metadata is read as the browser unpacks it.
    const card = packCard({
      id: 'XM-2026-002',
      title: 'A&B 密封件',
      state: 'published',
      issuer: '',
      region: '',
      deadline: '',
      field: '',
      type: '',
      invest: null,
    });
    writeFileSync(join(dir, 'e.pf_fragment'), gzipSync(JSON.stringify({ meta: { card } })));
    // A size between the letters of a hash, or inside a longer number, is not that size.
    writeFileSync(join(dir, 'pagefind-entry.json'), '{"hash":"en_4120154f5b","n":941201544}');
    writeFileSync(join(dir, 'meta.json'), '["en_4120154",117]');
    const report = scanOutput(dir, data);
    expect(report.leaks.map((l) => `${l.output} ${l.field}`).sort()).toEqual([
      'a.html 联系人 › 手机号码',
      'b.html 需求名称',
      'c.json 需求名称',
      'd.pf_fragment 联系人 › 手机号码',
      'e.pf_fragment 需求名称',
    ]);
    expect(report.leaks.every((l) => !l.hint.includes('1234'))).toBe(true);
    // 厦门市 is restricted in one record but public in another: not a leak.
    expect(report.alsoPublic).toBe(1);
  });

  it('sets a value public anyway aside for every record that holds it, and reports every record a leak is of', () => {
    const out = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    // The issuer hid its name on two demands and shows it on a third: the name is public.
    const hidden = (id: string, pointer: string, value: string) => ({
      file: `content/demands/${id}/index.yml`,
      kind: 'demand',
      pointer,
      value,
    });
    const shared = {
      ...data,
      secrets: [
        hidden('XM-2026-004', '/issuer/name', '厦门海沧密封科技有限公司'),
        hidden('XM-2026-005', '/issuer/name', '厦门海沧密封科技有限公司'),
        hidden('XM-2026-004', '/contact/name', '林秘书'),
        hidden('XM-2026-005', '/contact/name', '林秘书'),
      ],
      demands: [{ data: { issuer: { name: '厦门海沧密封科技有限公司' } }, selected: [] }],
    } as unknown as SiteData;
    writeFileSync(join(out, 'issuer.html'), '<h1>厦门海沧密封科技有限公司</h1>');
    writeFileSync(join(out, 'contact.html'), '<p>联系人：林秘书</p>');
    const report = scanOutput(out, shared);
    rmSync(out, { recursive: true, force: true });
    expect(report.alsoPublic).toBe(2);
    expect(report.leaks.map((l) => `${l.output} ${l.file} ${l.field}`).sort()).toEqual([
      'contact.html content/demands/XM-2026-004/index.yml 联系人 › 姓名',
      'contact.html content/demands/XM-2026-005/index.yml 联系人 › 姓名',
    ]);
  });

  it('reads the public corpus in pieces of whole values, and never two separate values as one', () => {
    const hidden = (pointer: string, value: string) => ({
      file: 'content/demands/XM-2026-006/index.yml',
      kind: 'demand',
      pointer,
      value,
    });
    const long = '说明'.repeat(40_000);
    const corpus = {
      ...data,
      secrets: [
        hidden('/contact/name', '陈工程师'),
        hidden('/contact/mobile', '13912345678'),
        hidden('/contact/email', 'chen@example.com'),
      ],
      // 陈工程师 is public in a piece after the long text; the mobile number appears only
      // across two separate values (“1391234”, “5678”), which a line-break join made one number.
      demands: [
        { data: { title: '1391234', summary: '5678', body: long }, selected: [] },
        { data: { title: '公开需求', contact: { name: '陈工程师' } }, selected: ['CHEN@example.com'] },
      ],
    } as unknown as SiteData;

    const pieces = publicCorpus(corpus);
    expect(pieces.length).toBeGreaterThan(2);
    // Whole values only: the long text is a piece of its own.
    expect(pieces).toContain(long);
    expect(pieces.some((p) => p.split('\0').includes('陈工程师'))).toBe(true);
    expect(publicCorpus(corpus, 4)).toEqual(
      expect.arrayContaining(['1391234', '5678', long, '陈工程师', 'CHEN@example.com']),
    );

    const out = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    writeFileSync(join(out, 'contact.html'), '<p>陈工程师 13912345678 chen@example.com</p>');
    const report = scanOutput(out, corpus);
    rmSync(out, { recursive: true, force: true });
    // The name is public where a reader sees it, the address in another case (the reader's form).
    expect(report.alsoPublic).toBe(2);
    expect(report.leaks.map((l) => l.field)).toEqual(['联系人 › 手机号码']);
  });

  it('given the string a file’s bytes encode (as the build’s writer does), finds what decoding the bytes finds', () => {
    const named = {
      ...data,
      secrets: [
        { file: 'content/x.yml', kind: 'enterprise', pointer: '/contact/mobile', value: '13912340001' },
        { file: 'content/x.yml', kind: 'enterprise', pointer: '/contact/name', value: '欧阳秘密' },
      ],
    } as unknown as SiteData;
    // Lone surrogates (written as U+FFFD) and a byte order mark (dropped by decoding) included.
    const pages = [
      '<p>电话 139 1234 0001</p>',
      '\ufeff<p>欧阳<b></b>秘密\ud800</p>',
      '<p>欧阳&#31192;密</p>',
      '<p>nothing here \udc00</p>',
    ];
    for (const page of pages) {
      const withText = new PrivacyScan(named);
      const fromBytes = new PrivacyScan(named);
      withText.scanBytes('demands/x/index.html', Buffer.from(page), page);
      fromBytes.scanBytes('demands/x/index.html', Buffer.from(page));
      expect(withText.report().leaks).toEqual(fromBytes.report().leaks);
    }
    const found = new PrivacyScan(named);
    pages.forEach((page, i) => found.scanBytes(`p/${i}.html`, Buffer.from(page), page));
    expect(found.report().leaks.map((l) => l.output)).toEqual(['p/0.html', 'p/1.html', 'p/2.html']);
  });

  it('finds a restricted stamped scan copied to the output by its digest, whatever its name', async () => {
    const out = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    const scan = Buffer.from('%PDF-1.7 a stamped scan\n%%EOF\n');
    const { secretImages } = await import('../data/secrets.ts');
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(scan).digest('hex');
    const records = [
      {
        file: 'content/applications/XM-2026-001-A01.yml',
        kind: 'application',
        data: {
          id: 'XM-2026-001-A01',
          attachments: [
            { name: 'XM-2026-001-A01-盖章扫描件-0123456789ab.pdf', sha256, mime: 'application/pdf', size: scan.length },
          ],
        },
        issues: [],
      },
    ];
    const images = secretImages(records as never, () => true);
    expect([...images.keys()]).toEqual([sha256]);
    writeFileSync(join(out, 'download.pdf'), scan);
    const report = scanOutput(out, { ...data, secrets: [], secretImages: images } as SiteData);
    rmSync(out, { recursive: true, force: true });
    expect(report.leaks.map((l) => `${l.output} ${l.field}`)).toEqual(['download.pdf 附件 › 第 1 项']);
  });

  it('finds a number standing alone', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    writeFileSync(join(alone, 'x.json'), '{"size":4120154}');
    const report = scanOutput(alone, data);
    rmSync(alone, { recursive: true, force: true });
    expect(report.leaks.map((l) => l.field)).toEqual(['附件 › 第 1 项 › 文件大小（字节）']);
  });

  it('remembers a large clean file between builds only for the same bytes, path and restricted values', () => {
    const out = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    const filler = 'x'.repeat(100 * 1024);
    writeFileSync(join(out, 'cms.js'), `${filler} 13800000000`);
    const first = new PrivacyScan(data);
    first.scanRest(out);
    expect(first.report().leaks).toEqual([]);
    const remembered = first.cleanKeys();
    expect(remembered).toHaveLength(1);
    // The same file and values: the verdict is taken, and remembered again.
    const again = new PrivacyScan(data);
    again.rememberClean(remembered);
    again.scanRest(out);
    expect(again.report().leaks).toEqual([]);
    expect(again.cleanKeys()).toEqual(remembered);
    // The same file, a new restricted value that it holds: a new key, read afresh, found.
    const more = {
      ...data,
      secrets: [
        ...data.secrets,
        {
          file: 'content/demands/XM-2026-003/index.yml',
          kind: 'demand',
          pointer: '/contact/mobile',
          value: '13800000000',
        },
      ],
    } as SiteData;
    const withNew = new PrivacyScan(more);
    withNew.rememberClean(remembered);
    withNew.scanRest(out);
    expect(withNew.report().leaks.map((l) => l.output)).toEqual(['cms.js']);
    expect(withNew.cleanKeys()).toEqual([]);
    // The old values, the file changed to hold one of them: read afresh, found.
    writeFileSync(join(out, 'cms.js'), `${filler} 13912345678`);
    const changed = new PrivacyScan(data);
    changed.rememberClean(remembered);
    changed.scanRest(out);
    rmSync(out, { recursive: true, force: true });
    expect(changed.report().leaks.map((l) => l.output)).toEqual(['cms.js']);
  });

  it('reads again a file rewritten after its scan, even to the same size, and only such files', () => {
    const out = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    const scan = new PrivacyScan(data);
    const writer = new OutputWriter(out, scan);
    writer.write('demands/a/index.html', '<p>电话 00000000000</p>');
    writer.write('demands/b/index.html', '<p>公开公开 </p>');
    writeFileSync(join(out, 'astro.html'), '<p>公开的页面</p>');
    scan.scanFile(out, 'astro.html');
    expect(scan.unscanned(out)).toEqual([]);
    // A later step puts a restricted value in place of a placeholder of the same length, in
    // place (a new change time: the kernels this runs on stamp in nanoseconds) and by a
    // rename over the file (a new inode).
    writeFileSync(join(out, 'demands/a/index.html'), '<p>电话 13912345678</p>');
    writeFileSync(join(out, 'b.tmp'), '<p>A&B 密封件</p>'); // 20 bytes, as the page it replaces
    renameSync(join(out, 'b.tmp'), join(out, 'demands/b/index.html'));
    writeFileSync(join(out, 'late.json'), '{}');
    expect(scan.unscanned(out).sort()).toEqual(['demands/a/index.html', 'demands/b/index.html', 'late.json']);
    scan.scanRest(out);
    expect(scan.report().leaks.map((l) => `${l.output} ${l.field}`)).toEqual([
      'demands/a/index.html 联系人 › 手机号码',
      'demands/b/index.html 需求名称',
    ]);
    expect(scan.unscanned(out)).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });

  it('scans what a symbolic link in the output points at, under the link’s path, and walks a folder once', () => {
    const out = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'jiebang-scan-'));
    writeFileSync(join(elsewhere, 'secret.txt'), '电话 13912345678');
    mkdirSync(join(elsewhere, 'logos'));
    writeFileSync(join(elsewhere, 'logos', 'title.txt'), 'A&B 密封件');
    mkdirSync(join(out, 'pages'));
    writeFileSync(join(out, 'pages', 'index.html'), '<p>公开</p>');
    symlinkSync(join(elsewhere, 'secret.txt'), join(out, 'pages', 'contact.txt'));
    symlinkSync(join(elsewhere, 'logos'), join(out, 'logos'));
    symlinkSync(join(elsewhere, 'logos'), join(out, 'pages', 'logos-again'));
    symlinkSync(out, join(out, 'pages', 'up'));
    symlinkSync(join(elsewhere, 'gone.txt'), join(out, 'dangling.txt'));
    symlinkSync(elsewhere, join(elsewhere, 'logos', 'loop'));
    const files = outputFiles(out).sort();
    const report = scanOutput(out, data);
    rmSync(out, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
    // The folder outside is walked once, through whichever link is met first, and the folder
    // its loop leads to as well (what a deploy would publish there); the link back to the
    // output itself is not walked again, and a dangling link publishes nothing.
    expect(files).toContain('pages/contact.txt');
    expect(files).not.toContain('dangling.txt');
    expect(files.some((f) => f.startsWith('pages/up/'))).toBe(false);
    const title = files.filter((f) => f.endsWith('/title.txt'));
    const viaLoop = files.filter((f) => f.endsWith('/loop/secret.txt'));
    expect(title).toHaveLength(1);
    expect(viaLoop).toHaveLength(1);
    expect(report.leaks.map((l) => `${l.output} ${l.field}`).sort()).toEqual(
      ['pages/contact.txt 联系人 › 手机号码', `${viaLoop[0]} 联系人 › 手机号码`, `${title[0]} 需求名称`].sort(),
    );
  });
});

/**
 * The built files themselves, read from disk: the JSON API agrees with the content (through
 * the pipeline's own publicView, computed here independently of the site), nothing
 * restricted or withheld is anywhere in the output (searched here again, independently of
 * the build's own scan), the build's scan catches a planted leak, every link resolves,
 * the feeds, sitemap and downloads are what they claim, and the size budgets hold.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaths } from '../../pipeline/content/load.ts';
import { publicView } from '../../pipeline/privacy/visibility.ts';
import { loadSiteData } from '../../site/data/load.ts';
import { scanOutput, unzip } from '../../site/integration/privacy-scan.ts';
import { ANONYMOUS_ISSUER, EXTERNAL_TITLE, FIXTURE_NOW, PLANTED_CONTACT, WITHHELD_TITLE } from './fixture.ts';
import { buildFixtureSite, type BuiltSite } from './harness.ts';
import { checkLinks } from './link-check.ts';

let site: BuiltSite;
const files = () =>
  readdirSync(site.out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
const read = (path: string) => readFileSync(join(site.out, path), 'utf8');
const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).length;

beforeAll(async () => {
  site = await buildFixtureSite();
  expect(site.code, site.output).toBe(0);
});
afterAll(() => site?.cleanup());

/** Every text in the output, with what zip and gzip files hold. */
function allTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const f of files()) {
    const bytes = readFileSync(f);
    const name = relative(site.out, f);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) out.push([name, gunzipSync(bytes).toString('utf8')]);
    else if (f.endsWith('.xlsx'))
      for (const entry of unzip(bytes)) out.push([name, Buffer.from(entry).toString('utf8')]);
    else out.push([name, bytes.toString('utf8')]);
  }
  return out;
}

describe('the JSON API', () => {
  it('agrees with the content: the public view of every listed demand, and nothing else', async () => {
    const { records } = await loadPaths([join(site.content, 'demands')]);
    const api = JSON.parse(read('api/demands.json')) as {
      count: number;
      demands: Array<{ id: string; title: string; status: string }>;
    };
    expect(api.demands.map((d) => d.id).sort()).toEqual([...site.fixture.publicIds].sort());
    expect(api.count).toBe(site.fixture.publicIds.length);
    for (const r of records) {
      const id = String(r.data!.id);
      const view = publicView('demand', r.data!);
      if (!site.fixture.publicIds.includes(id)) {
        expect(files().some((f) => f.endsWith(`${id}.json`))).toBe(false);
        continue;
      }
      const doc = JSON.parse(read(`api/demands/${id}.json`)) as Record<string, unknown>;
      for (const [key, value] of Object.entries(view!)) expect(doc[key], `${id} ${key}`).toEqual(value);
      for (const key of Object.keys(doc))
        expect(
          key in view! ||
            ['status', 'timeline', 'selected', 'publishedAt', 'deadline', 'origin', 'revision', 'catalogueNo'].includes(
              key,
            ),
          `${id} has ${key}`,
        ).toBe(true);
      // MIIT's number comes with the catalogue act (the ledger), not the demand file.
      expect(doc.catalogueNo, id).toBe(`CN-${id}`);
      expect(doc.contact).toBeUndefined();
    }
    const anonymous = JSON.parse(read(`api/demands/${site.fixture.anonymousId}.json`)) as {
      issuer: Record<string, unknown>;
    };
    expect(anonymous.issuer.name).toBeUndefined();
    expect(anonymous.issuer.uscc).toBeUndefined();
    const rounds = JSON.parse(read('api/rounds.json')) as { rounds: Array<{ id: string; phaseNow: string }> };
    expect(rounds.rounds.find((r) => r.id === 'XM-2026')?.phaseNow).toBe('apply');
  });
});

describe('privacy in the output', () => {
  it('has no restricted or withheld value in any file, inside the search index and workbooks too', () => {
    const secrets = [...Object.values(PLANTED_CONTACT), WITHHELD_TITLE, ANONYMOUS_ISSUER];
    const texts = allTexts();
    expect(texts.some(([n]) => n.startsWith('pagefind/'))).toBe(true);
    expect(texts.some(([n, t]) => n.endsWith('.xlsx') && t.includes('高精度MEMS压力传感器芯片研制'))).toBe(true);
    for (const [name, text] of texts) for (const s of secrets) expect(text.includes(s), `${s} in ${name}`).toBe(false);
    expect(site.output).toMatch(/privacy scan: \d+ files, .*, 0 leaks/);
    expect(files().some((f) => /\.map$/.test(f))).toBe(false);
  });

  it('the build scan names the output file and the field of a planted leak, without printing it', async () => {
    const copy = join(site.dir, 'leaky');
    cpSync(site.out, copy, { recursive: true });
    writeFileSync(
      join(copy, 'demands', 'XM-2026-004', 'index.html'),
      `${read('demands/XM-2026-004/index.html')}<p>${PLANTED_CONTACT.mobile}</p>`,
    );
    writeFileSync(join(copy, 'pagefind', 'planted.pf_fragment'), gzipSync(JSON.stringify({ content: WITHHELD_TITLE })));
    writeFileSync(join(copy, 'feeds', 'planted.xml'), `<x>${ANONYMOUS_ISSUER.replace('&', '&amp;')}</x>`);
    const data = await loadSiteData(site.content, new Date(FIXTURE_NOW));
    const report = scanOutput(copy, data);
    const found = report.leaks.map((l) => `${l.output} ${l.field}`).sort();
    expect(found).toEqual([
      'demands/XM-2026-004/index.html 联系人 › 手机号码',
      'feeds/planted.xml 发榜企业 › 企业名称',
      'pagefind/planted.pf_fragment 需求名称',
    ]);
    for (const l of report.leaks) expect(`${l.hint}`).not.toContain(PLANTED_CONTACT.mobile.slice(1));
  });
});

describe('the sample banner (site.yml sampleBanner)', () => {
  it('marks every page of the sample as 示例, in its language', () => {
    const pages = files().filter((f) => f.endsWith('.html') && !f.includes(`${join(site.out, 'admin')}`));
    expect(pages.length).toBeGreaterThan(10);
    for (const f of pages) {
      const html = readFileSync(f, 'utf8');
      if (!html.includes('<main')) continue; // redirects and fragments have no layout
      expect(html, relative(site.out, f)).toMatch(/<p class="sample-banner" role="note">(示例：|Sample: )/);
    }
  });
});

describe('links, feeds, sitemap and downloads', () => {
  it('has no broken link, asset or fragment', () => {
    const { broken, checked } = checkLinks(site.out, '/', 'https://jiebang.example.cn');
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it('writes RSS with absolute links, newest first, in both languages', () => {
    for (const path of ['feeds/demands.xml', 'feeds/en/demands.xml', 'feeds/XM-2026.xml']) {
      const xml = read(path);
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0"/);
      const links = [...xml.matchAll(/<item><title>[^<]*<\/title><link>([^<]+)<\/link>/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(0);
      for (const l of links)
        expect(l).toMatch(/^https:\/\/jiebang\.example\.cn\/(en\/)?demands\/(XM|QG)-\d{4}-\d{3}\/$/);
    }
    expect(read('feeds/en/demands.xml')).toContain('<language>en</language>');
  });

  it('lists every page in the sitemap with its other language', () => {
    const index = read('sitemap.xml');
    const parts = [...index.matchAll(/<loc>https:\/\/jiebang\.example\.cn\/([^<]+)<\/loc>/g)]
      .map((m) => read(m[1]!))
      .join('');
    expect(parts).toContain(
      '<loc>https://jiebang.example.cn/demands/XM-2026-001/</loc><xhtml:link rel="alternate" hreflang="zh-CN" href="https://jiebang.example.cn/demands/XM-2026-001/"/><xhtml:link rel="alternate" hreflang="en" href="https://jiebang.example.cn/en/demands/XM-2026-001/"/>',
    );
    expect(parts).not.toContain('_shell');
    expect(parts).not.toContain(site.fixture.withheldId);
  });

  it('offers each round as CSV with a BOM (Excel, WPS) and as XLSX', () => {
    const csv = readFileSync(join(site.out, 'downloads/XM-2026.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^需求编号,目录编号,需求名称,发榜企业,/);
    expect(lines.filter(Boolean).length).toBe(
      1 + site.fixture.publicIds.filter((id) => id.startsWith('XM-2026') || id.startsWith('QG-2026')).length,
    );
    expect(lines.join('\n')).toContain('（企业名称不公开）');
    // Dates as the Chinese pages write them (the round's 揭榜 deadline), never ISO.
    expect(lines[1]).toMatch(/,\d{4}年\d{1,2}月\d{1,2}日,/);
    expect(lines.slice(1).join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(readFileSync(join(site.out, 'downloads/XM-2026.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('an entry of the national catalogue', () => {
  it('is listed and has its page, marked 全国目录 with its province and city, open for local SMEs', () => {
    const id = site.fixture.externalId;
    const page = read(`demands/${id}/index.html`);
    expect(page).toContain(EXTERNAL_TITLE);
    expect(page).toContain('<span class="tag tag-national">全国目录</span>');
    expect(page).toContain('江苏省 苏州市');
    expect(page).toContain('本需求来自工业和信息化部公布的全国《大企业技术创新需求目录》（江苏省 苏州市）');
    expect(page).toContain('submit/jiebang/?demand=QG-2026-001'); // 我要揭榜 leads to the helper for this entry
    expect(page).toContain('工信厅企业函〔2026〕88号');
    expect(read(`en/demands/${id}/index.html`)).toContain('National catalogue');
    const list = read('demands/index.html');
    expect(list).toContain(`/demands/${id}/`);
    expect(list).toContain('全国目录 · 江苏省 苏州市');
  });

  it('is in the JSON API with its origin, and in the CSV and XLSX of its round', () => {
    const id = site.fixture.externalId;
    const summary = (JSON.parse(read('api/demands.json')) as { demands: Array<Record<string, unknown>> }).demands.find(
      (d) => d.id === id,
    )!;
    expect(summary).toMatchObject({
      round: 'XM-2026',
      title: EXTERNAL_TITLE,
      issuer: '苏州光联芯片科技有限公司（样例）',
      region: { province: '江苏省', city: '苏州市' },
      field: 'ngit',
      demandType: 'breakthrough',
      status: 'published',
      origin: 'national',
    });
    const doc = JSON.parse(read(`api/demands/${id}.json`)) as Record<string, unknown>;
    expect(doc).toMatchObject({
      id,
      catalogueNo: 'MIIT-2026-0107',
      origin: 'national',
      national: {
        province: '江苏省',
        city: '苏州市',
        notice: '工信厅企业函〔2026〕88号',
        contact: '0512-6588 7701（样例）',
      },
    });
    const csv = readFileSync(join(site.out, 'downloads/XM-2026.csv'), 'utf8');
    const row = csv.split('\r\n').find((l) => l.startsWith(`${id},`))!;
    expect(row).toContain('MIIT-2026-0107');
    expect(row).toContain('江苏省 苏州市,全国目录');
    expect(row).toContain('新一代信息技术');
    const xlsx = unzip(readFileSync(join(site.out, 'downloads/XM-2026.xlsx')))
      .map((b) => Buffer.from(b).toString('utf8'))
      .join('');
    expect(xlsx).toContain(EXTERNAL_TITLE);
    expect(xlsx).toContain('全国目录');
  });

  it("is offered by the submission helper's demand picker, marked with where it is from", () => {
    const page = read('submit/jiebang/index.html');
    expect(page).toContain(site.fixture.externalId);
    expect(page).toContain(`${EXTERNAL_TITLE}（全国目录 · 江苏省苏州市）`);
  });

  it('is in the feeds', () => {
    expect(read('feeds/demands.xml')).toContain(`/demands/${site.fixture.externalId}/`);
  });
});

describe('content images', () => {
  it('are WebP at the srcset widths, the largest as src, with width and height, and nothing else is encoded', async () => {
    const html = read('demands/XM-2026-001/index.html');
    const img =
      /<figure class="illustration"><img src="([^"]+)" srcset="([^"]+)" sizes="[^"]*" width="(\d+)" height="(\d+)"/.exec(
        html,
      );
    expect(img, 'the illustration of XM-2026-001').not.toBeNull();
    const [, src, srcset, width, height] = img!;
    const entries = srcset!.split(', ').map((e) => e.split(' ') as [string, string]);
    expect(entries.map(([, w]) => w)).toEqual(['480w', '960w']); // the source is 1200 × 600
    expect(src).toBe(entries[1]![0]);
    expect([width, height]).toEqual(['960', '480']);
    const { default: sharp } = await import('sharp');
    for (const [url, w] of entries) {
      const meta = await sharp(join(site.out, url.replace(/^\//, ''))).metadata();
      expect([meta.format, `${meta.width}w`]).toEqual(['webp', w]);
    }
    // Every image written is one some page asks for: no encode at the original size.
    const asked = new Set(
      files()
        .filter((f) => f.endsWith('.html'))
        .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\/_astro\/[^"\s,]+\.webp/g)].map((m) => m[0])),
    );
    const written = files()
      .filter((f) => f.endsWith('.webp'))
      .map((f) => `/${relative(site.out, f)}`);
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((w) => !asked.has(w))).toEqual([]);
  });
});

describe('budgets (gzip)', () => {
  it('keeps every demand page under 12 KB of HTML and free of JavaScript', () => {
    const pages = files().filter((f) => /\/demands\/[A-Z]{2,4}-\d{4}-\d{3}\/index\.html$/.test(f));
    expect(pages.length).toBe(site.fixture.publicIds.length * 2);
    const sizes = pages.map((f) => ({ f, html: readFileSync(f, 'utf8') }));
    for (const { f, html } of sizes) {
      expect(gz(html), f).toBeLessThanOrEqual(12 * 1024);
      expect(html, f).not.toMatch(/<script/i);
    }
    console.log(
      `demand page HTML, gzip: max ${Math.max(...sizes.map((s) => gz(s.html)))} B over ${pages.length} pages`,
    );
  });

  it('loads at most 15 KB of JavaScript on the catalogue before search opens', () => {
    for (const page of ['demands/index.html', 'en/demands/index.html']) {
      const html = read(page);
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      const external = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) =>
        readFileSync(join(site.out, m[1]!)),
      );
      const total = [...inline, ...external].reduce((n, s) => n + gz(s), 0);
      expect(total, page).toBeLessThanOrEqual(15 * 1024);
      console.log(`${page}: ${total} B of JavaScript (gzip) before search; HTML ${gz(html)} B`);
    }
  });
});

describe('build timings', () => {
  it("record each phase's time and when it ran, for the benchmark to read the critical path", () => {
    const timings = site.timings!;
    for (const phase of ['load', 'pages', 'demandPages', 'search', 'api', 'scan', 'total']) {
      expect(timings.phases[phase], phase).toBeGreaterThanOrEqual(0);
      const [start, end] = timings.spans[phase]!;
      expect(end, phase).toBeGreaterThanOrEqual(start);
    }
    // The content is loaded (on the build thread) before Astro's pages are done and the demand pages written.
    expect(timings.spans.load![1]).toBeLessThanOrEqual(timings.spans.pages![1]);
    expect(timings.spans.pages![1]).toBeLessThanOrEqual(timings.spans.demandPages![0] + 1);
  });
});

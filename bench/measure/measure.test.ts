/**
 * The benchmark's instruments measure what they say: the peak memory of a whole process
 * tree, a gzip host's transfer sizes, bulk validation's record count, and the table's
 * verdicts on missed targets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../generate.ts';
import { formatReport } from '../report.ts';
import type { Report } from '../report-model.ts';
import { measure } from './proctree.ts';
import { machineSpeed } from './speed.ts';
import { gzipSize, serveGzip } from './serve.ts';
import { validateBulk } from './validate-bulk.ts';

const work = mkdtempSync(join(tmpdir(), 'jiebang-bench-measure-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('measure', () => {
  it('sums the resident memory of a process and its children at their peak, and their CPU time', async () => {
    // A parent holding 150 MB starts a child holding 100 MB; both stay alive together for a while.
    const child = 'const b=Buffer.alloc(100*2**20,1);setTimeout(()=>b.length,1500)';
    const parent = `const b=Buffer.alloc(150*2**20,1);const c=require('node:child_process').spawn(process.execPath,['-e',${JSON.stringify(child)}],{stdio:'inherit'});c.on('exit',()=>b.length)`;
    const m = await measure(process.execPath, ['-e', parent], { pollMs: 50 });
    expect(m.code).toBe(0);
    expect(m.peakProcesses).toBe(2);
    expect(m.peakRss).toBeGreaterThan(250 * 2 ** 20);
    expect(m.peakRss).toBeLessThan(600 * 2 ** 20);
    expect(m.cpuMs).toBeGreaterThan(0);
    expect(Object.keys(m.byProgram)).toContain('node');
    expect(m.wallMs).toBeGreaterThan(1500);
  }, 20_000);
});

describe('machineSpeed', () => {
  it('times a loop in a fresh Node process and small cached file reads', () => {
    const speed = machineSpeed(200);
    expect(speed.loopMs).toBeGreaterThan(10);
    expect(speed.loopMs).toBeLessThan(60_000);
    expect(speed.smallReadUs).toBeGreaterThan(0);
    expect(speed.smallReadUs).toBeLessThan(10_000);
    expect(speed.createUs).toBeGreaterThan(0);
    expect(speed.faultUs).toBeGreaterThan(0);
  }, 120_000);
});

describe('serveGzip', () => {
  it('sends text gzip-encoded, as a production host does, and binary files as they are', async () => {
    const dir = join(work, 'site');
    const html = `<!doctype html><title>t</title>${'<p>揭榜</p>'.repeat(500)}`;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    rmSync(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'a'), { recursive: true }));
    writeFileSync(join(dir, 'a', 'index.html'), html);
    writeFileSync(join(dir, 'logo.png'), png);
    const { url, close } = await serveGzip(dir);
    try {
      const page = await fetch(`${url}a/`, {
        headers: { 'accept-encoding': 'gzip' },
        decompress: false,
      } as RequestInit);
      expect(page.headers.get('content-encoding')).toBe('gzip');
      expect(Number(page.headers.get('content-length'))).toBe(gzipSize(Buffer.from(html)));
      const image = await fetch(`${url}logo.png`, { headers: { 'accept-encoding': 'gzip' } });
      expect(image.headers.get('content-encoding')).toBeNull();
      expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    } finally {
      await close();
    }
  });
});

describe('validateBulk', () => {
  it('parses and validates every record of an archive, timing the two apart', async () => {
    const m = await generate({ n: 20, out: join(work, 'archive'), workers: 0 });
    const v = validateBulk(m.content);
    const records = Object.entries(m.files)
      .filter(([k]) => k !== 'image')
      .reduce((s, [, n]) => s + n, 0);
    expect(v.records).toBe(records);
    expect(v.invalid).toBe(0);
    expect(v.crossIssues).toBe(0);
    expect(v.parseMs).toBeGreaterThan(0);
    expect(v.validateMs).toBeGreaterThan(0);
  });
});

describe('formatReport', () => {
  it('says which target was missed and by how much', () => {
    const report: Report = {
      date: '2026-06-15T02:00:00Z',
      seed: 's',
      now: '2026-06-15T10:00:00+08:00',
      archives: [],
      machine: {
        cores: 2,
        cpu: 'x',
        node: 'v24',
        memory: 8e9,
        heapLimit: 4e9,
        loadAtStart: [0.5, 0, 0],
        loadAtEnd: [0.7, 0, 0],
        speed: { loopMs: 310, smallReadUs: 3.8, createUs: 40, faultUs: 0.6 },
      },
      builds: [
        {
          n: 10_000,
          ok: true,
          code: 0,
          wallMs: 25_000,
          cpuMs: 40_000,
          byProgram: { node: { cpuMs: 40_000, peakRss: 9e8 } },
          peakRss: 1e9,
          peakProcesses: 3,
          phases: { load: 15_000, pages: 5_000, total: 24_000 },
          spans: { pages: [16_000, 21_000], load: [800, 15_800], total: [500, 24_500] },
          demandPages: 6000,
          out: '',
          tail: '',
        },
      ],
      intake: {
        runs: 3,
        bareNode: 40,
        action: 230,
        cli: 500,
        samples: { bareNode: [], action: [], cli: [] },
        verdicts: { action: 'valid', cli: 'valid' },
      },
      validation: {
        n: 10_000,
        bulk: {
          records: 200_000,
          bytes: 1.5e9,
          invalid: 0,
          parseMs: 10_000,
          validateMs: 5_000,
          crossMs: 500,
          crossIssues: 0,
          peakRss: 6e8,
        },
        cli: { ms: 20_000, cpuMs: 38_000, peakRss: 9e8, code: 0 },
        audit: { ms: 40_000, cpuMs: 75_000, peakRss: 1e9, code: 0 },
      },
      editor: {
        runs: 3,
        cold: { loginShown: 2_900, listed: 600, usable: 3_500 },
        warm: { listed: 500 },
        transferred: { bytes: 700_000, files: 6 },
        bundle: { entryBytes: 2_100_000, totalBytes: 4_100_000, files: 12 },
      },
    };
    const text = formatReport(report);
    expect(text).toContain('wall ✗ missed by 5.0 s; peak RSS ✓');
    expect(text).toContain(
      'speed now: 3·10⁸ additions in 310 ms, a small cached file read in 3.8 µs, a small file created in 40 µs, a fresh memory page in 0.6 µs',
    );
    expect(text).toContain('slowest phases at 10,000: load 15.0 s, pages 5.0 s');
    expect(text).toContain("when, at 10,000 (s since Astro's process started): load 0.8–15.8, pages 16.0–21.0");
    expect(text).toContain('target ≤ 250 ms ✓, ≤ +200 ms ✓');
    expect(text).toMatch(/validate only +40,000 records\/s +target ≥ 50,000\/s ✗ missed by 10,000\/s/);
    expect(text).toMatch(
      /jiebang validate \(CLI\) +20\.0 s +10,000 records\/s, CPU 38\.0 s, peak RSS 900\.0 MB, exit 0/,
    );
    expect(text).toMatch(/jiebang audit --no-git +40\.0 s +5,000 records\/s/);
    expect(text).toMatch(/cold: usable +3500 ms +target ≤ 3 s ✗ missed by 500 ms/);
  });
});

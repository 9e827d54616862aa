/**
 * `jiebang decide` and `jiebang report` as an officer runs them, in a real repository.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jiebang } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { xlsxSheets } from '../helpers/unzip.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { parseContent } from '../../pipeline/content/parse.ts';
import { demandPath, fixtureFiles } from './fixture.ts';

let repo: TestRepo;
beforeAll(async () => {
  repo = makeRepo(Object.fromEntries(await fixtureFiles()));
});
afterAll(() => repo.cleanup());

describe('jiebang decide', () => {
  it('records an act from the command line, committed to the checked-out branch', () => {
    const out = jiebang(
      ['decide', 'TS-2026-002', '/初核通过', '--as', 'bureau-li', '--now', '2026-04-12T10:00:00+08:00'],
      { cwd: repo.dir },
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      '✅ 已记录：需求 TS-2026-002“初核通过”（已提交 → 初核通过），台账 content/decisions/TS-2026-002/0002.yml。\n',
    );
    const rec = readFileSync(join(repo.dir, 'content/decisions/TS-2026-002/0002.yml'), 'utf8');
    expect(rec).toMatch(/source:\n  kind: cli\n  id: [0-9a-f-]{36}\n/);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('log', '-1', '--format=%an %s')).toBe('bureau-li 审核：TS-2026-002 初核通过');
  });

  it("records the applicant's size, its standard and figures with the bureau's check, and names it in the answer", () => {
    const out = jiebang(
      ['decide', 'TS-2026-001-A01', '/初审通过', '--as', 'bureau-li', '--now', '2026-07-06T10:00:00+08:00'],
      { cwd: repo.dir },
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /企业规模：(微型|小型|中型)企业（按《中小企业划型标准规定》（工信部联企业〔2011〕300号）计算/,
    );
    const rec = readFileSync(join(repo.dir, 'content/decisions/TS-2026-001-A01/0002.yml'), 'utf8');
    expect(rec).toMatch(
      /\nsize:\n  standard: 2011-300\n  row: \w+\n  result: (micro|small|medium)\n  employees: \d+\n/,
    );
  });

  it("records the catalogue number with the catalogue act, and the contract's amount and signing date with the contract", () => {
    const cat = jiebang(
      [
        'decide',
        'TS-2026-004',
        '/入选目录',
        '目录编号=2026-TS-004',
        '--as',
        'miit-zhao',
        '--now',
        '2026-05-11T10:00:00+08:00',
      ],
      { cwd: repo.dir },
    );
    expect(cat.stderr).toBe('');
    expect(cat.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'content/decisions/TS-2026-004/0004.yml'), 'utf8')).toContain(
      '\ncatalogueNo: 2026-TS-004\n',
    );
    const bad = jiebang(
      [
        'decide',
        'TS-2026-006-A01',
        '/签约',
        '合同金额=120',
        '--as',
        'issuer-wang',
        '--now',
        '2026-08-05T10:00:00+08:00',
      ],
      { cwd: repo.dir },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('同时填写');
    const ok = jiebang(
      [
        'decide',
        'TS-2026-006-A01',
        '/签约',
        '合同金额=120',
        '签订日期=2026-08-05',
        '--as',
        'issuer-wang',
        '--now',
        '2026-08-05T10:00:00+08:00',
      ],
      { cwd: repo.dir },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'content/decisions/TS-2026-006-A01/0006.yml'), 'utf8')).toContain(
      '\ncontract:\n  amount: 120\n  signedOn: 2026-08-05\n',
    );
  });

  it('selects with scores, in English, as JSON', () => {
    const out = jiebang(
      [
        'decide',
        'TS-2026-001-A04',
        'select',
        'team=90',
        'rd=85',
        'plan=88',
        'match=92',
        '--as',
        'issuer-wang',
        '--now',
        '2026-08-10T10:00:00+08:00',
        '--json',
      ],
      { cwd: repo.dir },
    );
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      verdict: 'valid',
      written: ['content/decisions/TS-2026-001-A04/0005.yml'],
    });
  });

  it('records a meeting (对接记录) without changing the state, and refuses one without its outcome', () => {
    const none = jiebang(
      ['decide', 'TS-2026-001-A05', '/对接记录', '--as', 'issuer-wang', '--now', '2026-07-25T10:00:00+08:00'],
      { cwd: repo.dir },
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('须写明结果');
    const out = jiebang(
      [
        'decide',
        'TS-2026-001-A05',
        '/对接',
        '日期=2026-07-24',
        '方式=现场考察',
        '结果=双方同意先做样品验证',
        '--as',
        'issuer-wang',
        '--now',
        '2026-07-25T10:00:00+08:00',
      ],
      { cwd: repo.dir },
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('已推送发榜企业 → 已推送发榜企业');
    const rec = readFileSync(join(repo.dir, 'content/decisions/TS-2026-001-A05/0005.yml'), 'utf8');
    expect(rec).toContain('\naction: engage\nfrom: forwarded\nto: forwarded\n');
    expect(rec).toContain('\nengagement:\n  date: 2026-07-24\n  form: visit\n  outcome: 双方同意先做样品验证\n');
  });

  it('refuses with exit 1 and changes nothing; usage errors exit 2', () => {
    const head = repo.git('rev-parse', 'HEAD');
    const refused = jiebang(
      ['decide', 'TS-2026-002', '/approve', '--as', 'miit-zhao', '--now', '2026-04-13T10:00:00+08:00'],
      { cwd: repo.dir },
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('⛔ Not done:');
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
    for (const args of [
      ['decide', 'TS-2026-002', '/approve'],
      ['decide', 'nonsense', '/approve', '--as', 'x'],
      ['decide', 'TS-2026-002', '/fly', '--as', 'x'],
      ['decide', 'TS-2026-002', '/approve', '--as', 'x', '--now', 'yesterday'],
    ]) {
      const out = jiebang(args, { cwd: repo.dir });
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

describe("初核 of a demand whose issuer's figures say SME", () => {
  let sme: TestRepo;
  beforeAll(async () => {
    const files = await fixtureFiles();
    const path = demandPath('TS-2026-002');
    const parsed = parseContent(files.get(path)!, path);
    if (!parsed.ok) throw new Error('fixture demand does not parse');
    const d = parsed.data as { issuer: Record<string, unknown> };
    d.issuer = { ...d.issuer, industryCode: 'C3562', employees: 150, revenueLastYear: 8000 };
    files.set(path, new TextEncoder().encode(formatYaml('demand', parsed.data)));
    sme = makeRepo(Object.fromEntries(files));
  });
  afterAll(() => sme.cleanup());

  it('is recorded, and the answer warns the officer', () => {
    const out = jiebang(
      ['decide', 'TS-2026-002', '/初核通过', '--as', 'bureau-li', '--now', '2026-04-12T10:00:00+08:00'],
      { cwd: sme.dir },
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('✅ 已记录：需求 TS-2026-002“初核通过”');
    expect(out.stdout).toContain('⚠️ 按发榜企业填报的行业');
    expect(out.stdout).toContain('属于小型企业，不是大企业');
  });
});

describe('jiebang report', () => {
  let fresh: TestRepo;
  beforeAll(async () => {
    fresh = makeRepo(Object.fromEntries(await fixtureFiles()));
  });
  afterAll(() => fresh.cleanup());

  it('counts per state in Markdown and XLSX', () => {
    const repo = fresh;
    const out = jiebang([
      'report',
      'TS-2026',
      '--content',
      join(repo.dir, 'content'),
      '--now',
      '2026-08-15T12:00:00+08:00',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('# TS-2026 2026年度测试批次 — 审核进度');
    expect(out.stdout).toContain('截至 2026年8月15日 12:00（北京时间）');
    // TS-2026-006 selected three (in progress); -001 and -007 are past applications, selection still open.
    expect(out.stdout).toContain('| 揭榜截止 | 2 |');
    expect(out.stdout).toContain('| 合作实施中 | 1 |');
    expect(out.stdout).toContain('| **合计** | **8** |');
    expect(out.stdout).toContain('| 已推送发榜企业 | 5 |');
    expect(out.stdout).toContain('| TS-2026-006 | 是 | 合作实施中 | 3 | 3 |');
    expect(out.stdout).toContain('| TS-2026-008 | 否 | 入选目录 | 1 | 0 |');
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-report-'));
    try {
      const file = join(dir, 'r.xlsx');
      expect(
        jiebang([
          'report',
          'TS-2026',
          '--content',
          join(repo.dir, 'content'),
          '--now',
          '2026-08-15T12:00:00+08:00',
          '--xlsx',
          file,
          '--lang',
          'en',
        ]).code,
      ).toBe(0);
      const sheets = xlsxSheets(readFileSync(file));
      expect([...sheets.keys()]).toEqual(['Demands', 'Applications', 'By demand']);
      const apps = sheets.get('Applications')!;
      expect(apps[0]).toEqual(['State', 'Count']);
      expect(apps.find((r) => r[0] === 'Forwarded to the issuer')?.[1]).toBe('5');
      expect(sheets.get('By demand')!.find((r) => r[0] === 'TS-2026-001')).toEqual([
        'TS-2026-001',
        'yes',
        'Applications closed',
        '7',
        '0',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = jiebang(['report', 'XX-1999', '--content', join(repo.dir, 'content')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('没有批次“XX-1999”');
  });
});

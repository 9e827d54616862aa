/**
 * Reports upward and reports as of a moment, through `jiebang report` on a real repository:
 * acts made after the moment asked are not counted, and the forms sent up (推荐汇总表,
 * 揭榜推荐汇总表, 入选揭榜企业名单) are read back from the files written — cell values,
 * merged ranges, the frozen header, widths, dates as dates; the CSV as Excel reads it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv, type ExportTable } from '../../pipeline/review/exports.ts';
import { jiebang } from '../cli/run-cli.ts';
import { makeRepo, type TestRepo } from '../helpers/git-repo.ts';
import { excelSerialDate, xlsxLayout, xlsxSheets } from '../helpers/unzip.ts';
import { fixtureFiles } from './fixture.ts';

let repo: TestRepo;
let out: string;
const content = () => join(repo.dir, 'content');
beforeAll(async () => {
  // One more selection, made on 08-20: a report as of 08-15 must not count it.
  repo = makeRepo(
    Object.fromEntries(
      await fixtureFiles({
        acts: [
          {
            subject: 'TS-2026-001-A04',
            action: 'select',
            at: '2026-08-20T10:00:00+08:00',
            actor: 'issuer-wang',
            scores: [90, 85, 88, 92],
          },
        ],
      }),
    ),
  );
  out = mkdtempSync(join(tmpdir(), 'jiebang-export-'));
});
afterAll(() => {
  repo.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('jiebang report as of a moment', () => {
  it('counts only the acts made up to --now or the end of the --as-of day', () => {
    const before = jiebang(['report', 'TS-2026', '--content', content(), '--now', '2026-08-15T12:00:00+08:00']);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('| 已推送发榜企业 | 5 |');
    expect(before.stdout).toContain('| TS-2026-001 | 是 | 揭榜截止 | 7 | 0 |');
    const after = jiebang(['report', 'TS-2026', '--content', content(), '--as-of', '2026-08-20']);
    expect(after.stdout).toContain('截至 2026年8月20日');
    expect(after.stdout).toContain('| 已推送发榜企业 | 4 |');
    expect(after.stdout).toContain('| TS-2026-001 | 是 | 揭榜截止 | 7 | 1 |');
  });

  it('shows what is still open per phase and what is overdue', () => {
    const r = jiebang(['report', 'TS-2026', '--content', content(), '--as-of', '2026-09-10', '--json']);
    const report = JSON.parse(r.stdout) as { open: Array<{ id: string; phase: string; overdue: boolean; by: string }> };
    // TS-2026-002 was never pre-checked: overdue since the pre-check phase ended (04-30).
    expect(report.open.find((o) => o.id === 'TS-2026-002')).toMatchObject({
      phase: 'precheck',
      by: 'bureau',
      overdue: true,
    });
    // A contracted application is due by its demand's completion time (12 months), not overdue yet.
    expect(report.open.find((o) => o.id === 'TS-2026-006-A02')).toMatchObject({
      phase: 'implementation',
      overdue: false,
    });
    const md = jiebang(['report', 'TS-2026', '--content', content(), '--as-of', '2026-09-10']).stdout;
    expect(md).toContain('## 未结事项');
    expect(md).toMatch(/\| TS-2026-002 \| 已提交 \| 初核与推荐 \| 主管部门经办人员 \| 2026年4月30日 \|/);
  });

  it('refuses bad options with a clear message and exit 2', () => {
    for (const [args, says] of [
      [['--as-of', '2026-02-30'], '--as-of 需要日期'],
      [['--now', '2026-08-15T12:00:00+08:00', '--as-of', '2026-08-15'], '只能给一个'],
      [['--export', '汇总表', '--as-of', '2026-08-15'], '没有报表“汇总表”'],
      [['--export', '推荐汇总表'], '须注明截至日期'],
      [['--export', '推荐汇总表', '--as-of', '2026-08-15', '--out', 'x.pdf'], '.xlsx 或 .csv'],
    ] as const) {
      const r = jiebang(['report', 'TS-2026', '--content', content(), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('jiebang report --export', () => {
  it('writes the 入选揭榜企业名单 as an official table in XLSX and CSV, as of a date', () => {
    const r = jiebang(
      ['report', 'TS-2026', '--content', content(), '--export', '入选揭榜企业名单', '--as-of', '2026-08-15'],
      { cwd: out },
    );
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'TS-2026-入选揭榜企业名单-2026-08-15.csv',
      'TS-2026-入选揭榜企业名单-2026-08-15.xlsx',
    ]);
    const buf = readFileSync(join(out, 'TS-2026-入选揭榜企业名单-2026-08-15.xlsx'));
    const rows = xlsxSheets(buf).get('入选揭榜企业名单')!;
    expect(rows[0]![0]).toBe('2026年度大中小企业融通创新“揭榜”入选企业名单');
    expect(rows[1]).toEqual(
      expect.arrayContaining(['填报单位（盖章）：厦门市工业和信息化局', '填报日期：2026年8月15日']),
    );
    expect(rows[2]!.filter(Boolean)).toEqual(['序号', '发榜需求', '入选揭榜企业', '入选日期', '当前状态', '备注']);
    expect(rows[3]!.filter(Boolean)).toEqual([
      '需求编号',
      '需求名称',
      '发榜企业',
      '企业名称',
      '统一社会信用代码',
      '所在地区',
    ]);
    // Five selected by 08-15 (TS-2026-006's three, TS-2026-007's two); the 08-20 selection is not there.
    const items = rows.slice(4);
    expect(items.map((x) => x[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(items.map((x) => x[1])).toEqual(['TS-2026-006', 'TS-2026-006', 'TS-2026-006', 'TS-2026-007', 'TS-2026-007']);
    expect(items.some((x) => x.includes('TS-2026-001'))).toBe(false);
    const layout = xlsxLayout(buf);
    expect(layout.merges).toEqual(expect.arrayContaining(['A1:J1', 'A3:A4', 'B3:D3', 'E3:G3', 'H3:H4']));
    expect(layout.frozenRows).toBe(4);
    expect(layout.widths.get(1)).toBe(6);
    expect(layout.widths.get(3)).toBe(30);
    // 入选日期 is a date cell shown as 年月日, not text.
    const date = layout.cells.get('H5')!;
    expect(date.format).toBe('yyyy"年"m"月"d"日"');
    expect(excelSerialDate(date.value)).toBe('2026-08-01');

    const csv = readFileSync(join(out, 'TS-2026-入选揭榜企业名单-2026-08-15.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF序号,发榜需求需求编号,发榜需求需求名称,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^1,TS-2026-006,.*,2026-08-01,/);
  });

  it('writes the 推荐汇总表 and the 揭榜推荐汇总表 from the recommend acts', () => {
    const demands = join(out, 'd.xlsx');
    expect(
      jiebang([
        'report',
        'TS-2026',
        '--content',
        content(),
        '--export',
        'demands-recommended',
        '--as-of',
        '2026-04-25',
        '--out',
        demands,
      ]).code,
    ).toBe(0);
    const d = xlsxSheets(readFileSync(demands)).get('推荐汇总表')!;
    expect(d[0]![0]).toBe('2026年度大企业“发榜”技术创新需求推荐汇总表');
    expect(d[2]!.filter(Boolean)).toEqual([
      '序号',
      '需求编号',
      '需求名称',
      '发榜企业',
      '需求类型',
      '所属领域',
      '是否公开',
      '拟投入资金（万元）',
      '完成时限（月）',
      '联系人',
      '推荐日期',
      '当前状态',
    ]);
    expect(d.slice(4).map((x) => x[1])).toEqual([
      'TS-2026-001',
      'TS-2026-004',
      'TS-2026-006',
      'TS-2026-007',
      'TS-2026-008',
    ]);
    expect(xlsxLayout(readFileSync(demands)).merges).toEqual(expect.arrayContaining(['D3:G3', 'M3:N3']));
    const apps = join(out, 'a.csv');
    expect(
      jiebang([
        'report',
        'TS-2026',
        '--content',
        content(),
        '--export',
        '揭榜推荐汇总表',
        '--as-of',
        '2026-07-31',
        '--out',
        apps,
      ]).code,
    ).toBe(0);
    const lines = readFileSync(apps, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF序号,申请编号,揭榜企业企业名称,揭榜企业统一社会信用代码,揭榜企业所在地区,揭榜需求需求编号,揭榜需求需求名称,揭榜需求发榜企业,定向揭榜,联系人姓名,联系人手机,推荐日期,当前状态',
    );
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual([
      'TS-2026-001-A03',
      'TS-2026-001-A04',
      'TS-2026-001-A05',
      'TS-2026-001-A06',
      'TS-2026-001-A07',
      'TS-2026-006-A01',
      'TS-2026-006-A02',
      'TS-2026-006-A03',
      'TS-2026-007-A01',
      'TS-2026-007-A02',
      'TS-2026-008-A01',
    ]);
  });

  it('writes a cell Excel would take for a formula as text, and quotes what CSV needs quoted', () => {
    const t: ExportTable = {
      kind: '推荐汇总表',
      title: 't',
      unit: 'u',
      asOf: '2026-01-01',
      columns: [
        { title: 'a', width: 5 },
        { title: 'b', width: 5 },
      ],
      rows: [['=HYPERLINK("x")', '含,逗号']],
    };
    expect(exportCsv(t)).toBe('\uFEFF序号,a,b\r\n1,"\'=HYPERLINK(""x"")","含,逗号"\r\n');
  });
});

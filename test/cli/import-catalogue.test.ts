/**
 * `jiebang import-catalogue` as an officer runs it, on a copy of the sample content: the
 * sample list re-imported changes nothing; a changed list reports what was added, changed
 * and withdrawn (never deleted); every hostile file is refused with a Chinese message naming
 * its row or column, and nothing is written.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import YAML from 'yaml';
import { jiebang } from './run-cli.ts';

const SAMPLE = 'content/catalogue/sources/national-catalogue-2026-sample.csv';
const NOW = '2026-12-01T09:00:00+08:00';
const scratch = mkdtempSync(join(tmpdir(), 'jiebang-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let copies = 0;

function contentCopy(): string {
  const dir = join(scratch, `content-${copies++}`);
  cpSync('content', dir, { recursive: true });
  return dir;
}

/** Every file under dir with its digest: what "nothing written" is checked against. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile())
      out.set(
        join(e.parentPath, e.name),
        createHash('sha256')
          .update(readFileSync(join(e.parentPath, e.name)))
          .digest('hex'),
      );
  }
  return out;
}

const entry = (dir: string, id: string) => YAML.parse(readFileSync(join(dir, 'catalogue', `${id}.yml`), 'utf8'));
const importInto = (dir: string, file: string, ...more: string[]) =>
  jiebang(['import-catalogue', file, '--content', dir, '--now', NOW, ...more]);

function writeScratch(name: string, text: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('jiebang import-catalogue: a list imported again', () => {
  it('changes nothing when the same file is imported again (byte for byte)', () => {
    const dir = contentCopy();
    const before = tree(dir);
    const r = importInto(dir, SAMPLE, '--notice', '工信厅企业函〔2026〕88号（样例）');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('目录没有变化：7 条与已导入的相同，2 条是本地需求，未写入任何文件。');
    expect(r.stdout).toContain('= MIIT-2026-0314 → XM-2026-004');
    expect(tree(dir)).toEqual(before);
  });

  it('changes nothing when the same list arrives as an XLSX with merged title rows and full-width headers', async () => {
    const dir = contentCopy();
    const before = tree(dir);
    const csv = readFileSync(SAMPLE, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, '')));
    const header = csv[1]!.map((h) => ` ${h.replace('需求编号', '需求编号').replace('/', '／')} `);
    const rows = [
      [{ value: '附件', columnSpan: 9 }, ...Array(8).fill(null)],
      [{ value: csv[0]![0]!, columnSpan: 9 }, ...Array(8).fill(null)],
      header.map((value) => ({ value })),
      ...csv
        .slice(2)
        .map((cells) =>
          cells.map((value, i) =>
            i === 0 && /^\d+$/.test(value) ? { value: Number(value), type: Number } : value ? { value } : null,
          ),
        ),
    ];
    const path = writeScratch('list.xlsx', await writeXlsxFile(rows as never).toBuffer());
    const r = importInto(dir, path);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('（XLSX，表头在第 3 行');
    expect(r.stdout).toContain('目录没有变化');
    expect(tree(dir)).toEqual(before);
  });
});

describe('jiebang import-catalogue: a changed list', () => {
  const dir = contentCopy();
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const changed = lines
    .filter((l) => !l.includes('MIIT-2026-0201')) // withdrawn
    .map((l) => l.replace('港口集装箱无人集卡多车协同调度系统', '港口集装箱无人集卡多车协同调度与远程接管系统'))
    .map((l) =>
      l.startsWith('9,')
        ? `${l}\n10,MIIT-2026-0405,氢燃料电池双极板精密冲压成形,企业名称不公开,辽宁省大连市,新能源,工艺改进,"开发0.1mm超薄不锈钢双极板精密冲压与涂层工艺。",不公开`
        : l,
    );
  const path = writeScratch('changed.csv', changed.join('\n'));
  let report = '';

  it('adds, changes and withdraws, and says so', () => {
    const r = importInto(dir, path, '--notice', '工信厅企业函〔2026〕95号');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = r.stdout;
    expect(report).toContain(
      '新增 1 条（目录中新出现）：\n  + QG-2026-008〔MIIT-2026-0405〕氢燃料电池双极板精密冲压成形（辽宁省大连市）',
    );
    expect(report).toContain(
      '变更 1 条（目录中内容有改动）：\n  ~ QG-2026-003〔MIIT-2026-0133〕港口集装箱无人集卡多车协同调度与远程接管系统\n      需求名称：港口集装箱无人集卡多车协同调度系统 → 港口集装箱无人集卡多车协同调度与远程接管系统',
    );
    expect(report).toContain(
      '撤出目录 1 条（新目录文件中没有，标记为已撤出，条目保留）：\n  − QG-2026-005〔MIIT-2026-0201〕',
    );
    expect(report).toContain('未变 5 条。');
    expect(report).toContain('已写入 3 个文件。');
  });

  it('keeps the withdrawn entry, marked, and records provenance on what changed only', () => {
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    const withdrawn = entry(dir, 'QG-2026-005');
    expect(withdrawn.withdrawn).toEqual({ at: '2026-12-01T01:00:00.000Z', sha256: sha });
    expect(withdrawn.title).toBe('大型风电主轴承健康监测与寿命预测');
    const added = entry(dir, 'QG-2026-008');
    expect(added).toMatchObject({
      round: 'XM-2026',
      anonymousIssuer: true,
      region: { province: '辽宁省', city: '大连市' },
      source: {
        notice: '工信厅企业函〔2026〕95号',
        file: 'changed.csv',
        sha256: sha,
        importedAt: '2026-12-01T01:00:00.000Z',
        row: 11,
      },
    });
    expect(added.contact).toBeUndefined();
    expect(entry(dir, 'QG-2026-003').source.sha256).toBe(sha);
    const unchanged = entry(dir, 'QG-2026-007');
    expect(unchanged.source.sha256).not.toBe(sha);
    expect(unchanged.technicalIndicators).toHaveLength(3); // entered by an officer, kept across imports
  });

  it('passes jiebang validate afterwards', () => {
    const r = jiebang(['validate', dir]);
    expect(r.stdout).toContain('个文件');
    expect(r.code).toBe(0);
  });

  it('is idempotent: the same changed list again writes nothing', () => {
    const before = tree(dir);
    const r = importInto(dir, path);
    expect(r.stdout).toContain('目录没有变化');
    expect(tree(dir)).toEqual(before);
  });

  it('lists a withdrawn demand again when a later list has it again', () => {
    const r = importInto(dir, SAMPLE);
    expect(r.stdout).toContain('重新列入 1 条（曾撤出目录）：\n  ↺ QG-2026-005〔MIIT-2026-0201〕');
    expect(r.stdout).toContain('撤出目录 1 条');
    expect(r.stdout).toContain('− QG-2026-008〔MIIT-2026-0405〕');
    expect(entry(dir, 'QG-2026-005').withdrawn).toBeUndefined();
  });

  it('reports as JSON with --json', () => {
    const r = importInto(dir, path, '--json', '--dry-run');
    const out = JSON.parse(r.stdout) as {
      round: string;
      sha256: string;
      added: unknown[];
      changed: Array<{ entry: { id: string }; changes: Array<{ field: string }> }>;
      written: string[];
    };
    expect(out.round).toBe('XM-2026');
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.changed.map((c) => [c.entry.id, c.changes.map((x) => x.field)])).toEqual([['QG-2026-003', ['title']]]);
    expect(out.written).toEqual([]);
  });

  it('previews with --dry-run and writes nothing', () => {
    const before = tree(dir);
    const r = importInto(dir, path, '--dry-run');
    expect(r.stdout).toContain('试运行（--dry-run）：将写入');
    expect(tree(dir)).toEqual(before);
  });
});

describe('jiebang import-catalogue: hostile files are refused and nothing is written', () => {
  const dir = contentCopy();
  const before = tree(dir);

  async function formulaXlsx(): Promise<string> {
    const rows = [
      [{ value: '序号' }, { value: '需求编号' }, { value: '需求名称' }, { value: '所在省份/城市' }],
      [{ value: 1, type: Number }, { value: 'MIIT-2026-0102' }, { value: '功率模块封装' }, { value: '江苏省苏州市' }],
      [
        { value: 2, type: Number },
        { value: '=B2&"X"', type: 'Formula' },
        { value: '硅光调制器芯片' },
        { value: '广东省深圳市' },
      ],
    ];
    return writeScratch('formula.xlsx', await writeXlsxFile(rows as never).toBuffer());
  }

  it.each([
    [
      'missing columns',
      () => 'test/fixtures/catalogue/missing-columns.csv',
      '缺少必需的列：需求编号（或 目录编号、需求目录编号）、所在省份/城市（或 所在省份）。第 2 行的表头是：序号、需求名称、发榜企业、所属领域',
    ],
    [
      'duplicate numbers (one written full-width)',
      () => 'test/fixtures/catalogue/duplicate-numbers.csv',
      '第 4 行“需求编号”列（B4）的编号“MIIT-2026-0102”与第 2 行重复',
    ],
    [
      'a formula written as text',
      () => 'test/fixtures/catalogue/formula-text.csv',
      '第 2 行“联系方式”列（F2）以“=”开头，像是公式',
    ],
    ['no header', () => 'test/fixtures/catalogue/no-header.csv', '前 20 行中找不到表头'],
    ['a formula in an XLSX', formulaXlsx, '单元格 B3 含有公式。本系统不计算公式'],
    [
      '10 MB of junk',
      () =>
        writeScratch(
          'junk.csv',
          new Uint8Array(10 * 1024 * 1024).map((_, i) => (i * 7919) % 251),
        ),
      '超过 5 MB 上限',
    ],
    [
      'binary junk under the limit',
      () =>
        writeScratch(
          'junk.bin',
          new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 256),
        ),
      '既不是 XLSX 工作簿，也不是 CSV 文本',
    ],
  ])('%s', async (_what, make, message) => {
    const r = importInto(dir, await make());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('未写入任何文件');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(tree(dir)).toEqual(before);
  });

  it('refuses an unknown round, naming the rounds there are', () => {
    const r = importInto(dir, SAMPLE, '--round', 'XM-2031');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('年度批次“XM-2031”不存在（content/rounds/ 中有：XM-2023、XM-2026）');
    expect(tree(dir)).toEqual(before);
  });

  it('answers usage mistakes with exit 2 and no trace', () => {
    for (const args of [
      ['import-catalogue'],
      ['import-catalogue', 'no/such.csv'],
      ['import-catalogue', SAMPLE, '--bogus'],
    ]) {
      const r = jiebang(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'catalogue', 'QG-2026-008.yml'))).toBe(false);
  });
});

import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jiebang } from './run-cli.ts';

describe('jiebang validate', () => {
  it('prints the documented JSON shape', () => {
    const { code, stdout } = jiebang(['validate', '--json', 'test/fixtures/invalid/demands/title-too-long.yml']);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['results']);
    expect(out.results).toHaveLength(1);
    expect(Object.keys(out.results[0])).toEqual(['file', 'kind', 'valid', 'errors']);
    expect(out.results[0]).toMatchObject({
      file: 'test/fixtures/invalid/demands/title-too-long.yml',
      kind: 'demand',
      valid: false,
    });
    expect(out.results[0].errors[0]).toEqual(
      expect.objectContaining({ path: '/title', keyword: 'maxLength', message: expect.stringContaining('需求名称') }),
    );
  });

  it('explains in Chinese by default and in English with --lang en', () => {
    const zh = jiebang(['validate', 'test/fixtures/invalid/demands/missing-title.yml']);
    expect(zh.stdout).toContain('需求名称：为必填项');
    const en = jiebang(['validate', '--lang', 'en', 'test/fixtures/invalid/demands/missing-title.yml']);
    expect(en.stdout).toContain('Demand title is required');
  });

  it('exits 2 for usage errors, with a message and no stack trace', () => {
    for (const args of [
      ['validate', 'no/such/folder'],
      ['validate', '--bogus'],
      ['validate', '--lang', 'fr'],
      ['frobnicate'],
    ]) {
      const r = jiebang(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });

  it('refuses a huge file with a size error naming it, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-huge-'));
    mkdirSync(join(dir, 'demands'));
    const file = join(dir, 'demands', 'XM-2026-999.yml');
    writeFileSync(file, `title: "${'很'.repeat(1_000_000)}"\n`);
    const r = jiebang(['validate', '--json', file]);
    expect(r.code).toBe(1);
    const error = JSON.parse(r.stdout).results[0].errors[0];
    expect(error).toMatchObject({ keyword: 'size' });
    expect(error.message).toContain('2 MB');
  });

  it('reports a file whose kind cannot be told from its location', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-unknown-'));
    writeFileSync(join(dir, 'stray.yml'), 'a: 1\n');
    const r = jiebang(['validate', '--json', dir]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ kind: 'unknown', valid: false });
  });
});

describe('jiebang --help', () => {
  it('lists every command, and each command explains its own options', () => {
    const top = jiebang(['--help']);
    expect(top.code).toBe(0);
    const names = [...top.stdout.matchAll(/^  (\S+)\s{2,}/gm)].map((m) => m[1]!);
    expect(names).toEqual(
      expect.arrayContaining([
        'validate',
        'classify',
        'intake',
        'decide',
        'audit',
        'report',
        'seal',
        'unseal',
        'reseal',
        'keygen',
        'print',
        'attach-scan',
        'verify-scan',
      ]),
    );
    for (const name of names) {
      const r = jiebang([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain(`jiebang ${name} `);
    }
  });
});

describe('jiebang classify', () => {
  it('computes the size class and prints the documented JSON', () => {
    const r = jiebang(['classify', '--industry', '工业', '--employees', '1200', '--revenue', '30000', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      size: 'medium',
      sme: true,
      standard: '2011-300',
      industry: '工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）',
    });
  });

  it('accepts a GB/T 4754 code for the industry', () => {
    const r = jiebang(['classify', '--industry', 'I6513', '--employees', '300', '--revenue', '10000', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ size: 'large', sme: false, industry: '软件和信息技术服务业' });
  });

  it('refers a financial enterprise to the bureau instead of sizing it', () => {
    const r = jiebang(['classify', '--industry', 'J6620', '--employees', '50']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('银发〔2015〕309号');
    expect(r.stdout).not.toContain('其他未列明行业');
    const json = jiebang(['classify', '--industry', 'J6620', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      size: null,
      sme: null,
      referral: true,
      standard: '银发〔2015〕309号',
    });
  });

  it.each([
    [['--industry', 'S9221', '--employees', '5'], '不是企业'],
    [['--industry', '建筑业', '--revenue', '5000'], '资产总额'],
    [['--industry', '工业', '--employees', 'abc', '--revenue', '1'], '--employees'],
    [['--industry', '炼金术', '--employees', '1'], '炼金术'],
    [['--employees', '1'], '--industry'],
  ])('exits 2 with a clear message for %j', (args, mention) => {
    const r = jiebang(['classify', ...args, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * `jiebang compare` on a copy of the sample catalogue sealed at rest (a public repository):
 * the demand's issuer representative and an officer get the side-by-side comparison as XLSX
 * and printable HTML outside the repository; another issuer's key gets nothing; no place
 * inside a git work tree (the repository, the site in it) is ever written to.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYaml } from '../../pipeline/content/format.ts';
import { jiebang, ROOT } from './run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'jiebang-compare-'));
const repo = join(root, 'repo');
const key = (login: string) => join(ROOT, 'test/fixtures/keys', `${login}.key`);
const DEMAND = 'XM-2026-001'; // represented by yuguang-wangqian
const apps = () => readdirSync(join(ROOT, 'content/applications')).filter((f) => f.startsWith(`${DEMAND}-`));

beforeAll(() => {
  cpSync(join(ROOT, 'content'), join(repo, 'content'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  const sitePath = join(repo, 'content/site.yml');
  writeFileSync(
    sitePath,
    formatYaml('site', { ...parse(readFileSync(sitePath, 'utf8')), privacy: { sealAtRest: true } }),
  );
  const sealed = jiebang(['reseal', '--identity', key('xm-jiebang-admin')], { cwd: repo });
  if (sealed.code !== 0) throw new Error(sealed.stderr);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('jiebang compare', () => {
  it("gives the demand's issuer representative its applications side by side, outside the repository", () => {
    // At rest, nothing of the chapters is readable.
    const sample = readFileSync(join(repo, 'content/applications', apps()[0]!), 'utf8');
    expect(sample).not.toMatch(/^chapters:\n {2}basics:/m);
    const out = join(root, 'issuer-out');
    const r = jiebang([
      'compare',
      DEMAND,
      '--identity',
      key('yuguang-wangqian'),
      '--out',
      out,
      '--content',
      join(repo, 'content'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, `${DEMAND}-遴选对比.html`), 'utf8');
    const xlsx = readFileSync(join(out, `${DEMAND}-遴选对比.xlsx`));
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    for (const file of apps()) {
      const app = parse(readFileSync(join(ROOT, 'content/applications', file), 'utf8')) as {
        applicant: { name: string };
        indicatorResponses: Array<{ committedValue: string }>;
        chapters: { plan: string };
      };
      expect(html).toContain(app.applicant.name);
      for (const resp of app.indicatorResponses)
        expect(html).toContain(
          resp.committedValue.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;'),
        );
    }
    for (const criterion of ['研发团队', '研发能力', '技术方案', '匹配程度'])
      expect(html).toContain(`${criterion}：评分`);
    // A representative cannot open the applicants' profiles: their figures are the officers' only.
    expect(html).toContain('经营数据已密封（仅主管部门可见）');
    expect(statSync(join(out, `${DEMAND}-遴选对比.html`)).mode & 0o077).toBe(0);
  });

  it('gives an officer the size class and figures too', () => {
    const out = join(root, 'officer-out');
    const r = jiebang([
      'compare',
      DEMAND,
      '--identity',
      key('xm-gxj-chenyh'),
      '--out',
      out,
      '--content',
      join(repo, 'content'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, `${DEMAND}-遴选对比.html`), 'utf8');
    expect(html).toMatch(/(小型|微型|中型)企业（2011-300/);
    expect(html).not.toContain('经营数据已密封');
  });

  it("gives another issuer's representative nothing", () => {
    const out = join(root, 'other-out');
    const r = jiebang([
      'compare',
      DEMAND,
      '--identity',
      key('luneng-caijq'),
      '--out',
      out,
      '--content',
      join(repo, 'content'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('都不是加密给这把密钥的');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to write inside the repository, the site or the content, and writes nothing there', () => {
    const before = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: repo,
      encoding: 'utf8',
    });
    mkdirSync(join(repo, 'dist'), { recursive: true });
    for (const out of [
      join(repo, 'private'),
      join(repo, 'dist'),
      join(repo, 'content'),
      join(repo, 'content/applications'),
    ]) {
      const r = jiebang([
        'compare',
        DEMAND,
        '--identity',
        key('yuguang-wangqian'),
        '--out',
        out,
        '--content',
        join(repo, 'content'),
      ]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toContain('不能写入代码仓库或网站目录');
    }
    expect(existsSync(join(repo, 'private'))).toBe(false);
    expect(readdirSync(join(repo, 'dist'))).toEqual([]);
    expect(
      execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }),
    ).toBe(before);
  });
});

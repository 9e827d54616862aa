import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jiebang } from './run-cli.ts';

type Result = {
  file: string;
  kind: string;
  valid: boolean;
  errors: Array<{ path: string; keyword: string; message: string }>;
};

describe('the sample content', () => {
  it('passes jiebang validate as a whole, cross-record rules included', () => {
    const r = jiebang(['validate', '--json', 'content']);
    const results = JSON.parse(r.stdout).results as Result[];
    expect(results.filter((x) => !x.valid)).toEqual([]);
    expect(r.code).toBe(0);
    const kinds = new Map<string, number>();
    for (const x of results) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
    expect(kinds.get('demand')).toBeGreaterThanOrEqual(30);
    expect(kinds.get('enterprise')).toBeGreaterThanOrEqual(15);
    expect(kinds.get('application')).toBeGreaterThanOrEqual(40);
    expect(kinds.get('round')).toBe(2);
  });

  it('rejects each deliberately failing application for exactly its one reason, read with the content', () => {
    const r = jiebang(['validate', '--json', 'content', 'test/fixtures/invalid/applications']);
    expect(r.code).toBe(1);
    const invalid = (JSON.parse(r.stdout).results as Result[]).filter((x) => !x.valid);
    const byFolder = Object.fromEntries(invalid.map((x) => [x.file.split('/').at(-2)!, x.errors]));
    expect(Object.keys(byFolder).sort()).toEqual(['duplicate-pair', 'large-enterprise', 'missing-plan']);
    expect(byFolder['large-enterprise']).toEqual([
      expect.objectContaining({
        path: '/applicant/uscc',
        keyword: 'cross-record',
        message: expect.stringContaining('大型企业'),
      }),
    ]);
    expect(byFolder['duplicate-pair']).toEqual([
      expect.objectContaining({ path: '/applicant/uscc', message: expect.stringContaining('只能提交一份申请') }),
    ]);
    expect(byFolder['missing-plan']).toEqual([
      expect.objectContaining({
        path: '/chapters/plan',
        keyword: 'required',
        message: expect.stringContaining('技术攻关方案'),
      }),
    ]);
  });
});

describe("the bureau's area in jiebang validate", () => {
  it("warns the officer, without failing, when a local applicant's credit code was issued elsewhere", () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-area-'));
    try {
      const content = join(dir, 'content');
      cpSync('content', content, { recursive: true });
      // 福建榕创 (code 350102, 福州) declares itself in 厦门 and applies to an entry of the national catalogue.
      const profile = join(content, 'enterprises/91350102782186734X/index.yml');
      writeFileSync(
        profile,
        readFileSync(profile, 'utf8').replace(/city: 福州市\n  district: 鼓楼区/, 'city: 厦门市\n  district: 思明区'),
      );
      const app = readFileSync(join(content, 'applications/QG-2026-007-A01.yml'), 'utf8')
        .replace('id: QG-2026-007-A01', 'id: QG-2026-007-A02')
        .replace('91350206MA2Y4C7K4P', '91350102782186734X')
        .replace('name: 厦门微准视觉科技有限公司', 'name: 福建榕创检测技术有限公司');
      writeFileSync(join(content, 'applications/QG-2026-007-A02.yml'), app);
      const r = jiebang(['validate', content]);
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toContain('! ');
      expect(r.stdout).toContain('QG-2026-007-A02.yml（提示）');
      expect(r.stdout).toContain('登记管理机关行政区划码 350102');
      const json = JSON.parse(jiebang(['validate', '--json', content]).stdout) as {
        results: Array<{ file: string; valid: boolean }>;
      };
      expect(json.results.find((x) => x.file.endsWith('QG-2026-007-A02.yml'))?.valid).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jiebang } from './run-cli.ts';

type Result = { file: string; kind: string; valid: boolean; errors: Array<{ path: string; keyword: string; message: string }> };

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
    expect(byFolder['large-enterprise']).toEqual([expect.objectContaining({ path: '/applicant/uscc', keyword: 'cross-record', message: expect.stringContaining('大型企业') })]);
    expect(byFolder['duplicate-pair']).toEqual([expect.objectContaining({ path: '/applicant/uscc', message: expect.stringContaining('只能提交一份申请') })]);
    expect(byFolder['missing-plan']).toEqual([expect.objectContaining({ path: '/chapters/plan', keyword: 'required', message: expect.stringContaining('技术攻关方案') })]);
  });
});

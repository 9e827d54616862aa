/**
 * Invalid content stops the build before anything is written, with the file and the
 * Chinese message of each problem and no stack trace; so does a bad JIEBANG_NOW.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, type BuiltSite } from './harness.ts';

const sites: BuiltSite[] = [];
afterAll(() => sites.forEach((s) => s.cleanup()));

describe('a build of invalid content', () => {
  it('fails naming the file and the rule in Chinese, without a stack trace', async () => {
    const site = await buildFixtureSite({
      change: (content) => {
        const file = join(content, 'demands/XM-2026-004/index.yml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8')
            .replace(/^title: .*$/m, `title: ${'很长的标题'.repeat(12)}`)
            .replace(/^completionMonths: .*$/m, 'completionMonths: 99'),
        );
      },
    });
    sites.push(site);
    expect(site.code).toBe(1);
    expect(site.output).toContain('内容有 2 处错误，网站未生成');
    expect(site.output).toMatch(/content\/demands\/XM-2026-004\/index\.yml: 需求名称：[^\n]*50/);
    expect(site.output).toMatch(/content\/demands\/XM-2026-004\/index\.yml: 完成时限（月）：[^\n]*60/);
    expect(site.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(site.timings).toBeUndefined();
  });
});

describe('a build pointed at a folder that is not content', () => {
  it('says which folder and which setting, without a stack trace', async () => {
    const site = await buildFixtureSite({
      change: (content) => rmSync(join(content, 'site.yml')),
    });
    sites.push(site);
    expect(site.code).toBe(1);
    expect(site.output).toMatch(/内容目录 \S+ 不存在或其中没有 site\.yml；请检查 JIEBANG_CONTENT/);
    expect(site.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});

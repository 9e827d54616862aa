import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateRecord } from './index.ts';

const site = parse(readFileSync(new URL('../../content/site.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
const withSiteUrl = (siteUrl: string) => validateRecord('site', { ...site, siteUrl });

describe('formats: a link as the generated validators check it', () => {
  it('takes the sample site, whose links are https addresses', () => {
    expect(validateRecord('site', site)).toEqual([]);
  });

  it.each(['https://jiebang.example.gov.cn', 'http://10.0.0.8:4321/jiebang/', 'https://例子.中国/揭榜?轮次=2026'])(
    'takes %s',
    (url) => expect(withSiteUrl(url)).toEqual([]),
  );

  it.each(['jiebang.example.gov.cn', 'https://jiebang.example.gov.cn/a b', '//jiebang.example.gov.cn', ''])(
    'refuses %j, naming the field and the format',
    (url) => {
      const issues = withSiteUrl(url);
      expect(issues.map((i) => [i.path, i.keyword])).toEqual([['/siteUrl', 'format']]);
      expect(issues[0]!.message).toMatch(/^网站地址：/);
    },
  );
});

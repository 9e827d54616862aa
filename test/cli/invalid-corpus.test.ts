import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jiebang } from './run-cli.ts';

type Expectation = { path: string; keyword: string; mentions?: string };
const expected = parse(readFileSync('test/fixtures/invalid/expected.yml', 'utf8')) as Record<string, Expectation[]>;
const HAN = /\p{Script=Han}/u;

describe('the invalid corpus: each record produces its expected error, in Chinese', () => {
  const { code, stdout } = jiebang(['validate', '--json', 'test/fixtures/invalid']);
  const results = JSON.parse(stdout).results as Array<{
    file: string;
    valid: boolean;
    errors: Array<{ path: string; keyword: string; message: string; messageEn: string }>;
  }>;

  it('fails as a whole with exit 1 and every file reported invalid', () => {
    expect(code).toBe(1);
    expect(results.filter((r) => r.valid).map((r) => r.file)).toEqual([]);
  });

  for (const [file, expectations] of Object.entries(expected)) {
    it(file, () => {
      const result = results.find((r) => r.file === `test/fixtures/invalid/${file}`);
      expect(result, `${file} was not validated`).toBeDefined();
      for (const e of expectations) {
        const hit = result!.errors.find(
          (x) => x.path === e.path && x.keyword === e.keyword && x.message.includes(e.mentions ?? ''),
        );
        expect(
          hit,
          `${file}: no ${e.keyword} error at ${e.path || '/'} mentioning “${e.mentions ?? ''}”; got ${JSON.stringify(result!.errors)}`,
        ).toBeDefined();
        expect(hit!.message).toMatch(HAN);
        expect(hit!.messageEn).toMatch(/[A-Za-z]/);
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { asciiOnly } from './build.ts';

// Each source is a regular expression as esbuild leaves it in a bundle; escaped, it must be
// pure ASCII and match exactly what the original matches.
const SUBJECTS = ['：', ':', '、', '，', '😀', '\uD83D', 'a：', '\\：', 'u', '\\', 'x'];

describe('asciiOnly: the last non-ASCII characters of a bundle, escaped', () => {
  it.each([
    '/[：:]\\s*$/',
    '/[\\s,，、;；]+/',
    '/\\：/',
    '/a\\\\：/',
    '/😀/u',
    '/[😀]/u',
    '/[😀]/',
    '/(?:结果|outcome)\\s*[=＝:：]/',
  ])('%s means the same as ASCII', (source) => {
    const escaped = asciiOnly(source);
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    const [before, after] = [source, escaped].map((s) => new Function(`return ${s}`)() as RegExp);
    for (const subject of SUBJECTS)
      expect(after!.test(subject), `${escaped} on ${subject}`).toBe(before!.test(subject));
  });

  it('leaves ASCII as it is', () => {
    const code = 'let a=/[\\s,;]+/g,b="\\u4e2d";';
    expect(asciiOnly(code)).toBe(code);
  });
});

import { describe, expect, it } from 'vitest';
import { ADMITTED_CATEGORIES, CATEGORIES, checkUscc, checkUsccAny, orgCodeCheckChar, usccCheckChar } from './uscc.ts';

const VALID = ['91330100799655058B', '9144030071526726XG', '914403001922038216', '91110108551385082Q'];
const BASE = '91330100799655058B';

/** BASE with the character at 0-based position `i` replaced. */
const withChar = (i: number, ch: string, code = BASE) => code.slice(0, i) + ch + code.slice(i + 1);

describe('checkUscc: the four public codes', () => {
  it.each(VALID)('%s passes both checks', (code) => {
    expect(checkUscc(code)).toEqual([]);
  });

  it.each(VALID)('%s: the helpers reproduce both check characters', (code) => {
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
  });
});

describe('checkUscc: one failing case per rule', () => {
  it.each([
    // [what, code, rule, text the Chinese message must contain]
    ['17 characters', BASE.slice(0, 17), 'length', '18 位'],
    ['19 characters', `${BASE}0`, 'length', '现在是 19 位'],
    ['empty', '', 'length', '现在是 0 位'],
    ['letter I', withChar(9, 'I'), 'alphabet', '第 10 位“I”'],
    ['letter O', withChar(9, 'O'), 'alphabet', '第 10 位“O”'],
    ['letter S', withChar(9, 'S'), 'alphabet', '第 10 位“S”'],
    ['letter V', withChar(9, 'V'), 'alphabet', '第 10 位“V”'],
    ['letter Z', withChar(9, 'Z'), 'alphabet', '第 10 位“Z”'],
    ['lowercase check char', withChar(17, 'b'), 'alphabet', '第 18 位“b”'],
    ['a space', withChar(0, ' '), 'alphabet', '大写字母'],
    ['a letter in the region digits', withChar(3, 'A'), 'region', '行政区划码'],
    ['a wrong organization-code check digit', withChar(16, '7'), 'org-check', '组织机构代码'],
    ['a letter other than X as org check', withChar(16, 'A'), 'org-check', '组织机构代码'],
    ['a wrong final check character', withChar(17, 'C'), 'check', '校验码'],
  ])('%s → %s', (_what, code, rule, text) => {
    const issues = checkUscc(code);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue!.keyword).toBe('uscc');
    expect(issue!.params.rule).toBe(rule);
    expect(issue!.message).toContain(text);
    expect(issue!.message).toContain('统一社会信用代码');
    expect(issue!.messageEn.length).toBeGreaterThan(10);
  });

  it('the alphabet message names the forbidden letters', () => {
    expect(checkUscc(withChar(5, 'O'))[0]!.message).toContain('I、O、S、V、Z');
  });
});

describe('checkUscc: any single-character change is caught', () => {
  // Printable ASCII plus the full-width and look-alike characters people paste by mistake.
  const candidates = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '０', 'Ｏ', 'О', '\u200b'];

  it.each(VALID)('%s: every position, every other character', (code) => {
    let tried = 0;
    for (let i = 0; i < code.length; i++) {
      for (const ch of candidates) {
        if (ch === code[i]) continue;
        const changed = withChar(i, ch, code);
        expect(checkUscc(changed), `${changed} (position ${i + 1} → ${JSON.stringify(ch)})`).not.toEqual([]);
        tried++;
      }
    }
    expect(tried).toBe(18 * (candidates.length - 1));
  });

  it.each(VALID)('%s: swapping two different adjacent characters is caught', (code) => {
    for (let i = 0; i < 17; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(checkUscc(swapped), swapped).not.toEqual([]);
    }
  });
});

describe('checkUscc: registration authority and category (positions 1–2)', () => {
  /** BASE with positions 1–2 replaced and its check character recomputed, so only the category differs. */
  const withPrefix = (prefix: string) => {
    const first17 = prefix + BASE.slice(2, 17);
    return first17 + usccCheckChar(first17);
  };

  it('91 (企业) is the one admitted category', () => {
    expect([...ADMITTED_CATEGORIES]).toEqual(['91']);
    expect(checkUscc(withPrefix('91'))).toEqual([]);
  });

  it.each(Object.keys(CATEGORIES).filter((p) => p !== '91'))(
    '%s is refused by name, with no advice to fix it',
    (prefix) => {
      const issues = checkUscc(withPrefix(prefix));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.params.rule).toBe('enterprise');
      expect(issues[0]!.message).toContain(`“${prefix}”`);
      expect(issues[0]!.message).toContain(CATEGORIES[prefix]!.zh);
      expect(issues[0]!.message).toContain('必须是企业');
      expect(issues[0]!.message).not.toMatch(/请/);
      expect(issues[0]!.messageEn).toContain('Only enterprises');
    },
  );

  it.each([
    ['12', '事业单位'],
    ['11', '机关'],
    ['31', '律师执业机构'],
    ['51', '社会团体'],
    ['52', '民办非企业单位'],
    ['53', '基金会'],
    ['92', '个体工商户'],
    ['93', '农民专业合作社'],
    ['N2', '村级集体经济组织'],
  ])('%s names %s', (prefix, name) => {
    expect(checkUscc(withPrefix(prefix))[0]!.message).toContain(name);
  });

  it.each(['00', '10', '14', '20', '50', '54', '90', '94', '99', 'A2', 'B1', 'N4', 'Y2', '1A'])(
    '%s is no category of the standard',
    (prefix) => {
      const issues = checkUscc(withPrefix(prefix));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.params.rule).toBe('category');
      expect(issues[0]!.message).toContain('登记管理部门和机构类别代码');
    },
  );
});

describe("checkUsccAny: a partner's code (universities, institutes)", () => {
  const withPrefix = (prefix: string) => {
    const first17 = prefix + BASE.slice(2, 17);
    return first17 + usccCheckChar(first17);
  };
  it.each(Object.keys(CATEGORIES))('%s is accepted', (prefix) => {
    expect(checkUsccAny(withPrefix(prefix))).toEqual([]);
  });
  it('still checks the category and the check characters', () => {
    expect(checkUsccAny(withPrefix('99'))[0]!.params.rule).toBe('category');
    expect(checkUsccAny(withChar(17, 'C'))[0]!.params.rule).toBe('check');
  });
});

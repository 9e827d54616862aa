import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from './index.ts';

/** Every `x-rule` name used anywhere in schemas/. */
function schemaRuleNames(): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'x-rule' && typeof value === 'string') names.add(value);
        visit(value);
      }
    }
  };
  const dir = new URL('../../schemas/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json')))
    visit(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
  return names;
}

const PHASES = {
  call: { start: '2023-05-01', end: '2023-05-31' },
  precheck: { start: '2023-06-01', end: '2023-06-10' },
  catalogue: { start: '2023-06-11', end: '2023-06-30' },
  apply: { start: '2023-07-01', end: '2023-07-31' },
  review: { start: '2023-08-01', end: '2023-08-15' },
  selection: { start: '2023-08-16', end: '2023-09-15' },
  implementation: { start: '2023-09-16', end: '2024-06-30' },
  acceptance: { start: '2024-07-01', end: '2024-12-31' },
};
/** Real age ciphertext (to the outsider demo key); rules/sealed-blob.test.ts covers the structural check in depth. */
const SEALED = `-----BEGIN AGE ENCRYPTED FILE-----
YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB6SnUrNG1wd0U0eXVnODEx
eEo0ZENoUVJNcU5Rc0x5dFBSTm9LS0dGY21JCk9PKzJDSnVFYXBwd3FUWGFjbE8y
enBhQjJEVzNsQTY2WVNkbEw5em9vUmsKLS0tIERGMkNoNXp2UE1NcmI1L0w4Y1N0
R1h6YW1qcTZMVlBQWEpCYzBCMHR6SEUK69v/MHDyVkzecUq9WRaa6hX5h2GitKZN
lTllLVQ4G1pzFBLOQu7v+zMPsswErHNy7qx3pEl0/nhikpaSekEfCIKMOsH23fvs
L3geXLbliJGyOBYgQdm6Zse7BxYK
-----END AGE ENCRYPTED FILE-----
`;

// [rule, a value that passes, a value that fails, the failing issue's params.rule]
const SAMPLES: Array<[string, unknown, unknown, string]> = [
  ['uscc', '91330100799655058B', '91330100799655058C', 'check'],
  ['mobile', '+86 138 1234 5678', '1381234567', 'length'],
  ['landline', '0592-2896792', '2896792', 'area-code'],
  ['money', 1999.99, 1.005, 'decimals'],
  ['filename', '营业执照.pdf', 'docs/营业执照.pdf', 'separator'],
  ['industry-code', 'C3562', 'C65', 'section'],
  ['phases', PHASES, { ...PHASES, apply: { start: '2023-06-30', end: '2023-07-31' } }, 'order'],
  ['sealed', SEALED, 'name: 张三', 'armor'],
  [
    'unique-logins',
    [{ login: 'alice' }, { login: 'bob' }],
    [{ login: 'Alice' }, { login: 'bob' }, { login: 'alice' }],
    'duplicate',
  ],
];

describe('RULES', () => {
  it('covers exactly the x-rule names the schemas use', () => {
    expect(Object.keys(RULES).sort()).toEqual([...schemaRuleNames()].sort());
  });

  it.each(SAMPLES)('%s: a good value passes, a bad one fails without a path', (name, good, bad, rule) => {
    const check = RULES[name]!;
    expect(check(good)).toEqual([]);
    const issues = check(bad);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.params.rule).toBe(rule);
      expect(issue.path).toBeUndefined();
      expect(issue.message).toMatch(/\p{Script=Han}/u);
      expect(issue.messageEn).toMatch(/^[\x20-\x7e“”–]+$/);
    }
  });

  const WRONG_TYPES: unknown[] = [undefined, null, true, 0, 1.005, Number.NaN, '', 'text', [], [1, 2], {}, { a: 1 }];
  it.each(Object.keys(RULES))('%s ignores values of the wrong type', (name) => {
    const expectedType =
      name === 'money' ? 'number' : name === 'phases' ? 'object' : name === 'unique-logins' ? 'array' : 'string';
    for (const value of WRONG_TYPES) {
      const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
      if (type === expectedType) continue;
      expect(RULES[name]!(value), `${name}(${JSON.stringify(value)})`).toEqual([]);
    }
  });

  it('industry-code checks only that the code maps to a row', () => {
    expect(RULES['industry-code']!('K70')[0]!.params.rule).toBe('ambiguous');
    expect(RULES['industry-code']!('J6610')).toEqual([]);
  });

  it('unique-logins names each later duplicate, ignoring case and malformed entries', () => {
    const issues = RULES['unique-logins']!([
      { login: 'Alice' },
      null,
      { name: 'x' },
      { login: 'bob' },
      { login: 'alice' },
      { login: 'ALICE' },
      { login: 'Bob' },
    ]);
    expect(issues.map((i) => i.params)).toEqual([
      { rule: 'duplicate', login: 'alice', index: 4, first: 0 },
      { rule: 'duplicate', login: 'ALICE', index: 5, first: 0 },
      { rule: 'duplicate', login: 'Bob', index: 6, first: 3 },
    ]);
    expect(issues[0]!.message).toContain('第 1 项和第 5 项');
  });

  it('sealed needs age armor from the very start, with a well-formed age file inside', () => {
    expect(RULES.sealed!(` ${SEALED}`)[0]!.params.rule).toBe('armor');
    expect(RULES.sealed!('age-encryption.org/v1\n')[0]!.params.rule).toBe('armor');
    // The armor alone is not enough: the header inside must be an age header with recipients.
    expect(
      RULES.sealed!(
        '-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOQ==\n-----END AGE ENCRYPTED FILE-----\n',
      )[0]!.params.rule,
    ).toBe('mac');
    expect(RULES.sealed!('name: 张三')[0]!.message).not.toContain('张三');
  });
});

/** Bounds are said once, with a space between number and unit (「应大于 0 万元」). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../content/parse.ts';
import { validateRecord } from '../validate/index.ts';

const dir = 'content/enterprises';
const file = `${dir}/${readdirSync(dir)[0]}/index.yml`;
const profile = () => {
  const p = parseContent(readFileSync(file), file);
  if (!p.ok) throw new Error(file);
  return p.data as Record<string, unknown>;
};

describe('numeric bounds', () => {
  it.each([
    ['registeredCapital', 0, ['注册资本（万元）：应大于 0 万元。']],
    ['registeredCapital', -5, ['注册资本（万元）：应大于 0 万元。']],
    ['rdExpenseLastYear', -1, ['上年研发费用（万元）：不能小于 0 万元。']],
    ['rdStaff', -1, ['研发人员（人）：不能小于 0。']],
  ] as const)('%s = %s', (field, value, messages) => {
    const record = { ...profile(), [field]: value };
    expect(
      validateRecord('enterprise', record)
        .filter((i) => i.path === `/${field}`)
        .map((i) => i.message),
    ).toEqual(messages);
  });
});

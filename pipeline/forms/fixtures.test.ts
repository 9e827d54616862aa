/**
 * The forms library's own body → record pairs (as github/issue-parser keeps them): each
 * fixtures/<name>.md is an issue body as GitHub would post it, and <name>.json what the
 * library reads from it — the form, the record, and the problems found (reading, then the
 * schema and rules: validate-submission.ts), by field and rule.
 * A change to how bodies are read shows up here as a diff of a file a reviewer can read.
 * After a deliberate change: UPDATE_FORM_FIXTURES=1 npx vitest run pipeline/forms/fixtures.test.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIssueBody } from './submission.ts';
import { validateSubmission } from './validate-submission.ts';

const dir = new URL('./fixtures/', import.meta.url);
const bodies = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();

function read(body: string) {
  const parsed = parseIssueBody(body);
  if (!parsed.ok) return parsed;
  // What reading found, then what the schema and rules find in the record read.
  const issues = [...parsed.issues, ...validateSubmission(parsed.form.kind, parsed.record, parsed.issues)];
  return {
    form: parsed.form.kind,
    record: parsed.record,
    issues: issues.map(({ path, keyword, message, messageEn }) => ({ path, keyword, message, messageEn })),
  };
}

describe('issue body → record fixtures', () => {
  it('has fixtures for every form', () => {
    for (const kind of ['demand', 'application', 'enterprise'])
      expect(bodies.some((b) => b.startsWith(kind))).toBe(true);
  });

  it.each(bodies)('%s', (name) => {
    const got = read(readFileSync(new URL(name, dir), 'utf8'));
    const expectedFile = new URL(name.replace(/\.md$/, '.json'), dir);
    if (process.env.UPDATE_FORM_FIXTURES) writeFileSync(expectedFile, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

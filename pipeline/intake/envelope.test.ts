import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Officers } from '../generated/types.ts';
import { officerRecipients, recipientsFor } from '../seal/recipients.ts';
import { seal } from '../seal/seal.ts';
import { envelopeIssues } from './envelope.ts';

const officers = parse(readFileSync(new URL('../../content/officers.yml', import.meta.url), 'utf8')) as Officers;
const NOW = new Date('2026-08-01T00:00:00+08:00');
const application = parse(
  readFileSync(new URL('../../content/applications/XM-2026-001-A01.yml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('the sealed envelope, checked without the key', () => {
  it("accepts an application sealed to the officers and its demand's representatives", async () => {
    const sealed = await seal('application', application, recipientsFor(officers, 'application', application, NOW));
    expect(envelopeIssues('application', sealed, officers, NOW)).toEqual([]);
  });

  it('refuses one sealed to the officers only (the issuer could not read it), naming both counts', async () => {
    const sealed = await seal('application', application, officerRecipients(officers, NOW));
    const [issue, ...rest] = envelopeIssues('application', sealed, officers, NOW);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: '/sealed', params: { rule: 'count', recipients: 4, expected: 5 } });
    expect(issue!.message).toContain('发榜企业代表');
  });

  it('checks nothing where the registry lists no keys, or the record has no blob', () => {
    expect(
      envelopeIssues(
        'application',
        { ...application, sealed: 'x' },
        { officers: [{ login: 'a-b', name: '某某', role: 'bureau' }] },
        NOW,
      ),
    ).toEqual([]);
    expect(envelopeIssues('application', application, officers, NOW)).toEqual([]);
  });
});

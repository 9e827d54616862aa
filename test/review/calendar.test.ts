/**
 * A calendar that fits notices: a round holds only the phases its notice gives (the 2023
 * notice gives the call for demands and its deadline, 「4月27日17:00前」 style), and what a
 * demand's own completion time says about its work, not a round-wide phase.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../pipeline/content/catalog.ts';
import { formatYaml } from '../../pipeline/content/format.ts';
import { recordFromBytes } from '../../pipeline/content/load.ts';
import type { Round } from '../../pipeline/generated/types.ts';
import { openCallRound } from '../../pipeline/intake/check.ts';
import { openItems } from '../../pipeline/review/open-items.ts';
import { replayActs } from '../../pipeline/review/replay.ts';
import { computeStatuses } from '../../pipeline/review/status.ts';
import { validateRecord } from '../../pipeline/validate/index.ts';
import { fixtureFiles, ROUND } from './fixture.ts';

const KIND = [
  [/^content\/rounds\//, 'round'],
  [/^content\/demands\//, 'demand'],
  [/^content\/applications\//, 'application'],
  [/^content\/enterprises\//, 'enterprise'],
  [/^content\/decisions\//, 'decision'],
  [/^content\/officers\.yml$/, 'officers'],
] as const;

async function catalogWith(round?: Round) {
  const files = await fixtureFiles();
  if (round) files.set(`content/rounds/${ROUND}.yml`, new TextEncoder().encode(formatYaml('round', round)));
  const records = [...files].map(([path, bytes]) =>
    recordFromBytes(path, KIND.find(([re]) => re.test(path))![1], bytes),
  );
  return buildCatalog(records);
}

describe('a round with only the phases its notice gives', () => {
  const callOnly = async () => {
    const full = (await catalogWith()).rounds.get(ROUND)!;
    return { ...full, phases: { call: { start: '2026-03-01', end: '2026-03-31', endTime: '17:00' } } } as Round;
  };

  it('is valid, and a deadline may carry its time of day', async () => {
    expect(validateRecord('round', await callOnly())).toEqual([]);
    const bad = await callOnly();
    (bad.phases.call as { endTime?: string }).endTime = '17点';
    expect(validateRecord('round', bad)[0]).toMatchObject({ path: '/phases/call/endTime' });
  });

  it('takes demands until the deadline’s time of day, and says so in Chinese after it', async () => {
    const round = await callOnly();
    expect(openCallRound([round], new Date('2026-03-31T16:59:00+08:00')).ok).toBe(true);
    const late = openCallRound([round], new Date('2026-03-31T17:00:00+08:00'));
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.issue.message).toContain('发榜征集期为 2026年3月1日至2026年3月31日 17:00前，已经结束');
  });

  it('publishes a catalogued demand at once and closes nothing by a date it does not give', async () => {
    const catalog = await catalogWith(await callOnly());
    const s = computeStatuses(catalog, new Date('2027-06-01T12:00:00+08:00'));
    expect(s.demands.get('TS-2026-001')?.state).toBe('published');
    // No pre-check phase: a returned demand waits for its resubmission, it does not expire.
    expect(s.demands.get('TS-2026-005')?.state).toBe('returned');
    expect(s.applications.get('TS-2026-001-A04')?.state).toBe('forwarded');
    // Nothing is overdue by a phase the notice did not give.
    const open = openItems(catalog, ROUND, new Date('2027-06-01T12:00:00+08:00'));
    expect(open.find((o) => o.id === 'TS-2026-002')).toMatchObject({ phase: 'precheck', overdue: false });
    expect(open.find((o) => o.id === 'TS-2026-002')?.due).toBeUndefined();
  });
});

describe('selection in a round without an application phase', () => {
  it('takes selections on a published demand once forwarded (nothing closes it by date)', async () => {
    const files = await fixtureFiles();
    const full = (await catalogWith()).rounds.get(ROUND)!;
    files.set(
      `content/rounds/${ROUND}.yml`,
      new TextEncoder().encode(formatYaml('round', { ...full, phases: { call: full.phases.call } } as Round)),
    );
    const r = await replayActs(files, [
      {
        subject: 'TS-2026-001-A04',
        action: 'select',
        at: '2026-07-25T10:00:00+08:00',
        actor: 'issuer-wang',
        scores: [90, 85, 88, 92],
      },
    ]);
    expect(r.refused).toEqual([]);
    expect(r.written.size).toBe(1);
  });
});

describe('work under way is due by the demand’s own completion time', () => {
  it('overdue 12 months after the first contract (completionMonths), not when the round’s implementation phase ends', async () => {
    const catalog = await catalogWith();
    // TS-2026-006's first contract was 2026-08-02; the round's implementation phase ends 2027-06-30.
    const july = openItems(catalog, ROUND, new Date('2027-07-15T12:00:00+08:00')).find(
      (o) => o.id === 'TS-2026-006-A02',
    )!;
    expect(july).toMatchObject({ state: 'contracted', overdue: false });
    expect(july.due).toBe(new Date('2027-08-02T23:59:59.999+08:00').toISOString());
    expect(
      openItems(catalog, ROUND, new Date('2027-08-03T00:00:00+08:00')).find((o) => o.id === 'TS-2026-006-A02'),
    ).toMatchObject({ overdue: true });
  });
});

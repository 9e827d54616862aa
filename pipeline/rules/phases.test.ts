import { describe, expect, it } from 'vitest';
import round from '../../schemas/round.schema.json' with { type: 'json' };
import { PHASE_ORDER, checkPhases, phaseAt, phaseTitle, type PhaseId, type Phases } from './phases.ts';
import { endOfShanghaiDay, startOfShanghaiDay } from './shanghai.ts';

// Back to back: each phase starts the day after the previous one ends.
const VALID: Phases = {
  call: { start: '2023-05-01', end: '2023-05-31' },
  precheck: { start: '2023-06-01', end: '2023-06-10' },
  catalogue: { start: '2023-06-11', end: '2023-06-30' },
  apply: { start: '2023-07-01', end: '2023-07-31' },
  review: { start: '2023-08-01', end: '2023-08-15' },
  selection: { start: '2023-08-16', end: '2023-09-15' },
  implementation: { start: '2023-09-16', end: '2024-06-30' },
  acceptance: { start: '2024-07-01', end: '2024-12-31' },
};

const withPhase = (id: PhaseId, start: string, end: string): Phases => ({ ...VALID, [id]: { start, end } });

describe('PHASE_ORDER', () => {
  it("lists the schema's phases in the schema's order; only the call (the deadline a notice gives) is required", () => {
    expect([...PHASE_ORDER]).toEqual(Object.keys(round.properties.phases.properties));
    expect(round.properties.phases.required).toEqual(['call']);
  });

  it('titles come from the schema', () => {
    expect(phaseTitle('apply')).toEqual({ zh: '揭榜申请', en: 'Applications' });
    expect(phaseTitle('call').zh).toBe('发榜征集');
  });
});

describe('checkPhases', () => {
  it('accepts back-to-back phases, gaps between phases and single-day phases', () => {
    expect(checkPhases(VALID)).toEqual([]);
    expect(checkPhases(withPhase('review', '2023-08-05', '2023-08-05'))).toEqual([]);
  });

  it('reports a phase that ends before it starts', () => {
    const issues = checkPhases(withPhase('review', '2023-08-10', '2023-08-09'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual(
      expect.objectContaining({
        keyword: 'phases',
        params: { rule: 'start-after-end', phase: 'review', field: 'end' },
      }),
    );
    expect(issues[0]!.path).toBeUndefined();
    expect(issues[0]!.message).toContain('“初审与推荐”');
    expect(issues[0]!.message).toContain('2023-08-09');
  });

  it('reports a phase starting on the day the previous one ends, naming both by title', () => {
    const issues = checkPhases(withPhase('apply', '2023-06-30', '2023-07-31'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      params: { rule: 'order', phase: 'apply', field: 'start', previous: 'catalogue' },
    });
    expect(issues[0]!.message).toContain('“揭榜申请”');
    expect(issues[0]!.message).toContain('“目录发布”');
    expect(issues[0]!.message).toContain('2023-07-01');
    expect(issues[0]!.messageEn).toContain('“Catalogue publication”');
  });

  it('reports two phases in the wrong order', () => {
    const phases = { ...VALID, selection: VALID.review, review: VALID.selection };
    const issues = checkPhases(phases);
    expect(issues.map((i) => i.params)).toEqual([
      { rule: 'order', phase: 'selection', field: 'start', previous: 'review' },
    ]);
  });

  it('a long phase that swallows the next ones conflicts with each of them', () => {
    const issues = checkPhases(withPhase('call', '2023-05-01', '2023-08-20'));
    expect(issues.map((i) => i.params.phase)).toEqual(['precheck', 'catalogue', 'apply', 'review', 'selection']);
    expect(issues.every((i) => i.params.previous === 'call')).toBe(true);
  });

  it('a reversed phase is still compared by its later date', () => {
    const issues = checkPhases(withPhase('review', '2023-08-20', '2023-08-01'));
    expect(issues.map((i) => i.params.rule)).toEqual(['start-after-end', 'order']);
  });

  it('leaves missing or malformed phases to the schema', () => {
    const { apply: _apply, ...withoutApply } = VALID;
    expect(checkPhases(withoutApply)).toEqual([]);
    expect(checkPhases({ ...VALID, apply: { start: '2023-07-01' } })).toEqual([]);
    expect(checkPhases({ ...VALID, apply: { start: '2023-02-30', end: '2023-07-31' } })).toEqual([]);
    expect(checkPhases({ ...VALID, apply: null })).toEqual([]);
    expect(checkPhases({})).toEqual([]);
  });
});

describe('phaseAt', () => {
  it.each([
    ['2023-04-30T23:59:59.999+08:00', 'before'],
    ['2023-05-01T00:00:00+08:00', 'call'],
    ['2023-05-31T23:59:59.999+08:00', 'call'],
    ['2023-06-01T00:00:00+08:00', 'precheck'],
    ['2023-05-31T16:00:00Z', 'precheck'],
    ['2023-07-31T23:59:59+08:00', 'apply'],
    ['2023-07-31T16:00:00Z', 'review'],
    ['2024-12-31T23:59:59.999+08:00', 'acceptance'],
    ['2025-01-01T00:00:00+08:00', 'after'],
  ])('%s → %s', (iso, phase) => {
    expect(phaseAt(VALID, new Date(iso))).toBe(phase);
  });

  it('a round with only the phases its notice gives (the 2023 notice: the call, 「4月27日17:00前」)', () => {
    const notice = { call: { start: '2023-04-24', end: '2023-04-27', endTime: '17:00' } };
    expect.soft(phaseAt(notice, new Date('2023-04-23T23:59:59+08:00'))).toBe('before');
    expect.soft(phaseAt(notice, new Date('2023-04-27T16:59:59+08:00'))).toBe('call');
    // 「17:00前」: at 17:00 the call is over.
    expect.soft(phaseAt(notice, new Date('2023-04-27T17:00:00+08:00'))).toBe('after');
    expect
      .soft(
        phaseAt(
          { call: notice.call, selection: { start: '2023-08-16', end: '2023-09-15' } },
          new Date('2023-06-01T12:00:00+08:00'),
        ),
      )
      .toBe('between');
    expect(phaseAt({}, new Date('2023-06-01T12:00:00+08:00'))).toBe('before');
  });

  it('an instant in a gap is between', () => {
    const gap = withPhase('review', '2023-08-05', '2023-08-10');
    expect(phaseAt(gap, startOfShanghaiDay('2023-08-02'))).toBe('between');
    expect(phaseAt(gap, endOfShanghaiDay('2023-08-11'))).toBe('between');
    expect(phaseAt(gap, startOfShanghaiDay('2023-08-05'))).toBe('review');
  });

  it('every phase is found at its first and last millisecond', () => {
    for (const id of PHASE_ORDER) {
      expect(phaseAt(VALID, startOfShanghaiDay(VALID[id].start))).toBe(id);
      expect(phaseAt(VALID, endOfShanghaiDay(VALID[id].end))).toBe(id);
    }
  });
});

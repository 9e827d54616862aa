import { describe, expect, it } from 'vitest';
import {
  endOfShanghaiDay,
  isCalendarDate,
  isWithinDates,
  parseInstant,
  phaseEnd,
  shanghaiDate,
  startOfShanghaiDay,
  zhDate,
  zhDateTime,
} from './shanghai.ts';

/** Parse a test instant that must be valid. */
const at = (iso: string): Date => {
  const r = parseInstant(iso);
  if (!r.ok) throw new Error(`bad test instant ${iso}`);
  return r.instant;
};

describe('shanghaiDate', () => {
  it.each([
    ['2023-06-30T15:59:59.999Z', '2023-06-30'],
    ['2023-06-30T16:00:00Z', '2023-07-01'], // midnight in Beijing is 16:00 UTC the day before
    ['2023-12-31T16:00:00Z', '2024-01-01'],
    ['2024-02-28T16:00:00Z', '2024-02-29'],
    ['2023-07-01T00:00:00+08:00', '2023-07-01'],
    ['2023-06-30T23:59:59-05:00', '2023-07-01'],
    ['1990-07-15T12:00:00Z', '1990-07-15'],
  ])('%s is %s in Beijing', (iso, date) => {
    expect(shanghaiDate(at(iso))).toBe(date);
  });

  it('agrees with the platform tz database for every hour of a year (no DST anywhere)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 3_600_000) {
      expect(shanghaiDate(new Date(t))).toBe(fmt.format(new Date(t)));
    }
  });

  it('refuses an invalid Date', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('start and end of a Beijing day', () => {
  it('start is 00:00 +08:00 and end is its last millisecond', () => {
    expect(startOfShanghaiDay('2023-06-30').toISOString()).toBe('2023-06-29T16:00:00.000Z');
    expect(endOfShanghaiDay('2023-06-30').toISOString()).toBe('2023-06-30T15:59:59.999Z');
    expect(endOfShanghaiDay('2024-02-29').getTime() + 1).toBe(startOfShanghaiDay('2024-03-01').getTime());
  });

  it.each(['2023-02-29', '2023-13-01', '2023-6-30', '20230630', '2023-06-30T00:00:00Z', ''])('refuses %j', (date) => {
    expect(isCalendarDate(date)).toBe(false);
    expect(() => startOfShanghaiDay(date)).toThrow(RangeError);
    expect(() => endOfShanghaiDay(date)).toThrow(RangeError);
  });
});

describe('isWithinDates (both days inclusive)', () => {
  const apply = { start: '2023-06-01', end: '2023-06-30' };
  it.each([
    ['2023-05-31T23:59:59.999+08:00', false],
    ['2023-06-01T00:00:00+08:00', true],
    ['2023-05-31T16:00:00Z', true], // the same first instant, given in UTC
    ['2023-05-31T15:59:59.999Z', false],
    ['2023-06-15T12:00:00+08:00', true],
    ['2023-06-30T23:59:59.999+08:00', true], // last millisecond of the last day is in time
    ['2023-06-30T23:59:59+08:00', true],
    ['2023-07-01T00:00:00+08:00', false], // midnight the next day is not
    ['2023-06-30T15:59:59.999Z', true],
    ['2023-06-30T16:00:00Z', false],
    ['2023-06-30T11:59:59.999-04:00', true], // New York evening of the 30th = 23:59:59.999 Beijing
    ['2023-06-30T12:00:00-04:00', false],
    ['2023-06-30T21:29:59+05:30', true],
    ['2023-06-30T21:30:00+05:30', false],
  ])('%s → %s', (iso, inside) => {
    expect(isWithinDates(at(iso), apply)).toBe(inside);
  });

  it('a single-day range covers exactly 24 hours', () => {
    const day = { start: '2023-06-30', end: '2023-06-30' };
    expect(isWithinDates(startOfShanghaiDay('2023-06-30'), day)).toBe(true);
    expect(isWithinDates(endOfShanghaiDay('2023-06-30'), day)).toBe(true);
    expect(isWithinDates(new Date(endOfShanghaiDay('2023-06-30').getTime() + 1), day)).toBe(false);
    expect(isWithinDates(new Date(startOfShanghaiDay('2023-06-30').getTime() - 1), day)).toBe(false);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2023-06-30T23:59:59+08:00', '2023-06-30T15:59:59.000Z'],
    ['2023-06-30T23:59:59.5+08:00', '2023-06-30T15:59:59.500Z'],
    ['2023-06-30T23:59:59.123456789+08:00', '2023-06-30T15:59:59.123Z'],
    ['2023-06-30T15:59:59Z', '2023-06-30T15:59:59.000Z'],
    ['2023-06-30t15:59:59z', '2023-06-30T15:59:59.000Z'],
    ['2023-06-30 15:59:59Z', '2023-06-30T15:59:59.000Z'],
    ['2023-06-30T23:59+0800', '2023-06-30T15:59:00.000Z'],
    ['2023-06-30T10:00:00-05:30', '2023-06-30T15:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (iso, utc) => {
    const r = parseInstant(iso);
    expect(r.ok && r.instant.toISOString()).toBe(utc);
  });

  it.each([
    ['2023-06-30T23:59:59', 'offset', '时区'],
    ['2023-06-30T23:59', 'offset', '+08:00'],
    ['2023-06-30', 'format', '格式不对'],
    ['2023/06/30 23:59:59+08:00', 'format', '格式不对'],
    ['yesterday', 'format', '格式不对'],
    ['2023-06-30T23:59:59 +08:00', 'format', '格式不对'],
    ['', 'format', '格式不对'],
    ['2023-02-29T12:00:00Z', 'range', '超出范围'],
    ['2023-06-30T24:00:00Z', 'range', '超出范围'],
    ['2023-06-30T23:60:00Z', 'range', '超出范围'],
    ['2023-06-30T23:59:60Z', 'range', '超出范围'],
    ['2023-06-30T23:59:59+24:00', 'range', '超出范围'],
  ])('%j is refused (%s)', (iso, rule, text) => {
    const r = parseInstant(iso);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.keyword).toBe('instant');
    expect(r.issues[0]!.params.rule).toBe(rule);
    expect(r.issues[0]!.message).toContain(text);
    expect(r.issues[0]!.messageEn).toMatch(/[a-z]/);
  });
});

describe('dates for Chinese readers', () => {
  it.each([
    ['2026-06-05', '2026年6月5日'],
    ['2026-12-31', '2026年12月31日'],
    ['2026-01-01', '2026年1月1日'],
    ['not a date', 'not a date'],
  ])('%s → %s', (iso, zh) => {
    expect(zhDate(iso)).toBe(zh);
  });
  it('an instant in Beijing time, across the UTC day boundary', () => {
    expect(zhDateTime(new Date('2026-06-14T16:30:00Z'))).toBe('2026年6月15日 00:30');
  });
});

describe('phaseEnd: how a notice’s deadline is read', () => {
  it.each([
    // 「4月27日前」: up to and including 4月27日 (docs/review.md).
    [{ end: '2023-04-27' }, '2023-04-27T23:59:59.999+08:00'],
    // 「4月27日17:00前」: before 17:00 that day.
    [{ end: '2023-04-27', endTime: '17:00' }, '2023-04-27T16:59:59.999+08:00'],
    [{ end: '2023-04-27', endTime: '00:00' }, '2023-04-26T23:59:59.999+08:00'],
  ])('%j ends at %s', (range, iso) => {
    expect(phaseEnd(range).toISOString()).toBe(new Date(iso).toISOString());
  });

  it('a phase with a time of day takes acts until that time', () => {
    const range = { start: '2023-04-24', end: '2023-04-27', endTime: '17:00' };
    expect(isWithinDates(new Date('2023-04-27T16:59:00+08:00'), range)).toBe(true);
    expect(isWithinDates(new Date('2023-04-27T17:00:00+08:00'), range)).toBe(false);
  });
});

/**
 * Programme dates are calendar days in Beijing time (Asia/Shanghai), both ends inclusive.
 * China has not observed daylight saving time since 1991, so for every date this programme
 * can meet, Asia/Shanghai is the fixed offset +08:00: plain arithmetic, no tz database, and
 * the same answer on a CI runner in UTC as on an officer's laptop.
 */
import type { RuleResult } from '../domain/issue.ts';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** True when `date` is a real calendar day written YYYY-MM-DD (2023-02-29 is not). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
}

function assertDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
}

/** The Beijing calendar day (YYYY-MM-DD) an instant falls on. */
export function shanghaiDate(instant: Date): string {
  assertInstant(instant);
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 Beijing time on `date`. */
export function startOfShanghaiDay(date: string): Date {
  assertDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** 23:59:59.999 Beijing time on `date`: the last millisecond still inside the day. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(startOfShanghaiDay(date).getTime() + DAY_MS - 1);
}

/**
 * The last millisecond of a phase: the end of its last day, or — when the notice gives a
 * time of day (「4月27日17:00前」, endTime 17:00) — the millisecond before that time.
 * 「X月X日前」 without a time is read as up to and including that day (docs/review.md).
 */
export function phaseEnd(range: { end: string; endTime?: string | undefined }): Date {
  if (!range.endTime) return endOfShanghaiDay(range.end);
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(range.endTime);
  if (!m) throw new Error(`not a time of day: ${range.endTime}`);
  return new Date(startOfShanghaiDay(range.end).getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000 - 1);
}

/** Whether `instant` lies from the first millisecond of `start` to the phase's last (phaseEnd). */
export function isWithinDates(
  instant: Date,
  range: { start: string; end: string; endTime?: string | undefined },
): boolean {
  assertInstant(instant);
  const t = instant.getTime();
  return t >= startOfShanghaiDay(range.start).getTime() && t <= phaseEnd(range).getTime();
}

export type ParsedInstant = { ok: true; instant: Date } | { ok: false; issues: RuleResult };

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?<zone>[Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 / RFC 3339 date-time that names its offset (`Z`, `+08:00`, `+0800`). A time
 * without an offset is refused rather than guessed: the machine's zone would decide it.
 */
export function parseInstant(iso: string): ParsedInstant {
  const fail = (rule: string, message: string, messageEn: string): ParsedInstant => ({
    ok: false,
    issues: [{ keyword: 'instant', params: { rule }, message, messageEn }],
  });
  const m = DATE_TIME.exec(iso);
  if (!m) {
    return fail(
      'format',
      `时间“${iso}”格式不对，请写成如 2023-06-30T17:00:00+08:00 的形式。`,
      `The time “${iso}” is malformed; write it like 2023-06-30T17:00:00+08:00.`,
    );
  }
  const zone = m.groups?.zone;
  if (zone === undefined) {
    return fail(
      'offset',
      `时间“${iso}”没有注明时区，请在末尾加上 +08:00（北京时间）或 Z（协调世界时）。`,
      `The time “${iso}” has no offset; append +08:00 (Beijing time) or Z (UTC).`,
    );
  }
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  const offsetMin = zm ? (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3])) : 0;
  const dateOk = isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (!dateOk || h > 23 || mi > 59 || s > 59 || (zm && (Number(zm[2]) > 23 || Number(zm[3]) > 59))) {
    return fail(
      'range',
      `时间“${iso}”中的日期、时刻或时区超出范围，请核对。`,
      `The time “${iso}” has a date, time of day or offset out of range.`,
    );
  }
  return { ok: true, instant: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000) };
}

/** A calendar date as Chinese readers write it: 2026-06-05 → 2026年6月5日 (ISO stays in data). */
export function zhDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** An instant in Beijing time for Chinese readers: 2026年6月15日 10:00. */
export function zhDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000).toISOString();
  return `${zhDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

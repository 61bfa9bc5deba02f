/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC day numbers so that no time zone moves a day.
 * `new Date(Date.UTC(...))` is deterministic, hence safe inside Temporal workflow code.
 */
import { daysInMonth } from '../remuneration/dates';
import type { IsoDate } from '../remuneration/parameters';
import { SurMesureInputError } from './errors';

export type { IsoDate };

const DAY_MS = 86_400_000;

function parts(date: IsoDate, field: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new SurMesureInputError(`${field}: not a date 'YYYY-MM-DD': ${date}`);
  }
  return [y, mo, d];
}

export function assertIsoDate(date: IsoDate, field: string): void {
  parts(date, field);
}

const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date, 'date');
  return fromUtc(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from, 'date');
  const [y2, m2, d2] = parts(to, 'date');
  return (Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS;
}

/**
 * The same day `months` later; a day the target month lacks rolls to the 1st of the following month
 * (31 January + 1 month = 1 March). So a period "31 January – 28 February" is one whole month, as a reader
 * would say, whereas clamping to 28 February would make it a month and a day.
 */
export function anniversary(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date, 'date');
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
  return d <= lastDay ? fromUtc(Date.UTC(y, m - 1 + months, d)) : fromUtc(Date.UTC(y, m + months, 1));
}

/**
 * Length of the period start..end (both days included) in calendar months, a started month counting as a
 * whole one: the smallest n such that `end` falls before the n-month anniversary of `start`.
 * 2026-01-05 → 2027-01-04 is 12 months; → 2027-01-05 is 13. A single day is 1 month.
 */
export function durationInMonths(start: IsoDate, end: IsoDate): number {
  const [sy, sm] = parts(start, 'start');
  const [ey, em] = parts(end, 'end');
  if (end < start) throw new SurMesureInputError(`end ${end} is before start ${start}`);
  let n = Math.max(1, (ey - sy) * 12 + (em - sm)); // never too many: the (n-1)th anniversary is <= end
  while (anniversary(start, n) <= end) n += 1;
  return n;
}

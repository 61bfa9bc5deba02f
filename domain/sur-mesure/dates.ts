/**
 * How the sur-mesure rules count a training's length: in calendar months, over the one date module
 * (domain/dates). `new Date(Date.UTC(...))` is deterministic, hence safe inside Temporal workflow code.
 */
import { dateParts, daysInMonth, isIsoDate, type IsoDate } from '../dates';
import { SurMesureInputError } from './errors';

export type { IsoDate };
export { addDaysToDate as addDays, daysBetween } from '../dates';

export function assertIsoDate(date: IsoDate, field: string): void {
  if (!isIsoDate(date)) throw new SurMesureInputError(`${field}: not a date 'YYYY-MM-DD': ${date}`);
}

const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/**
 * The same day `months` later; a day the target month lacks rolls to the 1st of the following month
 * (31 January + 1 month = 1 March). So a period "31 January – 28 February" is one whole month, as a reader
 * would say, whereas clamping to 28 February would make it a month and a day.
 */
export function anniversary(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = dateParts(date);
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
  assertIsoDate(start, 'start');
  assertIsoDate(end, 'end');
  const [sy, sm] = dateParts(start);
  const [ey, em] = dateParts(end);
  if (end < start) throw new SurMesureInputError(`end ${end} is before start ${start}`);
  let n = Math.max(1, (ey - sy) * 12 + (em - sm)); // never too many: the (n-1)th anniversary is <= end
  while (anniversary(start, n) <= end) n += 1;
  return n;
}

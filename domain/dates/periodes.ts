/** Calendar months 'YYYY-MM': the periods paid monthly, in arrears (à terme échu), and month arithmetic. */
import { dateParts, daysInMonth, InvalidDateError, type IsoDate } from './jours';

/** Calendar month 'YYYY-MM'. */
export type Period = string;
export type YearMonth = Period;

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const periodOf = (date: IsoDate): Period => date.slice(0, 7);

/** [year, month] of a 'YYYY-MM', validated. */
export function monthParts(month: YearMonth): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mo = m ? Number(m[2]) : 0;
  if (!m || mo < 1 || mo > 12) throw new InvalidDateError(`not a month 'YYYY-MM': ${month}`);
  return [Number(m[1]), mo];
}

/** The month of a date, the date validated. */
export function monthOf(date: IsoDate): YearMonth {
  dateParts(date);
  return date.slice(0, 7);
}

/** The month n months after (or before) another. */
export function addMonthsToPeriod(month: YearMonth, n: number): YearMonth {
  const [y, m] = monthParts(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function nextPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The first instant after the period (UTC), when it can be certified and paid. */
export const periodEnd = (period: Period): string => `${nextPeriod(period)}-01T00:00:00.000Z`;

export function monthBounds(month: YearMonth): { first: IsoDate; last: IsoDate; days: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const [y, mo] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || mo < 1 || mo > 12) throw new InvalidDateError(`not a month 'YYYY-MM': ${month}`);
  const days = daysInMonth(y, mo);
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days };
}

/** The last day of a period. */
export const lastDayOf = (period: Period): IsoDate => monthBounds(period).last;

/** The same day n months later (clamped to the month's last day): follow-up dates after the exit. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const period = target.toISOString().slice(0, 7);
  const last = Number(lastDayOf(period).slice(8));
  return `${period}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The months from `first` to `last` inclusive. */
export function periodsBetween(first: Period, last: Period): Period[] {
  const out: Period[] = [];
  for (let p = first; p <= last; p = nextPeriod(p)) out.push(p);
  return out;
}

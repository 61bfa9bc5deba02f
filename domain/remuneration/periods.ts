/** Calendar months of a training: the periods paid monthly, in arrears (à terme échu). */
import type { IsoDate } from './parameters';

export type Period = string; // YYYY-MM

export const periodOf = (date: IsoDate): Period => date.slice(0, 7);

export function nextPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The first instant after the period (UTC), when it can be certified and paid. */
export const periodEnd = (period: Period): string => `${nextPeriod(period)}-01T00:00:00.000Z`;

/** The last day of a period. */
export function lastDayOf(period: Period): IsoDate {
  const [y, m] = period.split('-').map(Number);
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The same day n months later (clamped to the month's last day): follow-up dates after the exit. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const period = target.toISOString().slice(0, 7);
  const last = Number(lastDayOf(period).slice(8));
  return `${period}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

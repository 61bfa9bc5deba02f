/**
 * Calendar helpers on 'YYYY-MM-DD' strings. Computed in UTC day numbers so that the server's time zone and
 * daylight-saving changes can never move a day.
 */
import { RemunerationInputError } from './errors';
import type { IsoDate } from './parameters';

/** Calendar month 'YYYY-MM'. */
export type YearMonth = string;

const DAY_MS = 86_400_000;

function parts(date: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RemunerationInputError(`not a date 'YYYY-MM-DD': ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RemunerationInputError(`no such day: ${date}`);
  return [y, mo, d];
}

export function assertIsoDate(date: IsoDate): void {
  parts(date);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01, to count days between two dates. */
export function dayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Whole years at `date`. Born 29 February: one year older on 1 March in common years. */
export function ageAt(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(date);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

export function monthBounds(month: YearMonth): { first: IsoDate; last: IsoDate; days: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const [y, mo] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || mo < 1 || mo > 12) throw new RemunerationInputError(`not a month 'YYYY-MM': ${month}`);
  const days = daysInMonth(y, mo);
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days };
}

const MONTHS_FR = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** "16 septembre 2025" ("1er" for the first day, as written in French). */
export function formatDateFr(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`;
}

export function formatMonthFr(month: YearMonth): string {
  const { first } = monthBounds(month);
  return formatDateFr(first).replace(/^1er /, '');
}

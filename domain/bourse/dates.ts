/**
 * Calendar helpers on 'YYYY-MM-DD' and 'YYYY-MM' strings, computed on UTC day numbers so that neither the
 * server's time zone nor a daylight-saving change can move a day. No clock is read: usable in workflows.
 */
import { BourseInputError } from './errors';

/** Calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;
/** Calendar month 'YYYY-MM'. */
export type YearMonth = string;

const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dateParts(date: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new BourseInputError(`date invalide (attendu AAAA-MM-JJ) : ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new BourseInputError(`ce jour n'existe pas : ${date}`);
  return [y, mo, d];
}

export function monthParts(month: YearMonth): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mo = m ? Number(m[2]) : 0;
  if (!m || mo < 1 || mo > 12) throw new BourseInputError(`mois invalide (attendu AAAA-MM) : ${month}`);
  return [Number(m[1]), mo];
}

const pad = (n: number): string => String(n).padStart(2, '0');

export const isoDate = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(d)}`;

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  const [y, m, d] = dateParts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(date) + days);

/** 0 = Sunday ... 6 = Saturday. */
export const weekday = (date: IsoDate): number => new Date(dayNumber(date) * DAY_MS).getUTCDay();

export function monthOf(date: IsoDate): YearMonth {
  dateParts(date);
  return date.slice(0, 7);
}

export function addMonths(month: YearMonth, n: number): YearMonth {
  const [y, m] = monthParts(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Whole years at `date`. Born 29 February: one year older on 1 March in common years. */
export function ageAt(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = dateParts(birthDate);
  const [y, m, d] = dateParts(date);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const MONTHS_FR = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** "12 mars 2026" ("1er" for the first day, as written in French). */
export function formatDateFr(date: IsoDate): string {
  const [y, m, d] = dateParts(date);
  return `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`;
}

/** "mars 2026". */
export function formatMonthFr(month: YearMonth): string {
  const [y, m] = monthParts(month);
  return `${MONTHS_FR[m - 1]} ${y}`;
}

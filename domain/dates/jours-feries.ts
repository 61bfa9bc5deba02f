/**
 * French public holidays (jours fériés, Code du travail L3133-1) and working days (jours ouvrés: Monday to
 * Friday, holidays excluded). Metropolitan list: Alsace-Moselle's extra days do not apply in Normandy.
 * Pure arithmetic, no clock: usable in workflow code.
 */
import { addDaysToDate as addDays, dateParts, InvalidDateError, isoDateOf as isoDate, weekday, type IsoDate } from './jours';

export interface JourFerie {
  date: IsoDate;
  nom: string;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isSafeInteger(year) || year < 1583 || year > 9999) throw new InvalidDateError(`année hors du calendrier grégorien : ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** The 11 public holidays of a year, in date order. */
export function frenchPublicHolidays(year: number): JourFerie[] {
  const easter = easterSunday(year);
  const fixed = (m: number, d: number, nom: string): JourFerie => ({ date: isoDate(year, m, d), nom });
  const fromEaster = (days: number, nom: string): JourFerie => ({ date: addDays(easter, days), nom });
  return [
    fixed(1, 1, "Jour de l'an"),
    fromEaster(1, 'Lundi de Pâques'),
    fixed(5, 1, 'Fête du travail'),
    fixed(5, 8, 'Victoire 1945'),
    fromEaster(39, 'Ascension'),
    fromEaster(50, 'Lundi de Pentecôte'),
    fixed(7, 14, 'Fête nationale'),
    fixed(8, 15, 'Assomption'),
    fixed(11, 1, 'Toussaint'),
    fixed(11, 11, 'Armistice 1918'),
    fixed(12, 25, 'Noël'),
  ].sort((x, y) => (x.date < y.date ? -1 : 1));
}

export function isPublicHoliday(date: IsoDate): boolean {
  return frenchPublicHolidays(dateParts(date)[0]).some((h) => h.date === date);
}

export function isWorkingDay(date: IsoDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isPublicHoliday(date);
}

/** The n-th working day strictly after `date` (n = 0: the date itself). Decision on a Friday, n = 1: Monday. */
export function workingDaysAfter(date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n) || n < 0 || n > 1000) throw new InvalidDateError(`nombre de jours ouvrés invalide : ${n}`);
  let day = date;
  dateParts(day);
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

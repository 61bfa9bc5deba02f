/**
 * Calendar days as 'YYYY-MM-DD' strings, computed on UTC day numbers so that the server's time zone and
 * daylight-saving changes can never move a day. Pure: used by workflows, activities and the API alike.
 */

/** Calendar date 'YYYY-MM-DD' (no time, no zone). */
export type IsoDate = string;

export const DAY_MS = 86_400_000;

/** A date that does not exist or is not written 'YYYY-MM-DD': the caller's data, never retried. */
export class InvalidDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dateParts(date: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new InvalidDateError(`not a date 'YYYY-MM-DD': ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new InvalidDateError(`no such day: ${date}`);
  return [y, mo, d];
}

export function assertIsoDate(date: IsoDate): void {
  dateParts(date);
}

export const isIsoDate = (date: string): boolean => {
  try {
    dateParts(date);
    return true;
  } catch {
    return false;
  }
};

/** Days since 1970-01-01, to count days between two dates. */
export function dayNumber(date: IsoDate): number {
  const [y, m, d] = dateParts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export const dateOfDayNumber = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** 'YYYY-MM-DD' of a year, month (1–12) and day, validated. */
export function isoDateOf(year: number, month: number, day: number): IsoDate {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  dateParts(date);
  return date;
}

/** 0 = Sunday ... 6 = Saturday. */
export const weekday = (date: IsoDate): number => new Date(dayNumber(date) * DAY_MS).getUTCDay();

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

export const addDaysToDate = (date: IsoDate, days: number): IsoDate => dateOfDayNumber(dayNumber(date) + days);

/** Whole years at `date`. Born 29 February: one year older on 1 March in common years. */
export function ageAt(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = dateParts(birthDate);
  const [y, m, d] = dateParts(date);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/**
 * The years a business date of this service can fall in. Anything outside is a typing error (year 0187), never
 * a date to store: PostgreSQL and the pay rules would fail on it later, far from the person who typed it.
 */
export const SANE_YEARS = { min: 1900, max: 2100 } as const;

/** A real 'YYYY-MM-DD' within SANE_YEARS. */
export const isSaneDate = (date: string): boolean => isIsoDate(date) && Number(date.slice(0, 4)) >= SANE_YEARS.min
  && Number(date.slice(0, 4)) <= SANE_YEARS.max;

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):(00|15|30|45))$/;

/** An ISO 8601 date-time with its offset (a real one: ±14:00 at most), on a sane date. */
export function isSaneInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  return Boolean(m) && isSaneDate(m![1]) && !Number.isNaN(Date.parse(value));
}

/** The UTC day of an instant (workflow time or a timestamp). */
export const dayOf = (instant: Date | number | string): IsoDate => new Date(instant).toISOString().slice(0, 10);

/** An ISO instant `days` days after another one. */
export const addDays = (instant: string, days: number): string => new Date(Date.parse(instant) + days * DAY_MS).toISOString();

/** Milliseconds from now until an instant, at least 1 (a Temporal timer needs a positive duration). */
export const msUntil = (instantMs: number, nowMs: number): number => Math.max(instantMs - nowMs, 1);

/** Today and now in Paris, where the Région and its bank are: "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS". */
export function parisClock(at: Date = new Date()): { today: IsoDate; now: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const today = `${parts.year}-${parts.month}-${parts.day}`;
  return { today, now: `${today}T${parts.hour}:${parts.minute}:${parts.second}` };
}

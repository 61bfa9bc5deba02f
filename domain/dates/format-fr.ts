/** Dates and months written in French, as people read them in mails and pages. */
import { dateParts, type IsoDate } from './jours';
import { monthBounds, type YearMonth } from './periodes';

const MONTHS_FR = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** "16 septembre 2025" ("1er" for the first day, as written in French). */
export function formatDateFr(date: IsoDate): string {
  const [y, m, d] = dateParts(date);
  return `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`;
}

/** "de septembre 2026", "d'avril 2026": French elides "de" before a vowel. */
export const deFr = (text: string): string => (/^[aeiouyàâéèêîôûh]/i.test(text) ? `d'${text}` : `de ${text}`);

/** "septembre 2025". */
export function formatMonthFr(month: YearMonth): string {
  const { first } = monthBounds(month);
  return formatDateFr(first).replace(/^1er /, '');
}

const WEEKDAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** The Paris wall clock of an instant: its day 'YYYY-MM-DD', hour and minute. */
function parisParts(instant: string): { day: IsoDate; hour: number; minute: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** "mardi 1er décembre 2026": a day as is, an instant on its Paris day. */
export function formatLongDateFr(isoDayOrInstant: string): string {
  const day = isoDayOrInstant.length === 10 ? isoDayOrInstant : parisParts(isoDayOrInstant).day;
  return `${WEEKDAYS_FR[new Date(`${day}T12:00:00Z`).getUTCDay()]} ${formatDateFr(day)}`;
}

/** "9 h 30", "14 h", Paris time, as French writes the hour. */
export function formatTimeFr(instant: string): string {
  const { hour, minute } = parisParts(instant);
  return minute === 0 ? `${hour} h` : `${hour} h ${String(minute).padStart(2, '0')}`;
}

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

/** "septembre 2025". */
export function formatMonthFr(month: YearMonth): string {
  const { first } = monthBounds(month);
  return formatDateFr(first).replace(/^1er /, '');
}

/** "mardi 16 septembre 2025", in Paris time for an instant, as is for a day. */
export const formatLongDateFr = (isoDayOrInstant: string): string =>
  new Date(isoDayOrInstant.length === 10 ? `${isoDayOrInstant}T12:00:00Z` : isoDayOrInstant).toLocaleDateString('fr-FR', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris',
  });

/** "09:30", Paris time. */
export const formatTimeFr = (instant: string): string =>
  new Date(instant).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

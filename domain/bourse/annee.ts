/**
 * The academic year (année universitaire) "2025-2026": 1 September 2025 to 31 August 2026. It keys the
 * barème tables and bounds the instalments and the emergency aids of a year.
 */
import { dateParts, isoDateOf as isoDate, monthParts, type IsoDate, type YearMonth } from '../dates';
import { BourseInputError } from './errors';

/** "2025-2026". */
export type AnneeUniversitaire = string;

/** First calendar month of an academic year. */
const SEPTEMBER = 9;

/** The first calendar year of "2025-2026" (2025); refuses "2025-26" and "2025-2027". */
export function anneeDebut(annee: AnneeUniversitaire): number {
  const m = /^(\d{4})-(\d{4})$/.exec(annee);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) {
    throw new BourseInputError(`année universitaire invalide (attendu par exemple 2025-2026) : ${annee}`);
  }
  return Number(m[1]);
}

export const anneeUniversitaire = (debut: number): AnneeUniversitaire => `${debut}-${debut + 1}`;

export function anneeBounds(annee: AnneeUniversitaire): { first: IsoDate; last: IsoDate } {
  const y = anneeDebut(annee);
  return { first: isoDate(y, SEPTEMBER, 1), last: isoDate(y + 1, 8, 31) };
}

/** The academic year a date falls in: 2026-03-12 → "2025-2026", 2026-09-01 → "2026-2027". */
export function anneeOfDate(date: IsoDate): AnneeUniversitaire {
  const [y, m] = dateParts(date);
  return anneeUniversitaire(m >= SEPTEMBER ? y : y - 1);
}

export function anneeOfMonth(month: YearMonth): AnneeUniversitaire {
  const [y, m] = monthParts(month);
  return anneeUniversitaire(m >= SEPTEMBER ? y : y - 1);
}

/** The 12 months of the year, September first. */
export function moisDeLAnnee(annee: AnneeUniversitaire): YearMonth[] {
  const y = anneeDebut(annee);
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((SEPTEMBER - 1 + i) % 12) + 1;
    return `${m >= SEPTEMBER ? y : y + 1}-${String(m).padStart(2, '0')}`;
  });
}

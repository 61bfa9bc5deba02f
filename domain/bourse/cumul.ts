/**
 * No double funding: a bursary instalment is not paid for a month in which the person receives the Région's
 * trainee pay (rémunération des stagiaires). Which of the two gives way is the caseworker's decision; this
 * only finds the months and says why. ARE/AREF are not checked here (Normandy rule not found).
 */
import { formatMonthFr, monthParts, type YearMonth } from '../dates';

export interface CumulBourse {
  /** Months funded twice, sorted. */
  moisEnConflit: YearMonth[];
  /** Null when there is no conflict. */
  motifFr: string | null;
}

export function cumulConflicts(moisRemuneration: readonly YearMonth[], moisBourse: readonly YearMonth[]): CumulBourse {
  [...moisRemuneration, ...moisBourse].forEach((m) => monthParts(m));
  const paid = new Set(moisRemuneration);
  const moisEnConflit = [...new Set(moisBourse)].filter((m) => paid.has(m)).sort();
  if (moisEnConflit.length === 0) return { moisEnConflit, motifFr: null };
  const list = moisEnConflit.map(formatMonthFr).join(', ');
  return {
    moisEnConflit,
    motifFr: `La bourse et la rémunération de stagiaire de la Région ne peuvent pas être versées pour le même mois. Mois concerné${moisEnConflit.length > 1 ? 's' : ''} : ${list}.`,
  };
}

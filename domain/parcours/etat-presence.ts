/**
 * What an attendance statement (état de présence) must be, whatever the case did with the month already: a pure
 * rule, checked by the workflow's validator before the statement is taken (and usable by any caller that wants
 * to check a statement before sending it).
 */
import { PERIOD_PATTERN, periodOf } from '../dates';

/** A month's attendance statement as the training provider certifies it (the workflow's messages carry it). */
export interface EtatPresence {
  period: string;
  scheduledMinutes: number;
  unjustifiedAbsenceMinutes: number;
  indemnitesJournalieresCents: number;
}

/** The training's dates as the case knows them: entry, and planned end (the exit date once declared). */
export interface TrainingDates { entryDate: string; endDate: string }

export interface StatementProblem { field: keyof EtatPresence; message: string }

/** The first problem of a statement, or null. `now`: the current instant (a month is certified once over). */
export function statementProblem(s: EtatPresence, training: TrainingDates, now: Date): StatementProblem | null {
  if (!PERIOD_PATTERN.test(s.period)) return { field: 'period', message: 'format AAAA-MM attendu' };
  if (s.period < periodOf(training.entryDate) || s.period > periodOf(training.endDate)) return { field: 'period', message: 'hors des dates de la formation' };
  if (s.period >= periodOf(now.toISOString())) return { field: 'period', message: 'un mois se certifie une fois terminé' };
  for (const field of ['scheduledMinutes', 'unjustifiedAbsenceMinutes', 'indemnitesJournalieresCents'] as const) {
    if (!Number.isSafeInteger(s[field]) || s[field] < 0) return { field, message: 'nombre entier positif attendu' };
  }
  if (s.unjustifiedAbsenceMinutes > s.scheduledMinutes) return { field: 'unjustifiedAbsenceMinutes', message: 'plus d’absences que d’heures prévues' };
  return null;
}

/** Two statements of the same month that say the same: the second changes nothing. */
export const sameStatement = (a: EtatPresence | undefined, b: EtatPresence): boolean =>
  Boolean(a) && a!.scheduledMinutes === b.scheduledMinutes && a!.unjustifiedAbsenceMinutes === b.unjustifiedAbsenceMinutes
    && a!.indemnitesJournalieresCents === b.indemnitesJournalieresCents;

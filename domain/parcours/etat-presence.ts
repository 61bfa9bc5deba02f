/**
 * What an attendance statement (état de présence) must be, whatever the case did with the month already: a pure
 * rule, checked by the workflow's validator before the statement is taken, and by the API against the case's read
 * model before a statement enters the inbox (api/parcours/etats-presence-inbox.ts).
 */
import { actionNotAllowedMessage, isActionAllowed } from '../case/process';
import { PERIOD_PATTERN, periodOf } from '../dates';
import { PARCOURS, type Stage } from './stages';

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

/** What a case knows of its training when a statement comes: its dates, its statements, what is paid, its exit. */
export interface StatementContext extends TrainingDates {
  statements: Record<string, EtatPresence>;
  paid: Record<string, unknown>;
  sortie: unknown;
}

/** Why a case refuses a statement now (null: it takes it): its stage, its training, the statement itself. */
export function statementRefusal(stage: Stage, formation: StatementContext | undefined, s: EtatPresence, now: Date):
  { type: 'ActionNotAllowed' | 'InvalidArgument'; message: string } | null {
  if (!isActionAllowed(PARCOURS, 'soumettreEtatPresence', stage)) {
    return { type: 'ActionNotAllowed', message: actionNotAllowedMessage(PARCOURS, 'soumettreEtatPresence', stage) };
  }
  if (!formation) return { type: 'ActionNotAllowed', message: 'le dossier n’est pas en formation' };
  const problem = statementProblem(s, formation, now);
  return problem ? { type: 'InvalidArgument', message: `${problem.field}: ${problem.message}` } : null;
}

/**
 * The statement changes nothing: the month already has the same one. After the exit, the same statement of a paid
 * month is sent again on purpose: the month is recomputed up to the exit date (a late correction).
 */
export const statementUnchanged = (f: StatementContext, s: EtatPresence): boolean =>
  !(f.paid[s.period] && f.sortie) && sameStatement(f.statements[s.period], s);

/**
 * Deadlines of the trainee journey: when a case has waited too long at a stage, its referent is alerted.
 * Pure: the workflow arms a timer on the due date, the API shows it.
 */
import type { Stage } from './stages';

export interface DeadlineRule {
  kind: 'positionnement' | 'entree';
  dueAt: string;
  /** What is expected, in words for the alert mail. */
  what: string;
}

export interface DeadlineInput {
  stage: Stage;
  /** When the case last moved (ISO). */
  lastActionAt: string;
  positionnementScheduledAt: string | null;
  sessionStartDate: string;
  positionnementAlertDays: number;
  entreeAlertDays: number;
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
const later = (a: string, b: string | null): string => (b && Date.parse(b) > Date.parse(a) ? b : a);

export function deadlineFor(input: DeadlineInput): DeadlineRule | null {
  switch (input.stage) {
    case 'reperage':
      return { kind: 'positionnement', dueAt: addDays(input.lastActionAt, input.positionnementAlertDays), what: 'planifier le positionnement' };
    case 'positionnement':
      return {
        kind: 'positionnement',
        dueAt: addDays(later(input.lastActionAt, input.positionnementScheduledAt), input.positionnementAlertDays),
        what: 'enregistrer les résultats du positionnement et décider',
      };
    case 'admis':
      return {
        kind: 'entree',
        dueAt: addDays(`${input.sessionStartDate}T23:59:59.000Z`, input.entreeAlertDays),
        what: 'confirmation de l’entrée en formation par l’organisme',
      };
    default:
      return null;
  }
}

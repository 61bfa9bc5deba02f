/** The part-2 state of a case: set up at the entry, or a 409 when the case has not entered training. */
import { actionNotAllowed } from '../../../domain/case/failures';
import { periodOf } from '../../../domain/dates';
import type { FormationState, ParcoursState } from '../messages';

export function formationOf(state: ParcoursState): FormationState {
  if (!state.formation) throw actionNotAllowed('le dossier n’est pas en formation');
  return state.formation;
}

/** The training's pay state at the entry (the entry date of its journal entry; the session's start for older cases). */
export function initFormation(state: ParcoursState): FormationState {
  const entryDate = String(state.history.find((h) => h.action === 'entree_confirmee')?.detail?.entryDate ?? state.session.startDate);
  return {
    entryDate, endDate: state.session.endDate, remuneration: null, indemniseARE: false, avance: null, statements: {}, paid: {},
    nextPeriod: periodOf(entryDate), monthsPaidThisRun: 0, suspendedSince: null, aids: [], sortie: null, suivi: {},
  };
}

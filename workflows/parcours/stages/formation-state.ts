/** The part-2 state of a case, or a 409 when the case has not entered training. */
import { actionNotAllowed } from '../../../domain/case/failures';
import type { FormationState, ParcoursState } from '../messages';

export function formationOf(state: ParcoursState): FormationState {
  if (!state.formation) throw actionNotAllowed('le dossier n’est pas en formation');
  return state.formation;
}

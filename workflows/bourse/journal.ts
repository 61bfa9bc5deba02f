/** A bursary's initial state and the search attributes ops filter it by (ids and codes only, never a name). */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA_ORGANISME, SA_STAGE } from '../search-attributes';
import type { BourseInput, BourseState } from './messages';

export function initialState(input: BourseInput): BourseState {
  return {
    caseId: input.caseId, stage: 'instruction', closure: null, history: [], deadlines: [],
    annee: input.annee, institutId: input.institutId, formation: input.formation, moisFormation: input.moisFormation,
    calcul: null, calculErreur: null, pieces: null, decision: null, versements: [], etat: null, verses: {}, annules: [],
    refusCumul: {}, cumulConflit: null, evenement: null, indus: {}, remiseCents: 0, incidents: [],
  };
}

/** The institute is an organisation, not a person: ops find an institute's cases by it. */
export function bourseSearchAttributes(state: BourseState): SearchAttributeUpdatePair[] {
  return [
    { key: SA_STAGE, value: state.stage },
    { key: SA_ORGANISME, value: state.institutId },
  ];
}

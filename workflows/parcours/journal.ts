/** A parcours's initial state and the search attributes ops filter it by (ids and codes only, never a name). */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA_BASSIN, SA_DISPOSITIF, SA_ORGANISME, SA_PRESCRIPTEUR, SA_STAGE } from '../search-attributes';
import type { ParcoursInput, ParcoursState } from './messages';

export function initialState(input: ParcoursInput): ParcoursState {
  return {
    caseId: input.caseId,
    stage: 'reperage',
    session: input.session,
    prescripteur: input.prescripteur,
    positionnement: { scheduledAt: null, resultsRecorded: false },
    closure: null,
    history: [],
    deadlines: [],
  };
}

export function parcoursSearchAttributes(state: ParcoursState): SearchAttributeUpdatePair[] {
  return [
    { key: SA_STAGE, value: state.stage },
    { key: SA_DISPOSITIF, value: state.session.dispositif },
    { key: SA_BASSIN, value: state.session.bassin },
    { key: SA_ORGANISME, value: state.session.organismeId },
    ...(state.prescripteur ? [{ key: SA_PRESCRIPTEUR, value: state.prescripteur.id }] : []),
  ];
}

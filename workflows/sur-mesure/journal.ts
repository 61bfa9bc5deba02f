/** An order's initial state and the search attributes ops filter it by (ids and codes only, never a name). */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA_BASSIN, SA_NAF_SECTION, SA_ORGANISME, SA_POSTES, SA_STAGE } from '../search-attributes';
import type { SurMesureInput, SurMesureState } from './messages';

export function initialState(input: SurMesureInput): SurMesureState {
  const { entrepriseId, nafSection, bassin, orderDate, postes } = input;
  return {
    caseId: input.caseId,
    stage: 'besoin',
    closure: null,
    history: [],
    deadlines: [],
    commande: { entrepriseId, nafSection, bassin, orderDate, postes },
    parametres: null,
    parametresNonVerifies: [],
    qualification: null,
    conception: null,
    derogation: null,
    eligibilite: null,
    visa: null,
    engagement: null,
    session: null,
    recrutement: { partenaires: [], reunion: null },
    candidats: {},
    stagiaires: {},
    serviceFait: null,
  };
}

export const totalPostes = (state: SurMesureState): number => state.commande.postes.reduce((n, p) => n + p.count, 0);

export function surMesureSearchAttributes(state: SurMesureState): SearchAttributeUpdatePair[] {
  return [
    { key: SA_STAGE, value: state.stage },
    { key: SA_BASSIN, value: state.commande.bassin },
    { key: SA_NAF_SECTION, value: state.commande.nafSection },
    { key: SA_POSTES, value: String(totalPostes(state)) },
    ...(state.qualification ? [{ key: SA_ORGANISME, value: state.qualification.organismeId }] : []),
  ];
}

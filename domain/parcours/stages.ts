/**
 * The stages of a trainee journey (parcours stagiaire) and which actions each allows.
 * Pure: shared by the workflow (to validate updates) and the API (to explain a 409).
 */
export const STAGES = ['reperage', 'positionnement', 'admis', 'en_formation', 'suivi', 'clos'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  reperage: 'Repérage',
  positionnement: 'Positionnement',
  admis: 'Admis, en attente d’entrée',
  en_formation: 'En formation',
  suivi: 'Suivi emploi après la sortie',
  clos: 'Clos',
};

export type ParcoursAction =
  | 'planifierPositionnement'
  | 'enregistrerPositionnement'
  | 'deciderPositionnement'
  | 'confirmerEntree'
  | 'retirer'
  | 'etablirRemuneration'
  | 'soumettreEtatPresence'
  | 'accorderAide'
  | 'suspendre'
  | 'reprendre'
  | 'declarerSortie'
  | 'enregistrerSuivi';

const ALLOWED: Record<ParcoursAction, readonly Stage[]> = {
  planifierPositionnement: ['reperage', 'positionnement'],
  enregistrerPositionnement: ['positionnement'],
  deciderPositionnement: ['positionnement'],
  confirmerEntree: ['admis'],
  // A withdrawal (désistement) is possible until the first day of training.
  retirer: ['reperage', 'positionnement', 'admis'],
  etablirRemuneration: ['en_formation'],
  // Statements of the exit month, and late corrections, still come in after the exit.
  soumettreEtatPresence: ['en_formation', 'suivi'],
  accorderAide: ['en_formation'],
  suspendre: ['en_formation'],
  reprendre: ['en_formation'],
  declarerSortie: ['en_formation'],
  enregistrerSuivi: ['suivi'],
};

export function isActionAllowed(action: ParcoursAction, stage: Stage): boolean {
  return ALLOWED[action].includes(stage);
}

export function actionNotAllowedMessage(action: ParcoursAction, stage: Stage): string {
  return `« ${action} » n'est pas possible à l'étape « ${STAGE_LABELS[stage]} » (possible à : ${ALLOWED[action]
    .map((s) => STAGE_LABELS[s])
    .join(', ')})`;
}

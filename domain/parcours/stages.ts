/**
 * The trainee journey (parcours stagiaire) as a process definition: its stages, which actions each allows,
 * the deadlines it watches. Pure: shared by the workflow (to validate updates) and the API (to explain a 409).
 */
import { defineProcess } from '../case/process';

export const STAGES = ['reperage', 'positionnement', 'admis', 'en_formation', 'suivi', 'clos'] as const;
export type Stage = (typeof STAGES)[number];

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

export const PARCOURS = defineProcess<Stage, ParcoursAction>({
  kind: 'parcours',
  label: 'Parcours stagiaire',
  workflowIdPrefix: 'parcours',
  stages: {
    reperage: 'Repérage',
    positionnement: 'Positionnement',
    admis: 'Admis, en attente d’entrée',
    en_formation: 'En formation',
    suivi: 'Suivi emploi après la sortie',
    clos: 'Clos',
  },
  initialStage: 'reperage',
  closedStage: 'clos',
  actions: {
    planifierPositionnement: { label: 'Planifier le positionnement', allowedIn: ['reperage', 'positionnement'] },
    enregistrerPositionnement: { label: 'Enregistrer les résultats du positionnement', allowedIn: ['positionnement'] },
    deciderPositionnement: { label: 'Décider après le positionnement', allowedIn: ['positionnement'] },
    confirmerEntree: { label: 'Confirmer l’entrée en formation', allowedIn: ['admis'] },
    // A withdrawal (désistement) is possible until the first day of training.
    retirer: { label: 'Enregistrer un désistement', allowedIn: ['reperage', 'positionnement', 'admis'] },
    etablirRemuneration: { label: 'Établir le dossier de rémunération', allowedIn: ['en_formation'] },
    // Statements of the exit month, and late corrections, still come in after the exit.
    soumettreEtatPresence: { label: 'Certifier un état de présence', allowedIn: ['en_formation', 'suivi'] },
    accorderAide: { label: 'Accorder une aide', allowedIn: ['en_formation'] },
    suspendre: { label: 'Suspendre la formation', allowedIn: ['en_formation'] },
    reprendre: { label: 'Reprendre la formation', allowedIn: ['en_formation'] },
    declarerSortie: { label: 'Déclarer la sortie', allowedIn: ['en_formation'] },
    enregistrerSuivi: { label: 'Enregistrer la situation après la sortie', allowedIn: ['suivi'] },
  },
  deadlines: {
    positionnement: 'planifier le positionnement, enregistrer ses résultats et décider',
    entree: 'confirmation de l’entrée en formation par l’organisme',
    etat_presence: 'état de présence du mois',
    remuneration: 'établir le dossier de rémunération',
  },
});

export const STAGE_LABELS: Readonly<Record<Stage, string>> = PARCOURS.stages;

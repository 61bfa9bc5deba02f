/**
 * A sur-mesure order (commande) as a process definition: its stages, which actions each allows, the
 * deadlines it watches. Pure: shared by the workflow (to validate updates) and the API (to explain a 409).
 */
import { defineProcess } from '../case/process';

export const SUR_MESURE_STAGES = ['besoin', 'co_construction', 'instruction', 'recrutement', 'formation', 'embauche', 'suivi', 'clos'] as const;
export type SurMesureStage = (typeof SUR_MESURE_STAGES)[number];

export type SurMesureAction =
  | 'qualifier'
  | 'coConstruire'
  | 'enregistrerDerogation'
  | 'proposer'
  | 'valider'
  | 'voter'
  | 'renvoyer'
  | 'rejeter'
  | 'engager'
  | 'lancerRecrutement'
  | 'planifierReunion'
  | 'proposerCandidat'
  | 'positionnerCandidat'
  | 'choisirCandidat'
  | 'declarerEmbauche'
  | 'declarerSuivi6Mois'
  | 'declarerServiceFait'
  | 'annuler';

const BEFORE_TRAINING = ['besoin', 'co_construction', 'instruction', 'recrutement'] as const;
const RECRUITING = ['recrutement', 'formation'] as const;
const AFTER_TRAINING = ['embauche', 'suivi'] as const;

export const SUR_MESURE = defineProcess<SurMesureStage, SurMesureAction>({
  kind: 'sur_mesure',
  label: 'Formation sur-mesure',
  workflowIdPrefix: 'sur-mesure',
  stages: {
    besoin: 'Besoin exprimé, à qualifier',
    co_construction: 'Co-construction avec l’organisme',
    instruction: 'Éligibilité et décision de financement',
    recrutement: 'Recrutement des candidats',
    formation: 'En formation',
    embauche: 'Contrôle de l’embauche',
    suivi: 'Suivi à 6 mois',
    clos: 'Clos',
  },
  initialStage: 'besoin',
  closedStage: 'clos',
  actions: {
    qualifier: { label: 'Qualifier le besoin', allowedIn: ['besoin'] },
    // The provider may revise its design until the funding is proposed (checked by the workflow).
    coConstruire: { label: 'Proposer le programme (co-construction)', allowedIn: ['co_construction', 'instruction'] },
    enregistrerDerogation: { label: 'Enregistrer une dérogation de durée', allowedIn: ['instruction'] },
    proposer: { label: 'Proposer le financement', allowedIn: ['instruction'] },
    valider: { label: 'Valider le financement (chef de service)', allowedIn: ['instruction'] },
    voter: { label: 'Enregistrer le vote de la commission', allowedIn: ['instruction'] },
    renvoyer: { label: 'Renvoyer au niveau précédent', allowedIn: ['instruction'] },
    rejeter: { label: 'Refuser le financement', allowedIn: ['instruction'] },
    engager: { label: 'Enregistrer l’engagement', allowedIn: ['instruction'] },
    lancerRecrutement: { label: 'Lancer le recrutement avec les partenaires', allowedIn: ['recrutement'] },
    planifierReunion: { label: 'Planifier la réunion d’information', allowedIn: [...RECRUITING] },
    proposerCandidat: { label: 'Proposer un candidat', allowedIn: [...RECRUITING] },
    positionnerCandidat: { label: 'Enregistrer le positionnement d’un candidat', allowedIn: [...RECRUITING] },
    choisirCandidat: { label: 'Retenir ou non un candidat', allowedIn: [...RECRUITING] },
    declarerEmbauche: { label: 'Déclarer l’embauche d’un stagiaire', allowedIn: [...AFTER_TRAINING] },
    declarerSuivi6Mois: { label: 'Déclarer la situation à 6 mois', allowedIn: [...AFTER_TRAINING] },
    declarerServiceFait: { label: 'Déclarer le service fait', allowedIn: [...AFTER_TRAINING] },
    annuler: { label: 'Annuler la commande', allowedIn: [...BEFORE_TRAINING] },
  },
  deadlines: {
    qualification: 'qualifier le besoin de l’entreprise',
    embauche: 'déclaration de l’embauche par l’entreprise',
    suivi_6_mois: 'situation du salarié 6 mois après l’embauche',
    service_fait: 'déclaration du service fait par l’organisme',
  },
});

/**
 * The bursary of one student for one academic year, as a process definition: its stages, which actions each
 * allows, the deadlines it watches. Pure: shared by the workflow (to validate updates) and the API (409s).
 */
import { defineProcess } from '../case/process';

export const BOURSE_STAGES = ['instruction', 'attente_pieces', 'attribuee', 'suspendue', 'indu', 'clos'] as const;
export type BourseStage = (typeof BOURSE_STAGES)[number];

export type BourseAction =
  | 'demanderPieces'
  | 'enregistrerPieces'
  | 'decider'
  | 'signalerEvenement'
  | 'justifier'
  | 'declarerSortie'
  | 'accorderRemise';

export const BOURSE = defineProcess<BourseStage, BourseAction>({
  kind: 'bourse',
  label: 'Bourse des formations sanitaires et sociales',
  workflowIdPrefix: 'bourse',
  stages: {
    instruction: 'En instruction',
    attente_pieces: 'Pièces demandées à l’étudiant',
    attribuee: 'Bourse attribuée, mensualités en cours',
    suspendue: 'Mensualités suspendues',
    indu: 'Indu à rembourser',
    clos: 'Clos',
  },
  initialStage: 'instruction',
  closedStage: 'clos',
  actions: {
    demanderPieces: { label: 'Demander des pièces à l’étudiant', allowedIn: ['instruction', 'attente_pieces'] },
    enregistrerPieces: { label: 'Enregistrer les pièces reçues', allowedIn: ['instruction', 'attente_pieces'] },
    decider: { label: 'Décider : attribution ou refus', allowedIn: ['instruction', 'attente_pieces'] },
    signalerEvenement: { label: 'Signaler une absence ou une session d’examen manquée', allowedIn: ['attribuee'] },
    justifier: { label: 'Enregistrer le justificatif', allowedIn: ['suspendue'] },
    declarerSortie: { label: 'Déclarer la sortie de la formation', allowedIn: ['attribuee', 'suspendue'] },
    accorderRemise: { label: 'Accorder une remise de l’indu', allowedIn: ['indu'] },
  },
  deadlines: {
    pieces: 'pièces justificatives demandées à l’étudiant',
    justification: 'justificatif d’une absence ou d’une session d’examen manquée',
  },
});

/** Refusal reasons: a closed list, with no item about health, disability, justice or RSA (neutrality). */
export const MOTIFS_REFUS = {
  ressources_superieures_plafond: 'les revenus dépassent le plafond du barème',
  formation_non_eligible: 'la formation n’ouvre pas droit à la bourse de la Région',
  pieces_manquantes: 'les pièces demandées ne sont pas arrivées',
  cumul_remuneration: 'une rémunération de stagiaire de la Région est déjà versée pour les mêmes mois',
  demande_hors_delai: 'la demande est arrivée après la date limite',
  autre_bourse: 'une autre bourse est déjà versée pour cette année',
} as const;
export type MotifRefus = keyof typeof MOTIFS_REFUS;
export const isMotifRefus = (m: unknown): m is MotifRefus => typeof m === 'string' && Object.prototype.hasOwnProperty.call(MOTIFS_REFUS, m);

export type DecisionBourse = { outcome: 'attribuee' } | { outcome: 'refusee'; motif: MotifRefus };

/** What an institute reports that suspends the instalments (an exit is its own action). */
export const EVENEMENTS = {
  absence_non_justifiee: 'absence non justifiée',
  premiere_session_manquee: 'absence à la première session d’examen',
} as const;
export type TypeEvenement = keyof typeof EVENEMENTS;
export const isTypeEvenement = (t: unknown): t is TypeEvenement => typeof t === 'string' && Object.prototype.hasOwnProperty.call(EVENEMENTS, t);

/**
 * Documents a caseworker may ask for. Codes are neutral (they sit in the workflow's state): the one about
 * points de charge covers children and a recognised disability without naming it.
 */
export const PIECES = {
  avis_imposition: 'l’avis d’imposition (revenus de l’année N-2)',
  justificatif_domicile: 'un justificatif de domicile de la famille',
  certificat_scolarite: 'le certificat de scolarité de l’institut',
  justificatif_points_de_charge: 'les justificatifs de votre situation familiale ou personnelle',
  releve_identite_bancaire: 'un relevé d’identité bancaire (RIB) à votre nom',
  piece_identite: 'une pièce d’identité',
} as const;
export type PieceCode = keyof typeof PIECES;
export const PIECE_CODES = Object.keys(PIECES) as PieceCode[];

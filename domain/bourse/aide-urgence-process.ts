/**
 * One emergency aid (aide ponctuelle d'urgence) as a process definition: a request, the social worker's
 * assessment, the decision of a commission that sees no identity (or, for an urgent advance of at most the
 * parameter, the caseworker's alone), then the payment, watched until it leaves in a payment file.
 */
import { defineProcess } from '../case/process';

export const AIDE_STAGES = ['demande', 'commission', 'accordee', 'clos'] as const;
export type AideStage = (typeof AIDE_STAGES)[number];
export type AideAction = 'enregistrerEvaluation' | 'accorderAvance' | 'deciderCommission';

export const AIDE_URGENCE = defineProcess<AideStage, AideAction>({
  kind: 'aide_urgence',
  label: 'Aide ponctuelle d’urgence',
  workflowIdPrefix: 'aide-urgence',
  stages: {
    demande: 'Demande reçue, évaluation sociale attendue',
    commission: 'En attente de la commission',
    accordee: 'Accordée, versement en cours',
    clos: 'Clos',
  },
  initialStage: 'demande',
  closedStage: 'clos',
  actions: {
    enregistrerEvaluation: { label: 'Enregistrer l’évaluation sociale et saisir la commission', allowedIn: ['demande'] },
    accorderAvance: { label: 'Accorder une avance en urgence (sans commission)', allowedIn: ['demande'] },
    deciderCommission: { label: 'Décision de la commission', allowedIn: ['commission'] },
  },
  deadlines: {
    commission: 'décision de la commission sur l’aide d’urgence',
    versement: 'versement de l’aide d’urgence dans le délai',
  },
});

/** Reasons the commission may give for a refusal: a closed list, neutral. */
export const MOTIFS_REFUS_AIDE = {
  plafond_atteint: 'le montant maximum des aides de l’année est atteint',
  conditions_non_remplies: 'les conditions de l’aide ne sont pas remplies',
  autres_aides_mobilisables: 'd’autres aides peuvent répondre à la situation',
  situation_non_urgente: 'la situation ne relève pas de l’urgence',
} as const;
export type MotifRefusAide = keyof typeof MOTIFS_REFUS_AIDE;
export const isMotifRefusAide = (m: unknown): m is MotifRefusAide =>
  typeof m === 'string' && Object.prototype.hasOwnProperty.call(MOTIFS_REFUS_AIDE, m);

export type DecisionAide = { outcome: 'accordee'; montantCents: number } | { outcome: 'refusee'; motif: MotifRefusAide };

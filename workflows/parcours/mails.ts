/**
 * The mails of the trainee journey and their parameters: the workflow names a template and gives its
 * parameters, typed here; activities/parcours/mails.ts writes them. No Node imports (workflow code).
 */
import type { CoreMails } from '../../activities/case/core-mails';

export interface ParcoursMails extends CoreMails {
  positionnement_planifie: { scheduledAt: string };
  decision_admis: Record<string, never>;
  decision_reoriente: { dispositif?: string };
  decision_refuse: { reason: string };
  entree_confirmee: { entryDate: string };
  avance_versee: { amount: string };
  releve_mensuel: { month: string; lines: string };
  rappel_etat_presence: { month: string; what: string; since: string };
  /** `recovery`: withheld from the next payments, or repaid after a repayment order (absent: repayment order). */
  indu: { amount: string; recovery?: 'retenue' | 'ordre_de_reversement' };
}

/** Who a parcours mail goes to: the person, the referent, the prescriber or the training provider. */
export type ParcoursRecipient = 'personne' | 'referent' | 'prescripteur' | 'organisme';

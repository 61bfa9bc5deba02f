/**
 * The mails of the bursary and their parameters: the workflow names a template and gives its parameters,
 * typed here; activities/bourse/mails.ts writes them in plain French. No Node imports (workflow code).
 */
import type { CoreMails } from '../../activities/case/core-mails';

export interface MoisMontant {
  mois: string;
  montantCents: number;
}

export interface BourseMails extends CoreMails {
  pieces_demandees: { pieces: string[]; dateLimite: string };
  rappel_pieces: { pieces: string[]; dateLimite: string };
  decision_attribution: { echelon: string; annuelCents: number; versements: MoisMontant[] };
  decision_refus: { motif: string };
  versements_suspendus: { evenement: string; date: string; dateLimite: string };
  versements_repris: { verses: MoisMontant[] };
  bourse_arretee: { evenement: string; date: string; indus: MoisMontant[] };
  sortie_enregistree: { date: string; indus: MoisMontant[] };
  remise_accordee: { montantCents: number; resteCents: number };
  mensualite_refusee_cumul: { mois: string; motif: string };
}

/** Who a bursary mail goes to: the student, the referent, or the institute. */
export type BourseRecipient = 'personne' | 'referent' | 'institut';

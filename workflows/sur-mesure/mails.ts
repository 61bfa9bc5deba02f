/**
 * The mails of a sur-mesure order and their parameters: the workflow names a template and gives its
 * parameters, typed here; activities/sur-mesure/mails.ts writes them. Parameters hold ids, amounts and
 * dates only: names and addresses are read from PostgreSQL when the mail is written. No Node imports.
 */
import type { CoreMails } from '../../activities/case/core-mails';

type About<T = object> = { stagiaireId: string } & T;
type ToCandidate<T = object> = { candidatId: string } & T;

export interface SurMesureMails extends CoreMails {
  besoin_recu: Record<string, never>;
  rappel_qualification: { since: string };
  co_construction_demandee: Record<string, never>;
  renvoi_visa: { niveau: string; motif: string };
  financement_accorde: { montant: string };
  financement_refuse: { motif: string };
  commande_annulee: { motif: string };
  recrutement_lance: { partenaires: number };
  candidat_propose: ToCandidate<{ reunion: { at: string; lieu: string } | null }>;
  reunion_information: ToCandidate<{ at: string; lieu: string }>;
  candidat_retenu: ToCandidate;
  candidat_non_retenu: ToCandidate;
  rappel_embauche: About<{ dueDate: string }>;
  embauche_non_declaree: About;
  manquement_enregistre: About<{ raisons: string }>;
  suivi_6_mois_demande: About<{ dueDate: string }>;
  rappel_suivi_6_mois: About<{ dueDate: string }>;
  rappel_service_fait: { since: string };
  prestation_payee: { montant: string; lignes: { stagiaireId: string; montant: string }[] };
  commande_close: { bilan: string };
}

/** Who an order's mail goes to: the company's contact, the provider, the referent, or one candidate. */
export type SurMesureRecipient = 'entreprise' | 'organisme' | 'referent' | `candidat:${string}`;

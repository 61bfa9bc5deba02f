/** The mails of an emergency aid and their parameters (typed for the workflow; written in activities/bourse/mails.ts). */
import type { CoreMails } from '../../activities/case/core-mails';

export interface AideMails extends CoreMails {
  aide_accordee: { montantCents: number; dateLimite: string; avance: boolean };
  aide_refusee: { motif: string };
}

export type AideRecipient = 'personne' | 'referent';

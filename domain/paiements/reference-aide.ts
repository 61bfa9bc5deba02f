/**
 * Payment reference of one aid grant: unique per (case, period, aid kind, grant number), so every grant is
 * its own payment, even two of the same kind in one month. Codes as the ledger's kinds: EQ (equipment),
 * MO (the three mobility aids, told apart by the aid kind in the hashed text). Grant numbers come from
 * domain/remuneration/aides.ts (per case and aid kind, never reused).
 *
 *   text: sprfp/paiement/v1|<case>|<YYYY-MM>|AIDE_MOBILITE|mobilite_hebergement|2
 *
 * A grant recorded before grant numbers existed keeps its paymentReference(case, period, kind).
 * No Node import: the digest is passed in (reference-sequence.ts).
 */
import type { AidKind } from '../remuneration/parameters';
import { canonicalReferenceText, checkSeq, formatReference, type Digest } from './reference-sequence';

export type AidPaymentKind = 'AIDE_EQUIPEMENT' | 'AIDE_MOBILITE';

export const AID_PAYMENT_KINDS: Readonly<Record<AidKind, AidPaymentKind>> = {
  equipement: 'AIDE_EQUIPEMENT',
  mobilite_transport: 'AIDE_MOBILITE',
  mobilite_hebergement: 'AIDE_MOBILITE',
  mobilite_restauration: 'AIDE_MOBILITE',
};

const CODES: Readonly<Record<AidPaymentKind, string>> = { AIDE_EQUIPEMENT: 'EQ', AIDE_MOBILITE: 'MO' };

export interface AidReferenceInput {
  caseId: string;
  /** YYYY-MM of the grant date. */
  period: string;
  aidKind: AidKind;
  grantSeq: number;
}

/** The canonical text to hash (SHA-256), for callers that hash it themselves. */
export function aidReferenceText(input: AidReferenceInput): string {
  checkSeq(input.grantSeq);
  const paymentKind = AID_PAYMENT_KINDS[input.aidKind];
  if (!paymentKind) throw new RangeError(`unknown aid kind ${String(input.aidKind)}`);
  return canonicalReferenceText(input.caseId, input.period, paymentKind, [input.aidKind, String(input.grantSeq)]);
}

export function aidReference(input: AidReferenceInput, digest: Digest): string {
  return formatReference(CODES[AID_PAYMENT_KINDS[input.aidKind]], input.period, digest(aidReferenceText(input)));
}

/**
 * References of late corrections of a paid month (domain/remuneration/corrections.ts), one per (case, period,
 * number): complements (code CO, kind COMPLEMENT) and indus (code IN). Indu number 1 has exactly the
 * reference paymentReference(case, period, 'INDU') already in the ledger; number 2 onwards adds the number
 * to the hashed text. Complements are new: every one carries its number, 1 included.
 * No Node import: the digest is passed in (reference-sequence.ts).
 */
import { canonicalReferenceText, checkSeq, formatReference, type Digest } from './reference-sequence';

export interface CorrectionReferenceInput {
  caseId: string;
  period: string;
  seq: number;
}

export function complementReferenceText(i: CorrectionReferenceInput): string {
  checkSeq(i.seq);
  return canonicalReferenceText(i.caseId, i.period, 'COMPLEMENT', [String(i.seq)]);
}

export function overpaymentReferenceText(i: CorrectionReferenceInput): string {
  checkSeq(i.seq);
  return canonicalReferenceText(i.caseId, i.period, 'INDU', i.seq === 1 ? [] : [String(i.seq)]);
}

export const complementReference = (i: CorrectionReferenceInput, digest: Digest): string =>
  formatReference('CO', i.period, digest(complementReferenceText(i)));

export const overpaymentReference = (i: CorrectionReferenceInput, digest: Digest): string =>
  formatReference('IN', i.period, digest(overpaymentReferenceText(i)));

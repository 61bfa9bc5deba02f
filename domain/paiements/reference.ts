/**
 * Payment reference: the idempotency key of a payment and its SEPA EndToEndId. The one way references are
 * made, for every payment of every process.
 *
 * Format: `<kind code>-<YYYYMM>-<20 Crockford base32 chars>`, e.g. `ME-202605-7Q2K9D4XW1M8C3T6H0ZR`
 * (30 characters, SEPA limit 35; only [A-Z0-9-], inside the EPC's restricted character set).
 * The 20 characters are the first 100 bits of SHA-256 over a canonical text:
 *
 *   sprfp/paiement/v1|<case id>|<YYYY-MM>|<KIND>[|<discriminator>…]
 *
 * Without discriminators it is the text of the first implementation: every reference already issued stays
 * the same (fixed vectors in test/unit/paiements.test.ts). Payments that repeat within one (case, period,
 * kind) add discriminators, so they can never equal a reference without them:
 * - an aid grant: the aid kind and the grant number (aides.ts numbers grants per case and aid kind);
 * - a complement (late correction that raises a paid month): its number in the month;
 * - an indu: its number in the month from 2 on; indu number 1 keeps the reference without discriminator.
 *
 * Collisions. Two different payments collide only if code and period are equal and the 100-bit digests are
 * equal. With n references in one (code, period) bucket the probability of any collision is at most
 * n² / 2¹⁰¹: for n = 10⁶ (far above the Région's volume) that is 4·10⁻¹⁹ per bucket. Even then a collision
 * could not pay the wrong person: the primary key would refuse the second payment, which a caseworker
 * would see, never a silent double payment.
 *
 * Computed by activities only (never in workflow code), so node:crypto serves.
 */
import { createHash } from 'node:crypto';
import { InvalidReferenceInputError } from './errors';

export const PAYMENT_KINDS = [
  'AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'SOLDE', 'INDU', 'BOURSE', 'AIDE_URGENCE', 'PRESTATION', 'COMPLEMENT',
] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** Two letters per kind keep the reference short and still readable on a bank statement. */
export const KIND_CODES: Readonly<Record<PaymentKind, string>> = {
  AVANCE: 'AV',
  MENSUEL: 'ME',
  AIDE_EQUIPEMENT: 'EQ',
  AIDE_MOBILITE: 'MO',
  SOLDE: 'SO',
  INDU: 'IN',
  /** A bursary's monthly instalment. */
  BOURSE: 'BO',
  /** An emergency aid to a student (aide ponctuelle d'urgence). */
  AIDE_URGENCE: 'AU',
  /** What the Région owes a training provider for a sur-mesure order (service fait). */
  PRESTATION: 'PR',
  /** What a late correction adds to a month already paid. */
  COMPLEMENT: 'CO',
};

/** Shape of every reference this module produces. */
export const REFERENCE_PATTERN = /^(AV|ME|EQ|MO|SO|IN|BO|AU|PR|CO)-\d{4}(0[1-9]|1[0-2])-[0-9A-HJKMNP-TV-Z]{20}$/;

/** Aid kinds of the trainee pay (domain/remuneration/parameters.ts AidKind) and the ledger kind of each. */
export const AID_PAYMENT_KINDS = {
  equipement: 'AIDE_EQUIPEMENT',
  mobilite_transport: 'AIDE_MOBILITE',
  mobilite_hebergement: 'AIDE_MOBILITE',
  mobilite_restauration: 'AIDE_MOBILITE',
} as const satisfies Record<string, PaymentKind>;
export type AidReferenceKind = keyof typeof AID_PAYMENT_KINDS;

const DIGEST_CHARS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DISCRIMINATOR = /^[a-z0-9_]{1,40}$/;

export const isPaymentKind = (value: unknown): value is PaymentKind =>
  typeof value === 'string' && (PAYMENT_KINDS as readonly string[]).includes(value);

/** The canonical text hashed into a reference. Case ids compare case-insensitively, as UUIDs do. */
export function referenceText(caseId: string, period: string, kind: PaymentKind, discriminators: readonly string[] = []): string {
  const id = String(caseId).toLowerCase();
  if (!UUID.test(id)) throw new InvalidReferenceInputError('case id must be a UUID');
  if (!PERIOD.test(period)) throw new InvalidReferenceInputError('period must be YYYY-MM');
  // Callers may pass strings from JSON: the type alone does not guarantee the kind.
  if (!isPaymentKind(kind)) throw new InvalidReferenceInputError('unknown payment kind');
  for (const d of discriminators) if (!DISCRIMINATOR.test(d)) throw new InvalidReferenceInputError('bad reference discriminator');
  return ['sprfp/paiement/v1', id, period, kind, ...discriminators].join('|');
}

/** Same inputs, same reference. */
export function paymentReference(caseId: string, period: string, kind: PaymentKind, discriminators: readonly string[] = []): string {
  const digest = createHash('sha256').update(referenceText(caseId, period, kind, discriminators), 'ascii').digest();
  return `${KIND_CODES[kind]}-${period.replace('-', '')}-${base32Crockford(digest, DIGEST_CHARS)}`;
}

function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvalidReferenceInputError('sequence number must be a whole number >= 1');
}

/**
 * The discriminators of a stored payment: none when it has no number (a single payment of its period and
 * kind, or an aid granted before grant numbers existed), else the aid kind (aids only) and the number.
 */
export function referenceDiscriminators(p: { aidKind?: string | null; seq?: number | null }): string[] {
  if (p.seq === null || p.seq === undefined) return [];
  checkSeq(p.seq);
  return [...(p.aidKind ? [p.aidKind] : []), String(p.seq)];
}

export interface AidReferenceInput { caseId: string; period: string; aidKind: AidReferenceKind; grantSeq: number }

/** One aid grant: unique per (case, period, aid kind, grant number); EQ or MO. */
export function aidReference(i: AidReferenceInput): string {
  const kind = AID_PAYMENT_KINDS[i.aidKind];
  if (!kind) throw new InvalidReferenceInputError('unknown aid kind');
  checkSeq(i.grantSeq);
  return paymentReference(i.caseId, i.period, kind, referenceDiscriminators({ aidKind: i.aidKind, seq: i.grantSeq }));
}

export interface CorrectionReferenceInput { caseId: string; period: string; seq: number }

/** A complement of a paid month (CO), every one with its number, 1 included. */
export function complementReference(i: CorrectionReferenceInput): string {
  checkSeq(i.seq);
  return paymentReference(i.caseId, i.period, 'COMPLEMENT', [String(i.seq)]);
}

/** An indu of a month (IN): number 1 is the reference the ledger always gave the month's single indu. */
export function overpaymentReference(i: CorrectionReferenceInput): string {
  checkSeq(i.seq);
  return paymentReference(i.caseId, i.period, 'INDU', i.seq === 1 ? [] : [String(i.seq)]);
}

/**
 * Crockford's base32 alphabet: digits and capitals without I, L, O, U, so a reference read aloud over the
 * phone to the user-relations team cannot be misheard as another one (0/O, 1/I/L).
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first `chars` base32 characters (5 bits each) of `bytes`. */
export function base32Crockford(bytes: Uint8Array, chars: number): string {
  if (chars * 5 > bytes.length * 8) throw new RangeError('base32Crockford: not enough bytes');
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      bits -= 5;
      out += CROCKFORD[(acc >>> bits) & 31];
    }
    if (out.length === chars) break;
  }
  return out;
}

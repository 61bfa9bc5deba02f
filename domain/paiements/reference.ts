/**
 * Payment reference: the idempotency key of a payment and its SEPA EndToEndId.
 *
 * Format: `<kind code>-<YYYYMM>-<20 Crockford base32 chars>`, e.g. `ME-202605-7Q2K9D4XW1M8C3T6H0ZR`
 * (30 characters, SEPA limit 35; only [A-Z0-9-], inside the EPC's restricted character set).
 * The 20 characters are the first 100 bits of SHA-256("sprfp/paiement/v1|<case id>|<period>|<kind>").
 *
 * One reference per (case, period, kind), by construction: computing it twice gives the same key, so a
 * retried activity or a replayed workflow cannot create a second payment; the unique constraint on the
 * reference and the file builder's duplicate check enforce that.
 *
 * Collisions. Two different cases collide only if kind and period are equal and the 100-bit digests are
 * equal. With n references in one (kind, period) bucket the probability of any collision is at most
 * n² / 2¹⁰¹: for n = 10⁶ (far above the Région's volume: some tens of thousands of trainees a year)
 * that is 4·10⁻¹⁹ per bucket; over 6 kinds × 12 months × 100 years, below 3·10⁻¹⁵. Hashing (rather than
 * truncating the UUID) keeps this bound whatever the UUID version (v7 ids share their time prefix).
 * Even then a collision could not pay the wrong person: the unique constraint would refuse the second
 * payment, which a caseworker would see, never a silent double payment.
 *
 * Computed by activities only (never in workflow code), so node:crypto serves.
 */
import { createHash } from 'node:crypto';
import { InvalidReferenceInputError } from './errors';

export const PAYMENT_KINDS = ['AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'SOLDE', 'INDU', 'BOURSE', 'AIDE_URGENCE', 'PRESTATION'] as const;
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
};

/** Shape of every reference this module produces. */
export const REFERENCE_PATTERN = /^(AV|ME|EQ|MO|SO|IN|BO|AU|PR)-\d{4}(0[1-9]|1[0-2])-[0-9A-HJKMNP-TV-Z]{20}$/;

const DIGEST_CHARS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPaymentKind = (value: unknown): value is PaymentKind =>
  typeof value === 'string' && (PAYMENT_KINDS as readonly string[]).includes(value);

/** Same inputs, same reference. Case ids are compared case-insensitively, as UUIDs are. */
export function paymentReference(caseId: string, period: string, kind: PaymentKind): string {
  const id = caseId.toLowerCase();
  if (!UUID.test(id)) throw new InvalidReferenceInputError('case id must be a UUID');
  if (!PERIOD.test(period)) throw new InvalidReferenceInputError('period must be YYYY-MM');
  // Callers may pass strings from JSON: the type alone does not guarantee the kind.
  if (!isPaymentKind(kind)) throw new InvalidReferenceInputError('unknown payment kind');
  const digest = createHash('sha256').update(`sprfp/paiement/v1|${id}|${period}|${kind}`, 'ascii').digest();
  return `${KIND_CODES[kind]}-${period.replace('-', '')}-${base32Crockford(digest, DIGEST_CHARS)}`;
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

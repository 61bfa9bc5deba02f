/**
 * References of payments that can happen more than once per (case, period, kind): aid grants, complements,
 * indus. Same family as paymentReference (reference.ts): `<code>-<YYYYMM>-<20 Crockford base32 chars>`,
 * 30 characters of [A-Z0-9-] (SEPA EndToEndId ≤ 35), the 20 characters being the first 100 bits of
 * SHA-256 over a canonical text. The text extends paymentReference's one with discriminators:
 *
 *   sprfp/paiement/v1|<case id>|<YYYY-MM>|<KIND>[|<discriminator>…]
 *
 * so that with no discriminator it IS paymentReference's text (the first indu of a month keeps its
 * reference), and with one it can never equal it. Same collision bound as reference.ts per (code, period).
 *
 * The digest is a parameter, `(text) => SHA-256 bytes`: activities pass node:crypto, workflow code (no Node
 * builtins) may pass the pure sha256 of digest.ts; both give the same reference (unit-tested).
 */
import { base32Crockford } from './reference';
import { InvalidReferenceInputError } from './errors';

/** SHA-256 of an ASCII text. */
export type Digest = (text: string) => Uint8Array;

/** Every code of this family: the three of reference.ts that repeat, and CO for complements. */
export const SEQUENCED_REFERENCE_PATTERN = /^(EQ|MO|IN|CO)-\d{4}(0[1-9]|1[0-2])-[0-9A-HJKMNP-TV-Z]{20}$/;

const DIGEST_CHARS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DISCRIMINATOR = /^[a-z0-9_]{1,40}$/;

export function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvalidReferenceInputError('sequence number must be a whole number >= 1');
}

/** The canonical text hashed into a reference. Case ids compare case-insensitively, as UUIDs do. */
export function canonicalReferenceText(caseId: string, period: string, kind: string, discriminators: readonly string[] = []): string {
  const id = caseId.toLowerCase();
  if (!UUID.test(id)) throw new InvalidReferenceInputError('case id must be a UUID');
  if (!PERIOD.test(period)) throw new InvalidReferenceInputError('period must be YYYY-MM');
  if (!/^[A-Z_]{2,20}$/.test(kind)) throw new InvalidReferenceInputError('bad payment kind');
  for (const d of discriminators) if (!DISCRIMINATOR.test(d)) throw new InvalidReferenceInputError('bad reference discriminator');
  return [`sprfp/paiement/v1`, id, period, kind, ...discriminators].join('|');
}

/** `<code>-<YYYYMM>-<first 100 bits of the digest in base32>`. */
export function formatReference(code: string, period: string, digestBytes: Uint8Array): string {
  if (!/^[A-Z]{2}$/.test(code)) throw new InvalidReferenceInputError('bad reference code');
  if (!PERIOD.test(period)) throw new InvalidReferenceInputError('period must be YYYY-MM');
  if (digestBytes.length < 13) throw new InvalidReferenceInputError('digest too short: SHA-256 expected');
  return `${code}-${period.replace('-', '')}-${base32Crockford(digestBytes, DIGEST_CHARS)}`;
}

/**
 * Pseudonymous key of a person: HMAC of the normalised identity (names without accents, case or
 * punctuation, and the birth date). Finds a second referral of the same person without a searchable copy
 * of the identity. The secret stays with the Région (PERSON_KEY_SECRET).
 */
import { createHmac } from 'node:crypto';

const normalise = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

export function personKey(secret: string, identity: { lastName: string; firstName: string; birthDate: string }): string {
  return createHmac('sha256', secret)
    .update(`${normalise(identity.lastName)}|${normalise(identity.firstName)}|${identity.birthDate}`)
    .digest('hex');
}

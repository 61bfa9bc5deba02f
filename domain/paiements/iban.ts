/**
 * Bank details checks, pure. Mod-97 (ISO 13616) catches every single wrong character and every swap of
 * two neighbours, the usual typing mistakes. No per-country table beyond France: refusing a valid foreign
 * IBAN would block a trainee's pay, while the bank rejects an unknown account anyway.
 */

/** Electronic form: no spaces, capitals ("FR76 3000 ..." as typed on a RIB becomes "FR763000..."). */
export const normalizeIban = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

function mod97(digitsAndLetters: string): number {
  let rest = 0;
  for (const ch of digitsAndLetters) {
    const value = parseInt(ch, 36); // A=10 … Z=35, as ISO 13616 wants
    rest = (rest * (value < 10 ? 10 : 100) + value) % 97;
  }
  return rest;
}

/** Expects the electronic form (see normalizeIban). */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  // French IBANs (overseas departments included) are always 27 characters.
  if (iban.startsWith('FR') && iban.length !== 27) return false;
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return false; // 00, 01 and 99 are never issued (ISO 13616)
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

export const isValidBic = (bic: string): boolean => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic);

/** Territories whose banks use another country's IBAN (same rule as the sepa library, checked first here). */
const TERRITORIES: Readonly<Record<string, readonly string[]>> = {
  FR: ['GF', 'GP', 'MQ', 'RE', 'PF', 'TF', 'YT', 'NC', 'BL', 'MF', 'PM', 'WF'],
  FI: ['AX'],
  GB: ['IM', 'JE', 'GG'],
};

/** The BIC's country (characters 5–6) must be the IBAN's, or one of its territories. */
export function bicMatchesIban(bic: string, iban: string): boolean {
  const bicCountry = bic.slice(4, 6);
  const ibanCountry = iban.slice(0, 2);
  return bicCountry === ibanCountry || (TERRITORIES[ibanCountry] ?? []).includes(bicCountry);
}

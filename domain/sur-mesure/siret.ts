/**
 * SIREN (company, 9 digits) and SIRET (establishment, 14 digits = SIREN + NIC) checks, pure.
 * Both end with a Luhn key. La Poste is INSEE's one exception: its establishments (SIREN 356000000) were
 * numbered so that the sum of the 14 digits is a multiple of 5 instead; its head office passes Luhn.
 */

export const LA_POSTE_SIREN = '356000000';

export type IdentifierFailure = 'longueur' | 'caracteres' | 'cle_siren' | 'cle_siret';

export type SiretCheck =
  | { ok: true; siret: string; siren: string }
  | { ok: false; code: IdentifierFailure; reason: string };

export type SirenCheck =
  | { ok: true; siren: string }
  | { ok: false; code: Exclude<IdentifierFailure, 'cle_siret'>; reason: string };

/** As typed on a Kbis or an invoice ("200 034 528 00014"): every kind of space removed. */
export const normaliseIdentifier = (raw: string): string => raw.replace(/\s+/g, '');

/** Luhn: from the right, every second digit doubled (minus 9 above 9); the sum is a multiple of 10. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const d = Number(digits[digits.length - 1 - i]);
    const v = i % 2 === 1 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return sum % 10 === 0;
}

const digitSum = (digits: string): number => [...digits].reduce((s, c) => s + Number(c), 0);

type ShapeFailure = { ok: false; code: 'longueur' | 'caracteres'; reason: string };

function shape(value: string, length: number, what: 'SIREN' | 'SIRET'): ShapeFailure | null {
  if (!/^\d*$/.test(value)) return { ok: false, code: 'caracteres', reason: `le ${what} ne doit contenir que des chiffres` };
  if (value.length !== length) return { ok: false, code: 'longueur', reason: `le ${what} doit compter ${length} chiffres` };
  return null;
}

export function checkSiren(raw: string): SirenCheck {
  const siren = normaliseIdentifier(raw);
  const bad = shape(siren, 9, 'SIREN');
  if (bad) return bad;
  if (!luhnValid(siren)) return { ok: false, code: 'cle_siren', reason: 'clé de contrôle du SIREN invalide' };
  return { ok: true, siren };
}

export function checkSiret(raw: string): SiretCheck {
  const siret = normaliseIdentifier(raw);
  const bad = shape(siret, 14, 'SIRET');
  if (bad) return bad;
  const siren = siret.slice(0, 9);
  if (!luhnValid(siren)) return { ok: false, code: 'cle_siren', reason: 'clé de contrôle du SIREN invalide' };
  const laPoste = siren === LA_POSTE_SIREN && digitSum(siret) % 5 === 0;
  if (!luhnValid(siret) && !laPoste) return { ok: false, code: 'cle_siret', reason: 'clé de contrôle du SIRET invalide' };
  return { ok: true, siret, siren };
}

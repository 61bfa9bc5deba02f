/**
 * Format checks of the nomenclatures a need refers to. Formats only: whether a code exists is the
 * business of the reference tables (ROME from France Travail, NAF from INSEE, RNCP/RS from France
 * compétences), loaded elsewhere. Inputs are trimmed and upper-cased, spaces removed ("rncp 34826").
 */
import type { Result } from './errors';

const compact = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/**
 * The 14 "grands domaines" of the ROME (v3, kept by ROME 4.0): a job sheet code is the domain letter and
 * four digits (M1805). Letters after N do not exist.
 */
export const ROME_DOMAINES: Readonly<Record<string, string>> = {
  A: 'Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux',
  B: "Arts et façonnage d'ouvrages d'art",
  C: 'Banque, assurance, immobilier',
  D: 'Commerce, vente et grande distribution',
  E: 'Communication, média et multimédia',
  F: 'Construction, bâtiment et travaux publics',
  G: 'Hôtellerie-restauration, tourisme, loisirs et animation',
  H: 'Industrie',
  I: 'Installation et maintenance',
  J: 'Santé',
  K: 'Services à la personne et à la collectivité',
  L: 'Spectacle',
  M: "Support à l'entreprise",
  N: 'Transport et logistique',
};

export function checkRome(raw: string): Result<string, string> {
  const code = compact(raw);
  if (!/^[A-Z]\d{4}$/.test(code)) return { ok: false, error: `code ROME mal formé : « ${raw} » (attendu : une lettre et 4 chiffres, ex. M1805)` };
  if (!(code[0] in ROME_DOMAINES)) return { ok: false, error: `code ROME inconnu : la lettre ${code[0]} n'est pas un domaine du ROME (A à N)` };
  return { ok: true, value: code };
}

export type NafSection = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U';

/** NAF rév. 2 (2008): first and last division of each section. Divisions in the gaps (04, 34, 40...) do not exist. */
const NAF_SECTIONS: readonly (readonly [NafSection, number, number])[] = [
  ['A', 1, 3], ['B', 5, 9], ['C', 10, 33], ['D', 35, 35], ['E', 36, 39], ['F', 41, 43], ['G', 45, 47],
  ['H', 49, 53], ['I', 55, 56], ['J', 58, 63], ['K', 64, 66], ['L', 68, 68], ['M', 69, 75], ['N', 77, 82],
  ['O', 84, 84], ['P', 85, 85], ['Q', 86, 88], ['R', 90, 93], ['S', 94, 96], ['T', 97, 98], ['U', 99, 99],
];

/** The section of a NAF rév. 2 division (62 → J), or null when the division does not exist. */
export function nafSection(division: number): NafSection | null {
  const row = NAF_SECTIONS.find(([, first, last]) => division >= first && division <= last);
  return row ? row[0] : null;
}

export interface NafCode {
  /** Canonical 'NN.NNX' (62.01Z). */
  code: string;
  division: number;
  section: NafSection;
}

/** Accepts '62.01Z' and the APE form without the dot ('6201Z'). */
export function checkNaf(raw: string): Result<NafCode, string> {
  const m = /^(\d{2})\.?(\d{2})([A-Z])$/.exec(compact(raw));
  if (!m) return { ok: false, error: `code NAF mal formé : « ${raw} » (attendu : NN.NNX, ex. 62.01Z)` };
  const division = Number(m[1]);
  const section = nafSection(division);
  if (!section) return { ok: false, error: `code NAF inconnu : la division ${m[1]} n'existe pas dans la NAF rév. 2` };
  return { ok: true, value: { code: `${m[1]}.${m[2]}${m[3]}`, division, section } };
}

export type CertificationRegistry = 'rncp' | 'rs';

export interface CertificationCode {
  /** Canonical 'RNCP34826' or 'RS5012'. */
  code: string;
  registry: CertificationRegistry;
}

/** RNCP (répertoire national) or RS (répertoire spécifique) record number, as France compétences writes it. */
export function checkCertificationCode(raw: string): Result<CertificationCode, string> {
  const m = /^(RNCP|RS)(\d{1,6})$/.exec(compact(raw));
  if (!m) return { ok: false, error: `code de certification mal formé : « ${raw} » (attendu : RNCP suivi de chiffres, ou RS suivi de chiffres)` };
  return { ok: true, value: { code: `${m[1]}${m[2]}`, registry: m[1] === 'RNCP' ? 'rncp' : 'rs' } };
}

/**
 * Levels of the national framework (cadre national des certifications professionnelles, décret 2019-14),
 * aligned on the European framework. RNCP certifications are classed 3 (CAP) to 8 (doctorate); RS ones
 * have no level.
 */
export type CertificationLevel = 3 | 4 | 5 | 6 | 7 | 8;

export const isCertificationLevel = (n: unknown): n is CertificationLevel => typeof n === 'number' && Number.isInteger(n) && n >= 3 && n <= 8;

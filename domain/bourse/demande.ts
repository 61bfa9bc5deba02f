/**
 * An application (demande de bourse) as the CROUS sends it, one per student and academic year, keyed by the
 * DSE number (dossier social étudiant), or as a caseworker enters it. Validation with every message in
 * French, field by field, so a rejected batch line tells the CROUS what to fix. Pure (zod only).
 */
import { z } from 'zod';
import { addMonthsToPeriod, isIsoDate, PERIOD_PATTERN } from '../dates';
import { anneeDebut, anneeOfMonth } from './annee';
import { FORMATION_CODES } from './formations';
import { isValidBic, isValidIban, normalizeIban } from '../paiements/iban';

/** zod's options for a field: "champ obligatoire" when absent, `what` when of the wrong type. */
const expect = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'champ obligatoire' : what) });
const texte = (max: number) => z.string(expect('texte attendu')).trim().min(1, 'champ obligatoire').max(max, `au plus ${max} caractères`);
const entier = (min: number, max: number) => z.number(expect('nombre entier attendu')).int('nombre entier attendu')
  .min(min, `au moins ${min}`).max(max, `au plus ${max}`);
const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? `champ(s) inconnu(s) : ${issue.keys.join(', ')}` : 'objet attendu'),
});

const TODAY_MAX = '2100-01-01';

export const EtudiantSchema = strict({
  lastName: texte(200),
  firstName: texte(200),
  birthDate: z.string(expect('date AAAA-MM-JJ attendue')).refine(isIsoDate, 'date AAAA-MM-JJ attendue')
    .refine((d) => d >= '1900-01-01' && d < TODAY_MAX, 'date de naissance impossible'),
  gender: z.enum(['F', 'M', 'X'], expect('F, M ou X attendu')),
  email: z.string(expect('adresse électronique attendue')).trim().max(320).email('adresse électronique invalide'),
  phone: z.string(expect('texte attendu')).trim().regex(/^\+?[0-9 .]{6,20}$/, 'numéro de téléphone invalide').optional(),
  postalCode: z.string(expect('code postal attendu')).regex(/^\d{5}$/, 'code postal à 5 chiffres'),
});

export const ElementsDeChargeSchema = strict({
  distanceKm: entier(0, 20_000),
  enfantsACharge: entier(0, 20),
  enfantsEnseignementSuperieur: entier(0, 20),
  handicapReconnuCdaph: z.boolean(expect('oui ou non attendu')),
  prochesAides: entier(0, 10),
});

const annee = z.string(expect('année universitaire attendue (ex. 2026-2027)')).refine((a) => {
  try {
    return anneeDebut(a) >= 2020;
  } catch {
    return false;
  }
}, 'année universitaire attendue (ex. 2026-2027)');

const isMois = (m: string): boolean => PERIOD_PATTERN.test(m) && m >= '2000-01' && m < '2100-01';
const mois = z.string(expect('mois AAAA-MM attendu')).refine(isMois, 'mois AAAA-MM attendu (entre 2000 et 2099)');

export const DemandeBourseSchema = strict({
  dse: z.string(expect('numéro DSE attendu')).trim().regex(/^[A-Za-z0-9-]{6,20}$/, 'numéro DSE : 6 à 20 lettres, chiffres ou tirets'),
  annee,
  person: EtudiantSchema,
  institutId: z.string(expect('identifiant d’institut attendu')).uuid('identifiant d’institut invalide'),
  formation: z.enum(FORMATION_CODES, expect(`formation inconnue (codes : ${FORMATION_CODES.join(', ')})`)),
  premierMois: mois,
  nombreMois: entier(1, 12),
  revenuBrutGlobalEuros: entier(0, 10_000_000),
  elementsDeCharge: ElementsDeChargeSchema,
  iban: z.string(expect('IBAN attendu')).transform(normalizeIban).refine(isValidIban, 'IBAN invalide'),
  bic: z.string(expect('BIC attendu')).trim().toUpperCase().refine(isValidBic, 'BIC invalide').optional(),
}).superRefine((d, ctx) => {
  // Every training month must fall in the academic year (a training longer than the year is a new application).
  if (!isMois(d.premierMois) || !Number.isInteger(d.nombreMois) || d.nombreMois < 1 || d.nombreMois > 12) return; // the fields' own checks said why
  const last = addMonthsToPeriod(d.premierMois, d.nombreMois - 1);
  for (const [month, path] of [[d.premierMois, 'premierMois'], [last, 'nombreMois']] as const) {
    if (anneeOfMonth(month) !== d.annee) ctx.addIssue({ code: 'custom', path: [path], message: `${month} n'est pas dans l'année universitaire ${d.annee}` });
  }
});
export type DemandeBourse = z.infer<typeof DemandeBourseSchema>;

/** The training months of an application, in order. */
export const moisDeFormation = (d: Pick<DemandeBourse, 'premierMois' | 'nombreMois'>): string[] =>
  Array.from({ length: d.nombreMois }, (_, i) => addMonthsToPeriod(d.premierMois, i));

export interface ErreurChamp {
  champ: string;
  message: string;
}

/** The errors of a line, field by field, in French. */
export function erreursDe(error: z.ZodError): ErreurChamp[] {
  return error.issues.map((i) => ({ champ: i.path.join('.') || '(ligne)', message: i.message }));
}

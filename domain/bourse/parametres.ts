/**
 * Dated tables of the bursaries of health & social training (bourses FSS), keyed by academic year. The rows
 * live in PostgreSQL (bourse_plafond, bourse_montant, bourse_parametre); an activity loads them and passes
 * them to the pure functions of this folder. Plain JSON: they cross the Temporal boundary unchanged.
 * Every row says where its figure comes from (`source`) and whether it was checked against the published
 * text (`verified`), so that finance sees an assumed figure as such.
 */
import { anneeDebut, type AnneeUniversitaire } from './annee';
import type { IsoDate } from '../dates';
import { BourseParametreMissing, BourseTableInvalid, BourseTableMissing } from './errors';

/** Whole euro cents. Money is never a float. */
export type Cents = number;
/** Whole euros: incomes and ceilings are published in euros. */
export type Euros = number;

/** From the lowest bursary (0bis) to the highest (7). */
export const ECHELONS = ['0bis', '1', '2', '3', '4', '5', '6', '7'] as const;
export type Echelon = (typeof ECHELONS)[number];

/** The barème has rows for 0 to 17 points de charge; more points use the 17 row. */
export const POINTS_MAX_BAREME = 17;

export interface Provenance {
  /** The legal text or file the figure comes from. */
  source: string;
  /** True once checked against the published text; false for an assumption. */
  verified: boolean;
}

/** Income ceiling (revenu brut global N-2, inclusive) for a number of points and an échelon. */
export interface PlafondRow extends Provenance {
  annee: AnneeUniversitaire;
  points: number;
  echelon: Echelon;
  plafondEuros: Euros;
}

/** Yearly amount of an échelon, paid in 10 monthly instalments. */
export interface MontantRow extends Provenance {
  annee: AnneeUniversitaire;
  echelon: Echelon;
  annuelCents: Cents;
}

export const CLES_PARAMETRES = [
  /** Emergency aid (aide ponctuelle d'urgence): maximum of one aid. */
  'aide_urgence_max_par_aide_cents',
  /** Emergency aid: maximum of all aids of one academic year. */
  'aide_urgence_max_par_annee_cents',
  /** Emergency aid: maximum of an urgent advance granted without the commission. */
  'aide_urgence_avance_sans_commission_max_cents',
  /** Emergency aid: the student must be younger than this on 1 September (no limit with a CDAPH disability). */
  'aide_urgence_age_inferieur_a',
  /** Calendar days after an absence or a missed exam session to send a justification. */
  'delai_justification_jours',
  /** Working days between a decision and its payment. */
  'delai_paiement_jours_ouvres',
] as const;
export type CleParametre = (typeof CLES_PARAMETRES)[number];

/** A whole-number parameter in force from `effectiveFrom` until the next row of the same key. */
export interface ParametreRow extends Provenance {
  key: CleParametre;
  effectiveFrom: IsoDate;
  value: number;
}

export interface BourseTables {
  plafonds: readonly PlafondRow[];
  montants: readonly MontantRow[];
  parametres: readonly ParametreRow[];
}

export const isEchelon = (value: string): value is Echelon => (ECHELONS as readonly string[]).includes(value);

/** Exactly one row per échelon, or BourseTableInvalid: a duplicate would make the result depend on load order. */
function byEchelon<T extends { echelon: Echelon }>(rows: readonly T[], what: string): Record<Echelon, T> {
  const found: Partial<Record<Echelon, T>> = {};
  for (const row of rows) {
    if (found[row.echelon]) throw new BourseTableInvalid(`${what} : échelon ${row.echelon} en double`);
    found[row.echelon] = row;
  }
  const missing = ECHELONS.filter((e) => !found[e]);
  if (missing.length > 0) throw new BourseTableInvalid(`${what} : échelon(s) ${missing.join(', ')} manquant(s)`);
  return found as Record<Echelon, T>;
}

/** The ceilings of one row of the barème (0 ≤ points ≤ 17). */
export function plafondsPour(plafonds: readonly PlafondRow[], annee: AnneeUniversitaire, points: number): Record<Echelon, PlafondRow> {
  anneeDebut(annee);
  const ofYear = plafonds.filter((r) => r.annee === annee);
  if (ofYear.length === 0) throw new BourseTableMissing(annee, 'plafonds de ressources');
  return byEchelon(ofYear.filter((r) => r.points === points), `plafonds ${annee}, ${points} points`);
}

export function montantsPour(montants: readonly MontantRow[], annee: AnneeUniversitaire): Record<Echelon, MontantRow> {
  anneeDebut(annee);
  const ofYear = montants.filter((r) => r.annee === annee);
  if (ofYear.length === 0) throw new BourseTableMissing(annee, 'montants des bourses');
  return byEchelon(ofYear, `montants ${annee}`);
}

/** The row in force on `date`: the latest one that started on or before it. */
export function parametreEnVigueur(parametres: readonly ParametreRow[], key: CleParametre, date: IsoDate): ParametreRow {
  let best: ParametreRow | undefined;
  for (const row of parametres) {
    if (row.key !== key || row.effectiveFrom > date) continue; // 'YYYY-MM-DD' strings sort like dates
    if (best && row.effectiveFrom === best.effectiveFrom) {
      throw new BourseTableInvalid(`paramètre « ${key} » en double au ${row.effectiveFrom}`);
    }
    if (!best || row.effectiveFrom > best.effectiveFrom) best = row;
  }
  if (!best) throw new BourseParametreMissing(key, date);
  return best;
}

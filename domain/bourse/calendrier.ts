/**
 * When a bursary is paid: 10 monthly instalments a year (yearly amount / 10), one per month of training in
 * the academic year, at the start of the month. A training shorter than the year gets one instalment per
 * training month; a year with more than 10 training months still gets 10 (the first 10 months).
 *
 * ROUNDING RULE: the monthly instalment is the yearly amount / 10 rounded down to the cent, and the 10th
 * instalment of the year takes the remaining cents, so 10 instalments always add up to the yearly amount.
 * Every published amount is in whole euros, hence divisible by 10 in cents: the remainder is 0 today.
 */
import { anneeDebut, anneeOfMonth, type AnneeUniversitaire } from './annee';
import { addMonthsToPeriod as addMonths, workingDaysAfter, formatMonthFr, monthParts, type IsoDate, type YearMonth } from '../dates';
import { BourseInputError } from './errors';
import { deFr, formatEuros } from './format';
import { parametreEnVigueur, type Cents, type ParametreRow } from './parametres';

export const NOMBRE_MENSUALITES = 10;

export interface Mensualite {
  mensualiteCents: Cents;
  /** Cents the 10th instalment adds to the monthly amount (0 when the yearly amount divides by 10). */
  resteCents: Cents;
}

export function mensualiteOf(annuelCents: Cents): Mensualite {
  if (!Number.isSafeInteger(annuelCents) || annuelCents <= 0) throw new BourseInputError(`montant annuel invalide : ${annuelCents}`);
  const mensualiteCents = Math.floor(annuelCents / NOMBRE_MENSUALITES);
  return { mensualiteCents, resteCents: annuelCents - mensualiteCents * NOMBRE_MENSUALITES };
}

/** The training months of the year: a list, or the first month and how many follow it. */
export type MoisDeFormation = readonly YearMonth[] | { premierMois: YearMonth; nombreMois: number };

export interface Versement {
  /** 1 to 10 within the year. */
  rang: number;
  mois: YearMonth;
  /** Paid at the start of the month. */
  echeance: IsoDate;
  montantCents: Cents;
}

export interface Echeancier {
  annee: AnneeUniversitaire;
  annuelCents: Cents;
  mensualiteCents: Cents;
  versements: Versement[];
  totalCents: Cents;
  /** Training months beyond the 10th: no instalment. */
  moisSansVersement: YearMonth[];
  lignesFr: string[];
}

function trainingMonths(annee: AnneeUniversitaire, mois: MoisDeFormation): YearMonth[] {
  let list: readonly YearMonth[];
  if ('premierMois' in mois) {
    const n = mois.nombreMois;
    if (!Number.isSafeInteger(n) || n < 1 || n > 12) throw new BourseInputError(`nombre de mois de formation invalide : ${n}`);
    list = Array.from({ length: n }, (_, i) => addMonths(mois.premierMois, i));
  } else {
    list = mois;
  }
  for (const m of list) {
    monthParts(m);
    if (anneeOfMonth(m) !== annee) throw new BourseInputError(`${m} n'est pas un mois de l'année universitaire ${annee}`);
  }
  if (new Set(list).size !== list.length) throw new BourseInputError('un mois de formation est donné deux fois');
  if (list.length === 0) throw new BourseInputError('aucun mois de formation dans l\'année');
  return [...list].sort();
}

function lignes(e: Omit<Echeancier, 'lignesFr'>, resteCents: Cents, nombreMois: number): string[] {
  const v = e.versements;
  const out = [`${nombreMois} mois de formation dans l'année universitaire ${e.annee}.`];
  if (e.moisSansVersement.length > 0) {
    out.push(`La bourse est versée au plus ${NOMBRE_MENSUALITES} fois par an : pas de mensualité pour ${e.moisSansVersement.map(formatMonthFr).join(', ')}.`);
  }
  const plural = v.length > 1 ? 's' : '';
  const period = v.length > 1 ? `${deFr(formatMonthFr(v[0].mois))} à ${formatMonthFr(v[v.length - 1].mois)}` : `en ${formatMonthFr(v[0].mois)}`;
  out.push(`${v.length} mensualité${plural} de ${formatEuros(e.mensualiteCents)}, versée${plural} au début du mois, ${period}.`);
  if (resteCents > 0 && v.length === NOMBRE_MENSUALITES) {
    out.push(`La dernière mensualité est de ${formatEuros(v[v.length - 1].montantCents)} : elle comprend les centimes restants du montant annuel.`);
  }
  out.push(`Total pour l'année : ${formatEuros(e.totalCents)}.`);
  return out;
}

/** The instalments of a year. Throws BourseInputError on a month outside the year or a bad amount. */
export function instalmentSchedule(annee: AnneeUniversitaire, annuelCents: Cents, mois: MoisDeFormation): Echeancier {
  anneeDebut(annee);
  const { mensualiteCents, resteCents } = mensualiteOf(annuelCents);
  const months = trainingMonths(annee, mois);
  const versements = months.slice(0, NOMBRE_MENSUALITES).map((m, i): Versement => ({
    rang: i + 1, mois: m, echeance: `${m}-01`,
    montantCents: mensualiteCents + (i + 1 === NOMBRE_MENSUALITES ? resteCents : 0),
  }));
  const e = {
    annee, annuelCents, mensualiteCents, versements,
    totalCents: versements.reduce((sum, x) => sum + x.montantCents, 0),
    moisSansVersement: months.slice(NOMBRE_MENSUALITES),
  };
  return { ...e, lignesFr: lignes(e, resteCents, months.length) };
}

/** Last day to pay a decision: n working days after it, n being the parameter in force on the decision date. */
export function dateLimiteVersement(dateDecision: IsoDate, parametres: readonly ParametreRow[]): IsoDate {
  return workingDaysAfter(dateDecision, parametreEnVigueur(parametres, 'delai_paiement_jours_ouvres', dateDecision).value);
}

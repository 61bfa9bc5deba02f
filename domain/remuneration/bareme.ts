/**
 * The barème: which case of décret 2021-522 a trainee falls in, and the full-time monthly amount it gives.
 *
 * - The case is decided ONCE, at the date of entry into training: a birthday crossing 18 or 26 during the
 *   course never changes it (age at entry).
 * - Scale amounts follow the 1 April upratings: the row used for a month is the one in force on the first
 *   paid day of that month (the 1st, or the entry date in the month of entry). Upratings start on a 1st, so
 *   a month never straddles two rows, and a month's pay never depends on which day it is computed.
 * - The RQTH salary-based amount is computed at entry from the previous salary, clamped to the bounds row in
 *   force at entry, and then stays the same: it is not uprated on 1 April.
 */
import { ageAt, assertIsoDate } from '../dates';
import { RemunerationInputError } from './errors';
import type { BaremeCategory, Cents, IsoDate, RateCategory, RemunerationParameters } from './parameters';
import { rateInForce, rqthSalaryBoundsInForce } from './parameters';

export interface StagiaireProfile {
  birthDate: IsoDate;
  /** Date of entry into training: the date at which age and situation are taken. */
  entryDate: IsoDate;
  /** Months of paid work before entry, as established by the caseworker from the supporting documents. */
  priorWork: { monthsInLast12: number; monthsInLast24: number };
  /** Family situation at entry. Only changes the amount for under-26s (26+ already get the same amount). */
  situation: {
    parentIsole?: boolean;
    femmeSeuleEnceinte?: boolean;
    troisEnfantsACharge?: boolean;
    /** Divorced, widowed or separated for less than 3 years at entry. */
    separationMoinsDe3Ans?: boolean;
  };
  /** Recognised disabled worker (reconnaissance de la qualité de travailleur handicapé). */
  rqth: boolean;
  /** RQTH with enough prior work: reference monthly salary before training, as decided by the caseworker. */
  previousMonthlySalaryCents?: Cents | null;
  /**
   * The caseworker decided the person would be entitled to the ASS (default false). Not used by the barème:
   * it is passed to each month as MonthInput.eligibleASS (part-time floor, ass.ts).
   */
  eligibleASS?: boolean;
}

export interface BaremeDecision {
  category: BaremeCategory;
  entryDate: IsoDate;
  ageAtEntry: number;
  /** Salary-based case only: the amount fixed at entry (not uprated). Null for scale cases. */
  fixedMonthlyCents: Cents | null;
  /** Why, in plain French, for the trainee's statement. Never names a disability or a family situation. */
  reasonFr: string;
}

const MINIMUM_AGE = 16;
const ADULT_AGE = 18;
const SCALE_26_AGE = 26;

function hasEnoughPriorWork(p: StagiaireProfile, params: RemunerationParameters): boolean {
  const t = params.priorWork;
  return p.priorWork.monthsInLast12 >= t.minMonthsInLast12 || p.priorWork.monthsInLast24 >= t.minMonthsInLast24;
}

function hasFamilySituation(p: StagiaireProfile): boolean {
  const s = p.situation;
  return Boolean(s.parentIsole || s.femmeSeuleEnceinte || s.troisEnfantsACharge || s.separationMoinsDe3Ans);
}

function salaryBasedDecision(p: StagiaireProfile, age: number, params: RemunerationParameters): BaremeDecision {
  const salary = p.previousMonthlySalaryCents;
  if (salary == null || !Number.isSafeInteger(salary) || salary < 0) {
    throw new RemunerationInputError('RQTH with prior work: previousMonthlySalaryCents (whole cents) is required');
  }
  const bounds = rqthSalaryBoundsInForce(params, p.entryDate);
  const fixed = Math.min(Math.max(salary, bounds.minCents), bounds.maxCents);
  return {
    category: 'rqth_salaire_anterieur', entryDate: p.entryDate, ageAtEntry: age, fixedMonthlyCents: fixed,
    reasonFr: 'Ce montant est calculé à partir de votre salaire d’avant la formation.',
  };
}

/** The scale case, by decreasing priority. All cases but the age ones give today the 26+ amount. */
function scaleCategory(p: StagiaireProfile, age: number, params: RemunerationParameters): RateCategory {
  if (p.rqth) return 'rqth';
  if (age >= SCALE_26_AGE) return 'adulte_26_plus';
  if (hasEnoughPriorWork(p, params)) return 'jeune_activite_anterieure';
  if (hasFamilySituation(p)) return 'jeune_situation_familiale';
  return age >= ADULT_AGE ? 'jeune_18_25' : 'mineur_16_17';
}

function reasonFr(category: RateCategory, age: number): string {
  switch (category) {
    case 'jeune_activite_anterieure':
      return 'Vous avez travaillé assez longtemps avant la formation.';
    case 'jeune_situation_familiale':
    case 'rqth':
      return 'Votre situation personnelle vous donne droit à ce montant.';
    default:
      return `Vous aviez ${age} ans le jour de votre entrée en formation.`;
  }
}

/** Decide the case at entry. Throws RemunerationInputError if the trainee is under 16 or data is missing. */
export function determineBareme(profile: StagiaireProfile, params: RemunerationParameters): BaremeDecision {
  assertIsoDate(profile.entryDate);
  const age = ageAt(profile.birthDate, profile.entryDate);
  if (age < MINIMUM_AGE) throw new RemunerationInputError(`under ${MINIMUM_AGE} at entry (${age}): no trainee pay`);
  // Salary-based comes first: it is never below the 685 € floor, so it is the trainee's best case.
  if (profile.rqth && hasEnoughPriorWork(profile, params)) return salaryBasedDecision(profile, age, params);
  const category = scaleCategory(profile, age, params);
  return { category, entryDate: profile.entryDate, ageAtEntry: age, fixedMonthlyCents: null, reasonFr: reasonFr(category, age) };
}

export interface FullTimeAmount {
  monthlyCents: Cents;
  /** The rate row used (null for the salary-based case, which has none). */
  rateEffectiveFrom: IsoDate | null;
}

/** Full-time monthly amount for a decision, with the scale row in force on `date`. */
export function fullTimeMonthlyAmount(decision: BaremeDecision, date: IsoDate, params: RemunerationParameters): FullTimeAmount {
  if (decision.category === 'rqth_salaire_anterieur') {
    if (decision.fixedMonthlyCents == null) throw new RemunerationInputError('salary-based decision without its amount');
    return { monthlyCents: decision.fixedMonthlyCents, rateEffectiveFrom: null };
  }
  const row = rateInForce(params, decision.category, date);
  return { monthlyCents: row.monthlyCents, rateEffectiveFrom: row.effectiveFrom };
}

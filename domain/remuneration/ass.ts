/**
 * Part-time floor (D6341-24-1, second paragraph): when the part-time pay (hours × monthly / 151,67) is below
 * the monthly amount of the allocation de solidarité spécifique (ASS) the person would be entitled to, it is
 * raised to that amount.
 *
 * DECISIONS where the text is silent:
 * - Entitlement ("qui serait dû") is the caseworker's call, recorded as `eligibleASS` on the pay file
 *   (default false). The ASS conditions (5 years' work in 10, resources) are France Travail's rules, not
 *   computed here.
 * - Monthly ASS = daily amount × 30, whatever the month's length: the ASS decrees and France Travail quote
 *   the monthly amount "pour un mois de 30 jours" (19,01 € → 570,30 € in 2024).
 * - A part month (entry or exit inside it): the floor is that monthly amount × calendar days in training /
 *   days of the month, the proration of full time, since the ASS "qui aurait été dû" covers those days only.
 * - The floor applies to the part-time amount (the 151,67 h cap included), BEFORE unjustified absences
 *   (R6341-45 reduces the pay as raised) and sickness allowances.
 * - Not capped at the full-time amount: the text says "au minimum portée au montant" of the ASS, so an
 *   18–25 part-timer may get more than the 18–25 full-time amount (561,68 € < 579,90 € in 2025).
 * - The ASS row is the one in force on the first paid day of the month, like the scale.
 */
import { dayNumber } from '../dates';
import { fraction, roundHalfUpToCents, times, type Fraction } from './money';
import { assInForce, type Cents, type IsoDate, type RemunerationParameters } from './parameters';

export const ASS_DAYS_PER_MONTH = 30;

export interface PlancherASS {
  /** The ASS row used. */
  effectiveFrom: IsoDate;
  dailyCents: Cents;
  /** dailyCents × 30. */
  monthlyCents: Cents;
  daysInTraining: number;
  daysInMonth: number;
  /** The floor of this month (the monthly amount, prorated for a part month), rounded for display. */
  floorCents: Cents;
  /** The part-time amount before the floor, rounded for display. */
  partTimeCents: Cents;
  /** True when the part-time amount was below the floor and raised to it. */
  applied: boolean;
}

export const assMonthlyCents = (dailyCents: Cents): Cents => dailyCents * ASS_DAYS_PER_MONTH;

/** a < b for fractions with positive denominators. */
const lessThan = (a: Fraction, b: Fraction): boolean => a.num * b.den < b.num * a.den;

interface PaidDays { first: IsoDate; last: IsoDate; daysInMonth: number }

/**
 * The part-time amount after the floor, exact, and what the statement needs to explain it. `partTime` is
 * the exact amount of the first paragraph; nothing is rounded before the caller's single rounding.
 */
export function applyAssFloor(partTime: Fraction, days: PaidDays, params: RemunerationParameters): { amount: Fraction; plancher: PlancherASS } {
  const row = assInForce(params, days.first);
  const daysInTraining = dayNumber(days.last) - dayNumber(days.first) + 1;
  const monthlyCents = assMonthlyCents(row.dailyCents);
  const floor = times(fraction(monthlyCents), fraction(daysInTraining, days.daysInMonth));
  const applied = lessThan(partTime, floor);
  return {
    amount: applied ? floor : partTime,
    plancher: {
      effectiveFrom: row.effectiveFrom, dailyCents: row.dailyCents, monthlyCents, daysInTraining, daysInMonth: days.daysInMonth,
      floorCents: roundHalfUpToCents(floor), partTimeCents: roundHalfUpToCents(partTime), applied,
    },
  };
}

/**
 * The pay of one calendar month (paid in arrears, once the training provider has certified attendance).
 *
 * ROUNDING RULE: every step is computed exactly, as a fraction of whole numbers (BigInt), and rounded ONCE,
 * half up to the cent. The net is round(exact amount after absences) − IJ (IJ are already whole cents, so
 * subtracting them never needs rounding), floored at 0. The lines of the breakdown are the differences
 * between successive rounded totals, so what the trainee reads always adds up to the net, to the cent.
 *
 * PRORATION RULE:
 * - Full time: monthly amount × (calendar days of the month inside the training dates / days of the month).
 *   Entry on the 16th of a 30-day month: 15/30. Calendar days, not scheduled hours, because the full-time
 *   amount is a monthly amount: weekends and bank holidays inside the training are paid.
 * - Part time: the scheduled hours of the month × monthly amount / 151.67 (D6341-24-1). The hours of a first
 *   or last month only count the days inside the training, so there is no second proration. Capped at
 *   151.67 h: part time never pays more than full time.
 * - Part time below the ASS (D6341-24-1, second paragraph): for a person flagged `eligibleASS`, the amount
 *   above is raised to the monthly ASS (ass.ts, where the decisions are written down). This is the one case
 *   where part time may pay more than the full-time amount.
 * - Unjustified absences (R6341-45): minus (absent minutes / scheduled minutes of the month) of the amount
 *   above. Justified absences are simply not declared here.
 * - Sickness daily allowances (indemnités journalières) received for the month: deducted, never below 0.
 */
import { applyAssFloor, type PlancherASS } from './ass';
import { fullTimeMonthlyAmount, type BaremeDecision } from './bareme';
import { assertIsoDate, dayNumber, monthBounds, type YearMonth } from '../dates';
import { RemunerationInputError } from './errors';
import { fraction, roundHalfUpToCents, times, type Fraction } from './money';
import type { BaremeCategory, Cents, IsoDate, Minutes, RemunerationParameters } from './parameters';
import { statementLines } from './statement';

export type Rythme = 'temps_plein' | 'temps_partiel';

export interface MonthInput {
  month: YearMonth;
  decision: BaremeDecision;
  /** Training dates (the end is the real exit date after an early exit). */
  trainingStart: IsoDate;
  trainingEnd: IsoDate;
  rythme: Rythme;
  /** Hours the trainee was expected in training this month (inside the training dates), in minutes. */
  scheduledMinutes: Minutes;
  unjustifiedAbsenceMinutes: Minutes;
  /** Sickness daily allowances received for days of this month. */
  indemnitesJournalieresCents: Cents;
  /**
   * Part time only: the caseworker decided the person would be entitled to the ASS, so the part-time pay is
   * at least the monthly ASS (D6341-24-1). Default false. Read from the pay file's profile.
   */
  eligibleASS?: boolean;
}

export type Prorata =
  | { kind: 'jours_calendaires'; daysInTraining: number; daysInMonth: number }
  /** Part time: paid on the scheduled hours; `capped` when they exceed the divisor (paid as full time). */
  | { kind: 'heures'; scheduledMinutes: Minutes; divisorHundredthsOfHour: number; capped: boolean };

export interface MonthlyBreakdown {
  month: YearMonth;
  category: BaremeCategory;
  rythme: Rythme;
  /** Full-time monthly amount of the month, and the date of its rate row (null: salary-based). */
  baseCents: Cents;
  rateEffectiveFrom: IsoDate | null;
  prorata: Prorata;
  /** Amount after the proration (partial month or part time) and the ASS floor, before deductions. */
  proratedCents: Cents;
  /** The ASS floor, when the trainee is part time and flagged eligibleASS; null otherwise. */
  plancherASS: PlancherASS | null;
  deductions: {
    absencesNonJustifiees: { minutes: Minutes; scheduledMinutes: Minutes; cents: Cents };
    /** `cents` is what was taken off: the IJ received, but never more than what was left. */
    indemnitesJournalieres: { receivedCents: Cents; cents: Cents };
  };
  netCents: Cents;
  /** Plain-French lines (FALC) for the statement mail, in reading order. */
  lines: string[];
}

function assertWhole(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RemunerationInputError(`${what} must be a whole number >= 0: ${value}`);
}

function validate(input: MonthInput): void {
  assertIsoDate(input.trainingStart);
  assertIsoDate(input.trainingEnd);
  if (input.trainingEnd < input.trainingStart) throw new RemunerationInputError('training ends before it starts');
  assertWhole(input.scheduledMinutes, 'scheduledMinutes');
  assertWhole(input.unjustifiedAbsenceMinutes, 'unjustifiedAbsenceMinutes');
  assertWhole(input.indemnitesJournalieresCents, 'indemnitesJournalieresCents');
  if (input.eligibleASS !== undefined && typeof input.eligibleASS !== 'boolean') throw new RemunerationInputError('eligibleASS must be a boolean');
  if (input.unjustifiedAbsenceMinutes > input.scheduledMinutes) {
    throw new RemunerationInputError('more unjustified absence than scheduled hours in the month');
  }
}

/** The part of the month inside the training: first and last paid day, or an error if none. */
function paidPeriod(input: MonthInput): { first: IsoDate; last: IsoDate; daysInMonth: number } {
  const month = monthBounds(input.month);
  const first = input.trainingStart > month.first ? input.trainingStart : month.first;
  const last = input.trainingEnd < month.last ? input.trainingEnd : month.last;
  if (first > last) throw new RemunerationInputError(`no training day in ${input.month}`);
  return { first, last, daysInMonth: month.days };
}

function prorataOf(input: MonthInput, period: ReturnType<typeof paidPeriod>, params: RemunerationParameters): { prorata: Prorata; ratio: Fraction } {
  if (input.rythme === 'temps_plein') {
    const daysInTraining = dayNumber(period.last) - dayNumber(period.first) + 1;
    return { prorata: { kind: 'jours_calendaires', daysInTraining, daysInMonth: period.daysInMonth }, ratio: fraction(daysInTraining, period.daysInMonth) };
  }
  const divisor = params.partTimeDivisorHundredthsOfHour;
  if (!Number.isSafeInteger(divisor) || divisor <= 0) throw new RemunerationInputError(`bad part-time divisor: ${divisor}`);
  // (minutes / 60) h ÷ (divisor / 100) h = minutes × 100 / (divisor × 60): whole numbers only, no float.
  const capped = input.scheduledMinutes * 100 > divisor * 60;
  return {
    prorata: { kind: 'heures', scheduledMinutes: input.scheduledMinutes, divisorHundredthsOfHour: divisor, capped },
    ratio: capped ? fraction(1) : fraction(input.scheduledMinutes * 100, divisor * 60),
  };
}

/** Share kept after unjustified absences: (scheduled − absent) / scheduled. */
function presenceRatio(input: MonthInput): Fraction {
  if (input.scheduledMinutes === 0) return fraction(1);
  return fraction(input.scheduledMinutes - input.unjustifiedAbsenceMinutes, input.scheduledMinutes);
}

/** Part time and eligible: the amount raised to the ASS floor if below it. Otherwise unchanged. */
function withAssFloor(input: MonthInput, period: ReturnType<typeof paidPeriod>, amount: Fraction, params: RemunerationParameters) {
  if (input.rythme !== 'temps_partiel' || !input.eligibleASS) return { amount, plancher: null };
  return applyAssFloor(amount, period, params);
}

/** Pay of one calendar month, with its breakdown. Throws RemunerationInputError on impossible input. */
export function computeMonthlyRemuneration(input: MonthInput, params: RemunerationParameters): MonthlyBreakdown {
  validate(input);
  const period = paidPeriod(input);
  const base = fullTimeMonthlyAmount(input.decision, period.first, params);
  const { prorata, ratio } = prorataOf(input, period, params);
  const floored = withAssFloor(input, period, times(fraction(base.monthlyCents), ratio), params);
  const proratedExact = floored.amount;
  const proratedCents = roundHalfUpToCents(proratedExact);
  const afterAbsencesCents = roundHalfUpToCents(times(proratedExact, presenceRatio(input)));
  const ijCents = Math.min(input.indemnitesJournalieresCents, afterAbsencesCents);
  const breakdown: Omit<MonthlyBreakdown, 'lines'> = {
    month: input.month,
    category: input.decision.category,
    rythme: input.rythme,
    baseCents: base.monthlyCents,
    rateEffectiveFrom: base.rateEffectiveFrom,
    prorata,
    proratedCents,
    plancherASS: floored.plancher,
    deductions: {
      absencesNonJustifiees: { minutes: input.unjustifiedAbsenceMinutes, scheduledMinutes: input.scheduledMinutes, cents: proratedCents - afterAbsencesCents },
      indemnitesJournalieres: { receivedCents: input.indemnitesJournalieresCents, cents: ijCents },
    },
    netCents: afterAbsencesCents - ijCents,
  };
  return { ...breakdown, lines: statementLines(breakdown, input.decision, period) };
}

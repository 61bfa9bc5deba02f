/**
 * The avance (advance) paid in the first days of training [REG] and how it is settled: it is a share of the
 * first month's full-time amount (avance_percent, a parameter), recovered from the monthly payments that
 * follow, as much as each one allows, until nothing is left; what is still due at the exit is an overpayment
 * (indu) recovered by a repayment order.
 *
 * The 1 April uprating reaches the avance (R6341-24-8 names the acomptes) with no row of its own: the avance
 * is a share of the full-time amount of the row in force on the entry date.
 */
import { fullTimeMonthlyAmount, type BaremeDecision } from './bareme';
import type { Cents, IsoDate, RemunerationParameters } from './parameters';

export function avanceAmount(fullTimeMonthlyCents: Cents, percent: number): Cents {
  // Whole cents, rounded down: the trainee never owes back a fraction of a cent created by the rule itself.
  return Math.floor((fullTimeMonthlyCents * percent) / 100);
}

/** The avance of a trainee: `percent` of the full-time amount in force on the entry date. */
export function avanceAtEntry(decision: BaremeDecision, params: RemunerationParameters, percent: number): { amountCents: Cents; rateEffectiveFrom: IsoDate | null } {
  const base = fullTimeMonthlyAmount(decision, decision.entryDate, params);
  return { amountCents: avanceAmount(base.monthlyCents, percent), rateEffectiveFrom: base.rateEffectiveFrom };
}

export interface AvanceSettlement {
  /** What is paid this month after recovery. */
  paidCents: Cents;
  /** What the avance recovered from this month's amount. */
  recoveredCents: Cents;
  /** What remains of the avance to recover afterwards. */
  remainingCents: Cents;
}

export function settleAvance(monthNetCents: Cents, avanceRemainingCents: Cents): AvanceSettlement {
  const recoveredCents = Math.min(monthNetCents, avanceRemainingCents);
  return { paidCents: monthNetCents - recoveredCents, recoveredCents, remainingCents: avanceRemainingCents - recoveredCents };
}

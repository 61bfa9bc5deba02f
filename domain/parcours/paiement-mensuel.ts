/**
 * What a month's payment changes in the journey's state, as one rule: the workflow applies it to its state when
 * the payment's result comes back, and the payment's activity applies it to the read model's snapshot it writes
 * in the payment's transaction (PAYMENT_MAIL_PATCH), so the case page shows what the workflow holds.
 */
import { nextPeriod } from '../dates';

/** What the ledger answered for the month. */
export interface MonthPayment {
  reference: string;
  netCents: number;
  paidCents: number;
  /** What the avance recovered from this month. */
  recoveredCents: number;
}

/** The part of the journey's formation state a payment moves (workflows/parcours/messages.ts FormationState). */
export interface PayableFormation {
  avance: { remainingCents: number } | null;
  paid: Record<string, { period: string; reference: string; netCents: number; paidCents: number }>;
  nextPeriod: string;
  monthsPaidThisRun: number;
}

/** The month is behind (paid, or paid by France Travail): the loop moves to the next. */
export function monthSettled(f: PayableFormation, period: string): void {
  f.nextPeriod = nextPeriod(period);
  f.monthsPaidThisRun += 1;
}

/** The month paid: the avance's rest, the month's record, the next month. */
export function monthPaid(f: PayableFormation, period: string, payment: MonthPayment): void {
  if (f.avance) f.avance.remainingCents -= payment.recoveredCents;
  f.paid[period] = { period, reference: payment.reference, netCents: payment.netCents, paidCents: payment.paidCents };
  monthSettled(f, period);
}

/** The payment's journal entry says what was paid (the activity's journal row and the workflow's entry alike). */
export const paidEntryDetail = (period: string, paidCents: number): { period: string; paidCents: number } => ({ period, paidCents });

/**
 * Late corrections of a month already paid (the attendance statement corrected after the payment).
 *
 * The month's recomputed net is compared with what the month has settled so far:
 *   settled = net of the first payment + complements − indus recorded for the month.
 * - higher: a COMPLEMENT of the difference, a payment of its own;
 * - lower: an INDU (overpayment) of the difference, an overpayment of its own; a second lowering of the same
 *   month is not refused, it is the next indu of the month;
 * - equal: nothing.
 * Each complement and each indu has a sequence number per (case, month), 1, 2…, which makes its payment
 * reference unique (domain/paiements/reference.ts). Indu number 1 keeps the reference the ledger
 * already gives to the single indu of a month, so existing rows stay valid.
 *
 * Nets, not transfers: the avance recovered from the month is the avance's business (avance.ts). A complement
 * is paid in full; what remains of the avance keeps being recovered from the following months.
 */
import { formatMonthFr } from '../dates';
import { RemunerationInputError } from './errors';
import { formatEuros } from './money';
import type { Cents } from './parameters';

export type CorrectionKind = 'complement' | 'indu';

export interface MonthCorrection {
  kind: CorrectionKind;
  seq: number;
  amountCents: Cents;
}

/** Everything settled for one month of one case. `corrections` must hold every indu of the month, whatever its reason. */
export interface MonthSettlement {
  /** YYYY-MM */
  period: string;
  /** Net of the month's first payment (before the avance's recovery). */
  initialNetCents: Cents;
  corrections: readonly MonthCorrection[];
}

interface Compared { period: string; previousNetCents: Cents; newNetCents: Cents }

export type CorrectionDecision =
  | ({ kind: 'aucune' } & Compared)
  | ({ kind: CorrectionKind; seq: number; amountCents: Cents; linesFr: string[] } & Compared);

const whole = (v: number, what: string): void => {
  if (!Number.isSafeInteger(v) || v < 0) throw new RemunerationInputError(`${what} must be whole cents >= 0: ${v}`);
};

export function settledNetCents(s: MonthSettlement): Cents {
  return s.corrections.reduce((net, c) => net + (c.kind === 'complement' ? c.amountCents : -c.amountCents), s.initialNetCents);
}

/** The next number for this kind in the month (highest so far + 1: numbers are never reused). */
export function nextCorrectionSeq(s: MonthSettlement, kind: CorrectionKind): number {
  return Math.max(0, ...s.corrections.filter((c) => c.kind === kind).map((c) => c.seq)) + 1;
}

function linesFr(kind: CorrectionKind, c: Compared, amountCents: Cents): string[] {
  const head = `Votre rémunération de ${formatMonthFr(c.period)} a été recalculée : ${formatEuros(c.newNetCents)} au lieu de ${formatEuros(c.previousNetCents)}.`;
  return kind === 'complement'
    ? [head, `Nous vous versons la différence : ${formatEuros(amountCents)}.`]
    : [head, `Vous avez reçu ${formatEuros(amountCents)} de trop. Cette somme est à rembourser.`];
}

/** What a recomputed net means for a month already paid. */
export function decideCorrection(s: MonthSettlement, newNetCents: Cents): CorrectionDecision {
  whole(s.initialNetCents, 'initialNetCents');
  whole(newNetCents, 'newNetCents');
  for (const c of s.corrections) whole(c.amountCents, 'correction amount');
  const compared: Compared = { period: s.period, previousNetCents: settledNetCents(s), newNetCents };
  const difference = newNetCents - compared.previousNetCents;
  if (difference === 0) return { kind: 'aucune', ...compared };
  const kind: CorrectionKind = difference > 0 ? 'complement' : 'indu';
  const amountCents = Math.abs(difference);
  return { kind, seq: nextCorrectionSeq(s, kind), amountCents, linesFr: linesFr(kind, compared, amountCents), ...compared };
}

/** The settlement once the decision is recorded (for the next correction of the same month). */
export function withCorrection(s: MonthSettlement, d: CorrectionDecision): MonthSettlement {
  if (d.kind === 'aucune') return s;
  return { ...s, corrections: [...s.corrections, { kind: d.kind, seq: d.seq, amountCents: d.amountCents }] };
}

/**
 * What the Région owes the training provider for a sur-mesure session, on "service fait" (hours delivered
 * per trainee, as certified). The rule is an ASSUMPTION, chosen by the `provider_payment_rule` parameter:
 *
 * - `prorata_heures` (default): the quote buys `seats` seats of `plannedMinutesPerTrainee` each. A trainee
 *   is worth quote / seats × min(delivered, planned) / planned: hours beyond the plan are not paid, a
 *   drop-out's seat is paid for the hours it had. Replacements can bring more trainees than seats; the
 *   total never exceeds the quote.
 * - `place_entree`: a full seat for each trainee who attended at least one minute, capped at the quote.
 *
 * Exact BigInt fractions, rounded once, half up to the cent (as the trainee pay). The lines per trainee are
 * differences of successive rounded running totals, so they always add up to the total.
 */
import type { Cents, Minutes } from '../remuneration/parameters';
import { fraction, roundHalfUpToCents } from '../remuneration/money';
import { SurMesureInputError } from './errors';
import type { ProviderPaymentRule } from './parametres';

export interface ServiceFaitInput {
  /** Accepted quote for the whole session. */
  quoteCents: Cents;
  /** Trainee seats the quote pays for. */
  seats: number;
  /** Hours planned per trainee (in centre and in company, as the quote counts them), in minutes. */
  plannedMinutesPerTrainee: Minutes;
  trainees: { id: string; deliveredMinutes: Minutes }[];
}

export interface ServiceFaitLine {
  id: string;
  cents: Cents;
}

export interface ServiceFait {
  totalCents: Cents;
  lines: ServiceFaitLine[];
  /** True when the trainees' shares added up to more than the quote. */
  cappedAtQuote: boolean;
}

const isWhole = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;

function assertInput(input: ServiceFaitInput): void {
  if (!isWhole(input.quoteCents, 0)) throw new SurMesureInputError(`quoteCents must be whole cents >= 0: ${input.quoteCents}`);
  if (!isWhole(input.seats, 1)) throw new SurMesureInputError(`seats must be a whole number >= 1: ${input.seats}`);
  if (!isWhole(input.plannedMinutesPerTrainee, 1)) throw new SurMesureInputError(`plannedMinutesPerTrainee must be >= 1: ${input.plannedMinutesPerTrainee}`);
  for (const t of input.trainees) {
    if (!isWhole(t.deliveredMinutes, 0)) throw new SurMesureInputError(`deliveredMinutes of ${t.id} must be whole minutes >= 0`);
  }
}

/** A trainee's share of the quote, as a numerator over the common denominator seats × planned minutes. */
function shareNumerator(input: ServiceFaitInput, deliveredMinutes: Minutes, rule: ProviderPaymentRule): bigint {
  const planned = input.plannedMinutesPerTrainee;
  const paidMinutes = rule === 'place_entree' ? (deliveredMinutes > 0 ? planned : 0) : Math.min(deliveredMinutes, planned);
  return BigInt(input.quoteCents) * BigInt(paidMinutes);
}

export function providerPayment(input: ServiceFaitInput, rule: ProviderPaymentRule): ServiceFait {
  assertInput(input);
  const den = BigInt(input.seats) * BigInt(input.plannedMinutesPerTrainee);
  const cap = BigInt(input.quoteCents) * den;
  let running = 0n;
  let paid = 0;
  const lines = input.trainees.map((t) => {
    running += shareNumerator(input, t.deliveredMinutes, rule);
    const total = roundHalfUpToCents(fraction(running < cap ? running : cap, den));
    const line = { id: t.id, cents: total - paid };
    paid = total;
    return line;
  });
  return { totalCents: paid, lines, cappedAtQuote: running > cap };
}

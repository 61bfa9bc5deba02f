/**
 * The 1 April uprating (revalorisation, R6341-24-8, since 1 April 2023): each amount is multiplied by the
 * coefficient of L161-25 CSS.
 *
 * ROUNDING RULE (chained): each year's figure is the PREVIOUS YEAR'S ROUNDED figure × the coefficient,
 * rounded half up to the cent. This is how the published 2024 figures follow from the 2023 ones
 * (723,36 × 1,046 = 756,634… → 756,63), so the same rule gives the rows nobody published (the RQTH
 * maximum, the 2025 rows). Compounding from 2021 instead would differ by a cent in some years
 * (685 × 1,056 × 1,046 × 1,017 = 769,50 against 769,49 chained).
 */
import { RemunerationInputError } from './errors';
import { fraction, roundHalfUpToCents, times } from './money';
import type { Cents } from './parameters';

/** "1.046" → 1046/1000, exactly: a coefficient is never a float. */
function coefficientFraction(coefficient: string): { num: bigint; den: bigint } {
  const m = /^(\d+)\.(\d{1,6})$/.exec(coefficient);
  if (!m) throw new RemunerationInputError(`coefficient must be a decimal like "1.046": ${coefficient}`);
  return fraction(BigInt(m[1] + m[2]), 10n ** BigInt(m[2].length));
}

/** One uprating step: cents × coefficient, rounded half up to the cent. */
export function upratedCents(cents: Cents, coefficient: string): Cents {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RemunerationInputError(`amount must be whole cents >= 0: ${cents}`);
  return roundHalfUpToCents(times(fraction(cents), coefficientFraction(coefficient)));
}

/** The chain from a base amount through successive coefficients (one figure per coefficient). */
export function upratingChain(baseCents: Cents, coefficients: readonly string[]): Cents[] {
  const out: Cents[] = [];
  let current = baseCents;
  for (const c of coefficients) {
    current = upratedCents(current, c);
    out.push(current);
  }
  return out;
}

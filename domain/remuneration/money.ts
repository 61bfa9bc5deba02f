/**
 * Exact fractions of cents (BigInt) and the one rounding step. Amounts are multiplied by ratios of whole
 * numbers (days, minutes, hundredths of an hour), so a fraction of integers holds them with no error at all
 * until the final rounding.
 */
import type { Cents, Minutes } from './parameters';

export interface Fraction {
  num: bigint;
  /** Always > 0. */
  den: bigint;
}

export const fraction = (num: number | bigint, den: number | bigint = 1): Fraction => ({ num: BigInt(num), den: BigInt(den) });

export const times = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.num, den: a.den * b.den });

/** floor(n / d) for d > 0 (BigInt division truncates toward zero). */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/** Round half up to the cent: floor(x + 1/2) = floor((2n + d) / 2d). */
export function roundHalfUpToCents(x: Fraction): Cents {
  return Number(floorDiv(2n * x.num + x.den, 2n * x.den));
}

/** "1 932,52 €", with no-break spaces so that a mail never splits an amount across two lines. */
export function formatEuros(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

/** "7 heures", "1 heure 30 minutes", "45 minutes": words a trainee reads without a conversion. */
export function formatDurationFr(minutes: Minutes): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} heure${h > 1 ? 's' : ''}`;
  const mins = `${m} minute${m > 1 ? 's' : ''}`;
  if (h === 0) return mins;
  return m === 0 ? hours : `${hours} ${mins}`;
}

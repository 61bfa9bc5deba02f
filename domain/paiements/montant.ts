/**
 * Money is integer cents end to end. These helpers turn cents into the decimal strings of the files by
 * string operations, so no binary floating point ever touches an amount.
 */

export const isCents = (value: number): boolean => Number.isSafeInteger(value);

/** 123456 → "1234.56", 5 → "0.05". Dot separator, exactly two decimals, no grouping. */
export function formatEuros(cents: number): string {
  if (!isCents(cents)) throw new RangeError('formatEuros: cents must be a safe integer');
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Sum in integer cents; refuses a total beyond exact integer range instead of rounding it. */
export function sumCents(amounts: readonly number[]): number {
  return amounts.reduce((acc, cents) => {
    const total = acc + cents;
    if (!isCents(cents) || !isCents(total)) throw new RangeError('sumCents: out of exact integer range');
    return total;
  }, 0);
}

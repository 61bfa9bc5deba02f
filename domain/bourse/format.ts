/** Amounts written for people: "3 071,00 €", "25 705 €", with no-break spaces so a line never splits them. */

const group = (whole: number): string => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

export { formatEuros } from '../remuneration/money';

/** Whole euros (income, ceilings) → "25 705 €". */
export function formatEurosEntiers(euros: number): string {
  return `${euros < 0 ? '-' : ''}${group(Math.abs(euros))}\u00a0€`;
}

/** "1 point", "4 points". */
export const pointsFr = (n: number): string => `${n} point${n > 1 ? 's' : ''}`;

export { deFr } from '../dates';

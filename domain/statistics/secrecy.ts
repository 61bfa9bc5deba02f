/**
 * Statistical secrecy (secret statistique) of the published indicators, so that nobody can be singled out.
 *
 * 1. Primary secrecy: a cell counting 1 to 4 distinct persons (SECRECY_THRESHOLD - 1) is published as
 *    `{ value: null, secret: true }`. Zero is published: it singles nobody out.
 * 2. Secondary secrecy: wherever published figures add up (a total and its breakdown: the kinds of exit
 *    of a bassin, the bassins of a total, ...), a single secret cell could be recomputed by subtraction.
 *    So, in every such sum where exactly one figure is secret, the smallest non-zero published part is made
 *    secret as well; repeated until no sum has exactly one secret figure.
 * Overlapping groups (the priority publics: one person may be RQTH and RSA) form no sum and get primary
 * secrecy only. A rate is published only when its numerator and denominator both are.
 */

export const SECRECY_THRESHOLD = 5;

export interface StatCell {
  /** Cases counted: the figure published. */
  n: number;
  /** Distinct persons among them: what secrecy is judged on. */
  persons: number;
  secret: boolean;
}

/** `total` = sum of `parts`, all of them published (or secret). */
export interface Sum {
  total: StatCell;
  parts: StatCell[];
}

export type PublishedCell = { value: number; secret?: undefined } | { value: null; secret: true };

export const isPrimarySecret = (persons: number): boolean => persons >= 1 && persons < SECRECY_THRESHOLD;

export function applySecrecy(cells: Iterable<StatCell>, sums: readonly Sum[]): void {
  for (const cell of cells) cell.secret = isPrimarySecret(cell.persons);
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of sums) {
      const secrets = parts.filter((p) => p.secret).length + (total.secret ? 1 : 0);
      if (secrets !== 1) continue;
      const next = parts.filter((p) => !p.secret && p.n > 0).reduce<StatCell | null>((min, p) => (min && min.n <= p.n ? min : p), null);
      if (next) {
        next.secret = true;
        changed = true;
      }
    }
  }
}

export const publish = (cell: StatCell): PublishedCell => (cell.secret ? { value: null, secret: true } : { value: cell.n });

/** numerator / denominator rounded to 3 decimals; secret if either count is; null (not secret) on an empty denominator. */
export function publishRate(numerator: StatCell, denominator: StatCell): { value: number | null; secret?: true } {
  if (numerator.secret || denominator.secret) return { value: null, secret: true };
  if (denominator.n === 0) return { value: null };
  return { value: Math.round((numerator.n / denominator.n) * 1000) / 1000 };
}

/**
 * Dated parameter tables of the trainee pay (rémunération des stagiaires). The rows live in PostgreSQL; an
 * activity loads them and passes them to the pure functions of this folder. Every figure that can change is
 * a row with the date from which it applies, so an uprating (every 1 April since décret 2022-477,
 * R6341-24-8) is a new row, never a code change. Plain JSON: it crosses the Temporal boundary unchanged.
 */
import { RemunerationInputError } from './errors';

/** Calendar date 'YYYY-MM-DD' (no time, no zone: pay rules count whole days). */
export type IsoDate = string;
/** Whole euro cents. Money is never a float. */
export type Cents = number;
/** Whole minutes: attendance sheets are kept in hours and minutes, so minutes are exact. */
export type Minutes = number;

/**
 * Cases of the barème (décret 2021-522). Several cases share the same amount today (685 €) but keep their own
 * rows, so that a future text can move one without touching the others.
 */
export type RateCategory =
  | 'mineur_16_17'
  | 'jeune_18_25'
  | 'adulte_26_plus'
  /** Under 26 with 6 months' paid work in the last 12 (or 12 in 24). */
  | 'jeune_activite_anterieure'
  /** Under 26: single parent, pregnant single woman, 3 children, divorced/widowed/separated < 3 years. */
  | 'jeune_situation_familiale'
  /** Disabled worker (RQTH) without enough prior paid work. */
  | 'rqth';

/** The salary-based case has no rate row: its amount comes from the previous salary, clamped. */
export type BaremeCategory = RateCategory | 'rqth_salaire_anterieur';

interface Dated {
  /** First day on which the row applies; it applies until the next row of the same kind. */
  effectiveFrom: IsoDate;
}

export interface RateRow extends Dated {
  category: RateCategory;
  /** Full-time monthly amount. */
  monthlyCents: Cents;
}

/** Bounds of the RQTH salary-based amount. Not uprated on 1 April: a new row only if a text changes them. */
export interface RqthSalaryBoundsRow extends Dated {
  minCents: Cents;
  maxCents: Cents;
}

export type AidKind = 'equipement' | 'mobilite_transport' | 'mobilite_hebergement' | 'mobilite_restauration';
export type AidUnit = 'par_parcours' | 'par_mois' | 'par_nuit' | 'par_repas';

export interface AidRow extends Dated {
  kind: AidKind;
  amountCents: Cents;
  unit: AidUnit;
}

/** Prior paid work that opens the 685 € case (under 26) or the salary-based case (RQTH). */
export interface PriorWorkThresholds {
  minMonthsInLast12: number;
  minMonthsInLast24: number;
}

export interface RemunerationParameters {
  rates: readonly RateRow[];
  rqthSalaryBounds: readonly RqthSalaryBoundsRow[];
  /** Part time: each hour is paid monthly / 151.67 (D6341-24-1). Kept in hundredths of an hour: exact. */
  partTimeDivisorHundredthsOfHour: number;
  priorWork: PriorWorkThresholds;
  aids: readonly AidRow[];
}

const DECRET_2021_522 = '2021-05-01';

const rate = (category: RateCategory, monthlyCents: Cents): RateRow => ({ category, effectiveFrom: DECRET_2021_522, monthlyCents });

/**
 * National figures of décret 2021-522 (in force 1 May 2021). The 1 April upratings are NOT here on purpose:
 * each one is a row to add from the published text, never a guessed figure.
 */
export const DEFAULT_REMUNERATION_PARAMETERS: RemunerationParameters = {
  rates: [
    rate('mineur_16_17', 200_00),
    rate('jeune_18_25', 500_00),
    rate('adulte_26_plus', 685_00),
    rate('jeune_activite_anterieure', 685_00),
    rate('jeune_situation_familiale', 685_00),
    rate('rqth', 685_00),
  ],
  rqthSalaryBounds: [{ effectiveFrom: DECRET_2021_522, minCents: 685_00, maxCents: 1_932_52 }],
  partTimeDivisorHundredthsOfHour: 151_67,
  priorWork: { minMonthsInLast12: 6, minMonthsInLast24: 12 },
  // EXAMPLE PARAMETERS ONLY: the Région's aid amounts are unknown (DOMAIN.md: "[REG amounts unknown]").
  // Replace with the rows voted by the Région before any payment.
  aids: [
    { kind: 'equipement', effectiveFrom: DECRET_2021_522, amountCents: 300_00, unit: 'par_parcours' },
    { kind: 'mobilite_transport', effectiveFrom: DECRET_2021_522, amountCents: 100_00, unit: 'par_mois' },
    { kind: 'mobilite_hebergement', effectiveFrom: DECRET_2021_522, amountCents: 20_00, unit: 'par_nuit' },
    { kind: 'mobilite_restauration', effectiveFrom: DECRET_2021_522, amountCents: 3_50, unit: 'par_repas' },
  ],
};

/**
 * The row in force on `date`: the latest one that started on or before it. Two rows starting the same day
 * would make the amount depend on load order, so they are refused.
 */
export function rowInForce<T extends Dated>(rows: readonly T[], date: IsoDate, what: string): T {
  let best: T | undefined;
  for (const row of rows) {
    if (row.effectiveFrom > date) continue; // 'YYYY-MM-DD' strings sort like dates
    if (best && row.effectiveFrom === best.effectiveFrom) {
      throw new RemunerationInputError(`two ${what} rows start on ${row.effectiveFrom}`);
    }
    if (!best || row.effectiveFrom > best.effectiveFrom) best = row;
  }
  if (!best) throw new RemunerationInputError(`no ${what} row in force on ${date}`);
  return best;
}

export function rateInForce(params: RemunerationParameters, category: RateCategory, date: IsoDate): RateRow {
  return rowInForce(params.rates.filter((r) => r.category === category), date, `rate "${category}"`);
}

export function rqthSalaryBoundsInForce(params: RemunerationParameters, date: IsoDate): RqthSalaryBoundsRow {
  return rowInForce(params.rqthSalaryBounds, date, 'RQTH salary bounds');
}

export function aidInForce(params: RemunerationParameters, kind: AidKind, date: IsoDate): AidRow {
  return rowInForce(params.aids.filter((a) => a.kind === kind), date, `aid "${kind}"`);
}

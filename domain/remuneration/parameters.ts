/**
 * Dated parameter tables of the trainee pay (rémunération des stagiaires). The rows live in PostgreSQL; an
 * activity loads them and passes them to the pure functions of this folder. Every figure that can change is
 * a row with the date from which it applies, so an uprating (every 1 April since décret 2022-477,
 * R6341-24-8) is a new row, never a code change. Plain JSON: it crosses the Temporal boundary unchanged.
 * Every row says where its figure comes from (`source`) and whether it was checked against the published
 * text (`verified`), so finance sees which figures are still guesses.
 */
import { RemunerationInputError } from './errors';
import { ASS_ROWS, NATIONAL_RATE_ROWS, RQTH_BOUNDS_ROWS } from './parametres-nationaux';

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

/**
 * Where a figure comes from. Optional so that loaders written before these columns keep compiling; a row
 * without them is shown to finance as "source inconnue, non vérifiée" (etat-parametres.ts).
 */
export interface Provenance {
  /** Text, decree or publication the figure comes from, or how it was computed. */
  source?: string;
  /** True only once checked against the published text. An unverified row still applies. */
  verified?: boolean;
}

export interface Dated extends Provenance {
  /** First day on which the row applies; it applies until the next row of the same kind. */
  effectiveFrom: IsoDate;
}

export interface RateRow extends Dated {
  category: RateCategory;
  /** Full-time monthly amount. */
  monthlyCents: Cents;
}

/**
 * Bounds of the RQTH salary-based amount. Uprated every 1 April like the scale (R6341-24-8); the amount
 * fixed at entry from the previous salary is not (bareme.ts).
 */
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

/**
 * Daily amount of the allocation de solidarité spécifique (ASS), the floor of part-time pay for a person
 * who would be entitled to it (D6341-24-1, second paragraph; see ass.ts).
 */
export interface AssAmountRow extends Dated {
  dailyCents: Cents;
}

/** Dated settings of the pay (table remuneration_setting). Only the avance share is proposed by finance. */
export type SettingKey = 'avance_percent' | 'part_time_divisor_hundredths_of_hour' | 'prior_work_min_months_in_12' | 'prior_work_min_months_in_24';

export interface SettingRow extends Dated {
  key: SettingKey;
  value: number;
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
  /** ASS daily amounts; needed only for a part-time trainee flagged eligibleASS (optional for older loaders). */
  ass?: readonly AssAmountRow[];
}

const DECRET_2021_522 = '2021-05-01';

/** Provenance of the example aid rows: finance must replace them before any payment. */
export const EXAMPLE_AID_SOURCE = 'exemple, montants de la Région inconnus';

const exampleAid = (kind: AidKind, amountCents: Cents, unit: AidUnit): AidRow =>
  ({ kind, effectiveFrom: DECRET_2021_522, amountCents, unit, source: EXAMPLE_AID_SOURCE, verified: false });

/**
 * National figures: décret 2021-522 (1 May 2021) and the 1 April upratings known so far, each with its
 * source and verified flag (parametres-nationaux.ts). The unverified rows still apply: the pay must go
 * out; finance is told (etat-parametres.ts) and replaces them through a four-eyes proposal.
 */
export const DEFAULT_REMUNERATION_PARAMETERS: RemunerationParameters = {
  rates: NATIONAL_RATE_ROWS,
  rqthSalaryBounds: RQTH_BOUNDS_ROWS,
  partTimeDivisorHundredthsOfHour: 151_67,
  priorWork: { minMonthsInLast12: 6, minMonthsInLast24: 12 },
  // EXAMPLE PARAMETERS ONLY: the Région's aid amounts are unknown (DOMAIN.md: "[REG amounts unknown]").
  // Replace with the rows voted by the Région before any payment.
  aids: [
    exampleAid('equipement', 300_00, 'par_parcours'),
    exampleAid('mobilite_transport', 100_00, 'par_mois'),
    exampleAid('mobilite_hebergement', 20_00, 'par_nuit'),
    exampleAid('mobilite_restauration', 3_50, 'par_repas'),
  ],
  ass: ASS_ROWS,
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

export function assInForce(params: RemunerationParameters, date: IsoDate): AssAmountRow {
  return rowInForce(params.ass ?? [], date, 'ASS amount');
}

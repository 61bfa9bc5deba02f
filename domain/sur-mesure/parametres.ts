/**
 * Dated parameters of sur-mesure orders ("Une formation, un emploi" [REG]). Each figure is a row with the
 * day from which it applies, its source and whether that source was checked (`verified`), so that the
 * caseworkers see which rules are assumptions and replace them by a new row, never by a deployment.
 * Rows live in `sur_mesure_parametre` (value as jsonb); `toParameterRow` checks a row read from there.
 */
import type { Cents } from '../remuneration/parameters';
import { rowInForce as remunerationRowInForce } from '../remuneration/parameters';
import { RemunerationInputError } from '../remuneration/errors';
import { CONTRACT_KINDS, type ContractKind } from './contrat';
import { assertIsoDate, type IsoDate } from './dates';
import { SurMesureInputError } from './errors';

/**
 * What a recorded breach (manquement) of a company does to its next need:
 * - `none`: nothing, not even shown;
 * - `show_only`: shown to the caseworker as a warning, never blocking (default: no source gives a sanction);
 * - `refuse_next_need`: a breach recorded within `breach_lookback_months` makes a new need ineligible
 *   (POEI's only sanction, for comparison).
 */
export type BreachPolicy = 'none' | 'show_only' | 'refuse_next_need';
export const BREACH_POLICIES: readonly BreachPolicy[] = ['none', 'show_only', 'refuse_next_need'];

/**
 * How the provider's service fait is paid (see paiement-organisme.ts):
 * - `prorata_heures`: each financed seat is worth quote / seats, paid in proportion to the hours delivered
 *   to its trainee over the hours planned; total capped at the quote;
 * - `place_entree`: a full seat per trainee who attended at all, capped at the quote.
 */
export type ProviderPaymentRule = 'prorata_heures' | 'place_entree';
export const PROVIDER_PAYMENT_RULES: readonly ProviderPaymentRule[] = ['prorata_heures', 'place_entree'];

export interface SurMesureParameters {
  min_hours_in_centre: number;
  max_training_months: number;
  max_training_months_level_7_8: number;
  max_training_months_derogation: number;
  min_contract_months: number;
  allowed_contract_kinds: ContractKind[];
  /** A funding decision above this amount (strictly) needs the Région's commission vote. */
  commission_threshold_cents: Cents;
  /** A drop-out may be replaced by a new trainee entering up to this many days after the training start. */
  replacement_max_days_after_start: number;
  hiring_declaration_days_after_end: number;
  /** Reminders to the company, in days before the declaration is due. */
  hiring_reminder_days_before_due: number[];
  /** A hiring starting more than this many days after the planned date is "on other terms". */
  hiring_start_tolerance_days: number;
  six_month_check_months: number;
  breach_policy: BreachPolicy;
  /** Breaches older than this (from the need's date) are neither shown nor counted. */
  breach_lookback_months: number;
  provider_payment_rule: ProviderPaymentRule;
}

export type ParameterKey = keyof SurMesureParameters;

export interface ParameterRow<K extends ParameterKey = ParameterKey> {
  key: K;
  /** First day on which the row applies; it applies until the next row of the same key. */
  effectiveFrom: IsoDate;
  value: SurMesureParameters[K];
  /** Where the figure comes from, or why it is an assumption. */
  source: string;
  /** True only when a text read by the team gives the figure. */
  verified: boolean;
}

/** A row of any key, discriminated by `key` so that `value` keeps its type. */
export type AnyParameterRow = { [K in ParameterKey]: ParameterRow<K> }[ParameterKey];

/** Start of the SPRFP 2026 rules; the scheme's own start date is not known [ASSUMPTION]. */
const FROM = '2026-01-01';
const REG = 'DOMAIN.md §2 [REG] « Une formation, un emploi » (date d’effet supposée : 2026-01-01)';
const NO_SOURCE = 'aucune source : valeur par défaut à confirmer par la Région';

const row = <K extends ParameterKey>(key: K, value: SurMesureParameters[K], source: string, verified: boolean): ParameterRow<K> =>
  ({ key, effectiveFrom: FROM, value, source, verified });

export const DEFAULT_SUR_MESURE_PARAMETERS: readonly AnyParameterRow[] = [
  row('min_hours_in_centre', 140, REG, true),
  row('max_training_months', 12, REG, true),
  row('max_training_months_level_7_8', 24, REG, true),
  row('max_training_months_derogation', 24, `${NO_SOURCE} (dérogation enregistrée : même plafond que les niveaux 7–8)`, false),
  row('min_contract_months', 6, REG, true),
  row('allowed_contract_kinds', ['cdi', 'cdd', 'apprentissage', 'professionnalisation'], `${REG} : CDI, CDD ou alternance, hors contrats aidés par l'État`, true),
  row('commission_threshold_cents', 100_000_00, NO_SOURCE, false),
  row('replacement_max_days_after_start', 15, NO_SOURCE, false),
  row('hiring_declaration_days_after_end', 30, NO_SOURCE, false),
  row('hiring_reminder_days_before_due', [10, 3], NO_SOURCE, false),
  row('hiring_start_tolerance_days', 30, NO_SOURCE, false),
  row('six_month_check_months', 6, 'DOMAIN.md §2 : suivi à 6 mois (indicateur national : emploi 6 mois après la sortie)', true),
  row('breach_policy', 'show_only', 'DOMAIN.md §2 [ASSUMPTION] : aucune conséquence financière connue ; manquements affichés au besoin suivant', false),
  row('breach_lookback_months', 36, NO_SOURCE, false),
  row('provider_payment_rule', 'prorata_heures', `${NO_SOURCE} (prorata des heures réalisées par place financée, plafonné au devis)`, false),
];

/**
 * The row in force on `date`: the latest that started on or before it. The search itself is the trainee
 * pay's (two rows starting the same day are refused); only the error type is this module's.
 */
export function rowInForce<T extends { effectiveFrom: IsoDate }>(rows: readonly T[], date: IsoDate, what = 'sur-mesure parameter'): T {
  try {
    return remunerationRowInForce(rows, date, what);
  } catch (err) {
    throw err instanceof RemunerationInputError ? new SurMesureInputError(err.message) : err;
  }
}

export function parameterInForce<K extends ParameterKey>(rows: readonly AnyParameterRow[], key: K, date: IsoDate): ParameterRow<K> {
  // The union cannot narrow on a generic key: the filter on `key` is what makes the cast true.
  const ofKey = rows.filter((r) => r.key === key) as unknown as ParameterRow<K>[];
  return rowInForce(ofKey, date, `"${key}"`);
}

const wholeNumber = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const oneOf = (allowed: readonly string[]) => (v: unknown): boolean => typeof v === 'string' && allowed.includes(v);
const listOf = (check: (x: unknown) => boolean) => (v: unknown): boolean => Array.isArray(v) && v.every(check);

const VALIDATORS: Readonly<Record<ParameterKey, (v: unknown) => boolean>> = {
  min_hours_in_centre: wholeNumber,
  max_training_months: wholeNumber,
  max_training_months_level_7_8: wholeNumber,
  max_training_months_derogation: wholeNumber,
  min_contract_months: wholeNumber,
  allowed_contract_kinds: listOf(oneOf(CONTRACT_KINDS)),
  commission_threshold_cents: wholeNumber,
  replacement_max_days_after_start: wholeNumber,
  hiring_declaration_days_after_end: wholeNumber,
  hiring_reminder_days_before_due: listOf(wholeNumber),
  hiring_start_tolerance_days: wholeNumber,
  six_month_check_months: wholeNumber,
  breach_policy: oneOf(BREACH_POLICIES),
  breach_lookback_months: wholeNumber,
  provider_payment_rule: oneOf(PROVIDER_PAYMENT_RULES),
};

export interface ParametersInForce {
  values: SurMesureParameters;
  /** Keys whose row in force is an assumption: shown beside any decision that used them. */
  unverified: ParameterKey[];
}

export function parametersInForce(rows: readonly AnyParameterRow[], date: IsoDate): ParametersInForce {
  assertIsoDate(date, 'parameters date');
  const keys = Object.keys(VALIDATORS) as ParameterKey[];
  const inForce = keys.map((key) => parameterInForce(rows, key, date));
  const values = Object.fromEntries(inForce.map((r) => [r.key, r.value])) as unknown as SurMesureParameters;
  return { values, unverified: inForce.filter((r) => !r.verified).map((r) => r.key) };
}

export interface RawParameterRow {
  key: string;
  effectiveFrom: string;
  value: unknown;
  source: string;
  verified: boolean;
}

/** Checks a row read from the database (jsonb is untyped): an unknown key or a bad value is refused. */
export function toParameterRow(raw: RawParameterRow): AnyParameterRow {
  const check = (VALIDATORS as Readonly<Record<string, (v: unknown) => boolean>>)[raw.key];
  if (!check) throw new SurMesureInputError(`unknown sur-mesure parameter "${raw.key}"`);
  assertIsoDate(raw.effectiveFrom, `parameter "${raw.key}"`);
  if (!check(raw.value)) throw new SurMesureInputError(`parameter "${raw.key}" from ${raw.effectiveFrom}: bad value ${JSON.stringify(raw.value)}`);
  return raw as AnyParameterRow;
}

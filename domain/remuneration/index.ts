/** Trainee pay (rémunération des stagiaires): pure rules over dated parameter tables. See README.md. */
export { RemunerationInputError } from './errors';
export {
  DEFAULT_REMUNERATION_PARAMETERS,
  aidInForce,
  rateInForce,
  rowInForce,
  rqthSalaryBoundsInForce,
  type AidKind,
  type AidRow,
  type AidUnit,
  type BaremeCategory,
  type Cents,
  type IsoDate,
  type Minutes,
  type PriorWorkThresholds,
  type RateCategory,
  type RateRow,
  type RemunerationParameters,
  type RqthSalaryBoundsRow,
} from './parameters';
export { determineBareme, fullTimeMonthlyAmount, type BaremeDecision, type FullTimeAmount, type StagiaireProfile } from './bareme';
export { computeMonthlyRemuneration, type MonthInput, type MonthlyBreakdown, type Prorata, type Rythme } from './monthly';
export { ageAt, type YearMonth } from '../dates';
export { formatDurationFr, formatEuros } from './money';
export { avanceAmount, settleAvance, type AvanceSettlement } from './avance';
export { addMonths, lastDayOf, nextPeriod, periodEnd, periodOf, type Period } from '../dates';

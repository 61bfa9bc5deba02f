/** Trainee pay (rémunération des stagiaires): pure rules over dated parameter tables. See README.md. */
export {
  AidGrantError, OverpaymentError, ParameterProposalError, RemunerationInputError, RemunerationRuleError,
  type AidGrantErrorCode, type OverpaymentErrorCode, type ParameterProposalErrorCode,
} from './errors';
export {
  DEFAULT_REMUNERATION_PARAMETERS,
  EXAMPLE_AID_SOURCE,
  aidInForce,
  assInForce,
  rateInForce,
  rowInForce,
  rqthSalaryBoundsInForce,
  type AidKind,
  type AidRow,
  type AidUnit,
  type AssAmountRow,
  type BaremeCategory,
  type Dated,
  type Cents,
  type IsoDate,
  type Minutes,
  type PriorWorkThresholds,
  type Provenance,
  type RateCategory,
  type RateRow,
  type RemunerationParameters,
  type RqthSalaryBoundsRow,
  type SettingKey,
  type SettingRow,
} from './parameters';
export { ASS_ROWS, NATIONAL_RATE_ROWS, RQTH_BOUNDS_ROWS, UPRATINGS, type Uprating } from './parametres-nationaux';
export { upratedCents, upratingChain } from './revalorisation';
export { ASS_DAYS_PER_MONTH, applyAssFloor, assMonthlyCents, type PlancherASS } from './ass';
export { latestFirstOfApril, parameterStatus, type ParameterStatusView, type ParameterTable, type RowStatus, type UpratingNotice } from './etat-parametres';
export { AID_LABELS, grantAid, nextGrantSeq, oncePerCourseRefusal, type AidGrant, type AidGrantRequest, type PreviousAidGrant } from './aides';
export {
  decideCorrection, nextCorrectionSeq, settledNetCents, withCorrection,
  type CorrectionDecision, type CorrectionKind, type MonthCorrection, type MonthSettlement,
} from './corrections';
export {
  DEFAULT_RETENUE_POLICY, changeRecoveryPlan, defaultRecoveryPlan, openOverpayment, planRetenues, recordRecovery, remainingCents, remitOverpayment,
  type MovementMethod, type Overpayment, type OverpaymentMovement, type OverpaymentStatus, type PlannedRetenue, type RecoveryPlan, type RetenuePolicy,
} from './indu';
export {
  approveProposal, proposeRow, rejectProposal, validateProposedRow,
  type ParameterProposal, type ProposalContext, type ProposalStatus, type ProposedRow,
} from './propositions';
export { determineBareme, fullTimeMonthlyAmount, type BaremeDecision, type FullTimeAmount, type StagiaireProfile } from './bareme';
export { computeMonthlyRemuneration, type MonthInput, type MonthlyBreakdown, type Prorata, type Rythme } from './monthly';
export { ageAt, type YearMonth } from '../dates';
export { formatDurationFr, formatEuros } from './money';
export { avanceAmount, avanceAtEntry, settleAvance, type AvanceSettlement } from './avance';
export { addMonths, lastDayOf, nextPeriod, periodEnd, periodOf, type Period } from '../dates';

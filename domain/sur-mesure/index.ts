/** Sur-mesure orders for companies that commit to hire: pure rules over dated parameters. See README.md. */
export { SurMesureInputError, type Result } from './errors';
export { addDays, anniversary, daysBetween, durationInMonths, type IsoDate } from './dates';
export { LA_POSTE_SIREN, checkSiren, checkSiret, normaliseIdentifier, type IdentifierFailure, type SirenCheck, type SiretCheck } from './siret';
export {
  ROME_DOMAINES,
  checkCertificationCode,
  checkNaf,
  checkRome,
  isCertificationLevel,
  nafSection,
  type CertificationCode,
  type CertificationLevel,
  type CertificationRegistry,
  type NafCode,
  type NafSection,
} from './codes';
export {
  CONTRACT_KINDS,
  CONTRACT_LABELS,
  CONTRATS_AIDES,
  isContratAide,
  type ContractKind,
  type Contrat,
  type ContratAideKind,
  type ContratDeclare,
  type ContratPropose,
} from './contrat';
export {
  BREACH_POLICIES,
  DEFAULT_SUR_MESURE_PARAMETERS,
  PROVIDER_PAYMENT_RULES,
  parameterInForce,
  parametersInForce,
  rowInForce,
  toParameterRow,
  type AnyParameterRow,
  type BreachPolicy,
  type ParameterKey,
  type ParameterRow,
  type ParametersInForce,
  type ProviderPaymentRule,
  type RawParameterRow,
  type SurMesureParameters,
} from './parametres';
export {
  checkEligibility,
  type AfestDesign,
  type Avertissement,
  type CommandeSurMesure,
  type EligibilityResult,
  type EligibilityRule,
  type EligibilityWarning,
  type ManquementAnterieur,
  type PosteOffert,
  type RegleEchouee,
} from './eligibilite';
export {
  VISA_ROLES,
  applyVisa,
  nextRequiredLevel,
  requiredLevels,
  requiresCommission,
  startVisa,
  type Acteur,
  type VisaAction,
  type VisaError,
  type VisaErrorCode,
  type VisaLevel,
  type VisaRole,
  type VisaState,
  type VisaStep,
} from './visa';
export {
  classifyHiring,
  classifySixMonthCheck,
  hiringDeclarationSchedule,
  sixMonthCheckDate,
  type DeclarationEmbauche,
  type HiringCheck,
  type HiringCheckInput,
  type HiringOutcome,
  type RuptureInitiative,
  type SixMonthCheck,
  type SixMonthInput,
  type SortieStagiaire,
  type StillEmployed,
} from './embauche';
export { canReplaceDropOut, replacementDeadline } from './recrutement';
export { providerPayment, type ServiceFait, type ServiceFaitInput, type ServiceFaitLine } from './paiement-organisme';

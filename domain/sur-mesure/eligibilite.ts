/**
 * Eligibility of a sur-mesure order ("Une formation, un emploi" [REG]), pure. Every rule is checked and
 * every failure listed, so that the caseworker fixes them all at once. The parameters applied are those in
 * force on the order's date (the day the company's need was recorded): a rule change during the instruction
 * does not move the goalposts.
 */
import { checkRome, type CertificationLevel } from './codes';
import { CONTRACT_LABELS, isContratAide, type ContratPropose } from './contrat';
import { anniversary, assertIsoDate, durationInMonths, type IsoDate } from './dates';
import { SurMesureInputError } from './errors';
import { parametersInForce, type AnyParameterRow, type ParameterKey, type SurMesureParameters } from './parametres';

export interface PosteOffert {
  /** Job sheet of the ROME (M1805). */
  romeCode: string;
  /** Number of posts of this kind. */
  count: number;
  contrat: ContratPropose;
}

/** AFEST (D6313-3-2): the four components the co-design must contain. */
export interface AfestDesign {
  /** 1° analysis of the work activity, adapted for teaching where needed. */
  analyseActivite: boolean;
  /** 2° trainer with a tutoring role, designated beforehand (name). */
  tuteur: string | null;
  /** 3° reflective phases, distinct from the work situations. */
  phasesReflexives: boolean;
  /** 4° specific assessments marking out or concluding the action. */
  evaluations: boolean;
}

/** A breach recorded on an earlier order of the same company. */
export interface ManquementAnterieur {
  /** Day the breach was recorded. */
  date: IsoDate;
  /** Order reference, for the caseworker. */
  reference: string;
  outcome: 'non_embauche_entreprise' | 'embauche_autres_conditions' | 'rupture_avant_6_mois';
}

export interface CommandeSurMesure {
  /** Day the need was recorded: fixes the parameters applied. */
  orderDate: IsoDate;
  hoursInCentre: number;
  hoursInCompany: number;
  trainingStart: IsoDate;
  trainingEnd: IsoDate;
  /** Target certification level (RNCP); null for an RS certification or none. */
  certificationLevel: CertificationLevel | null;
  /** A derogation to the maximum length, decided and recorded (reference of the decision); null if none. */
  derogation: { reference: string } | null;
  /** Null when the training has no AFEST part. */
  afest: AfestDesign | null;
  postes: PosteOffert[];
  manquements: ManquementAnterieur[];
}

export type EligibilityRule =
  | 'heures_centre_minimum'
  | 'dates_incoherentes'
  | 'duree_formation_maximale'
  | 'aucun_poste'
  | 'nombre_postes_invalide'
  | 'code_rome_invalide'
  | 'contrat_aide_exclu'
  | 'type_contrat_non_admis'
  | 'duree_contrat_manquante'
  | 'duree_contrat_minimale'
  | 'duree_hebdomadaire_invalide'
  | 'tuteur_manquant'
  | 'embauche_avant_fin_formation'
  | 'afest_analyse_activite'
  | 'afest_tuteur'
  | 'afest_phases_reflexives'
  | 'afest_evaluations'
  | 'manquement_anterieur';

export type EligibilityWarning = 'manquement_anterieur' | 'derogation_appliquee';

export interface RegleEchouee {
  rule: EligibilityRule;
  message: string;
  /** Index of the post in `postes`, for per-post rules. */
  poste?: number;
}

export interface Avertissement {
  rule: EligibilityWarning;
  message: string;
}

export interface EligibilityResult {
  eligible: boolean;
  failed: RegleEchouee[];
  warnings: Avertissement[];
  /** Null when the dates are inconsistent. */
  durationMonths: number | null;
  maxMonths: number;
  /** Parameters used that are assumptions (shown beside the decision). */
  unverifiedParameters: ParameterKey[];
}

/** French legal weekly maximum (L3121-20). */
const MAX_WEEKLY_HOURS = 48;

const named = (s: string | null): boolean => s !== null && s.trim() !== '';

function assertInput(order: CommandeSurMesure): void {
  for (const [field, date] of [['orderDate', order.orderDate], ['trainingStart', order.trainingStart], ['trainingEnd', order.trainingEnd]]) {
    assertIsoDate(date, field);
  }
  for (const [field, n] of [['hoursInCentre', order.hoursInCentre], ['hoursInCompany', order.hoursInCompany]] as const) {
    if (!Number.isFinite(n) || n < 0) throw new SurMesureInputError(`${field} must be a number >= 0: ${n}`);
  }
  order.postes.forEach((p, i) => assertIsoDate(p.contrat.plannedHiringDate, `postes[${i}].plannedHiringDate`));
}

function maxMonthsFor(order: CommandeSurMesure, p: SurMesureParameters): number {
  const highLevel = order.certificationLevel !== null && order.certificationLevel >= 7;
  return Math.max(
    p.max_training_months,
    highLevel ? p.max_training_months_level_7_8 : 0,
    order.derogation ? p.max_training_months_derogation : 0,
  );
}

function trainingRules(order: CommandeSurMesure, p: SurMesureParameters, months: number | null, maxMonths: number): RegleEchouee[] {
  const failed: RegleEchouee[] = [];
  if (order.hoursInCentre < p.min_hours_in_centre) {
    failed.push({ rule: 'heures_centre_minimum', message: `La formation doit comporter au moins ${p.min_hours_in_centre} heures en centre de formation (prévu : ${order.hoursInCentre} heures).` });
  }
  if (months === null) {
    failed.push({ rule: 'dates_incoherentes', message: 'La date de fin de la formation est antérieure à sa date de début.' });
  } else if (months > maxMonths) {
    failed.push({ rule: 'duree_formation_maximale', message: `La formation dure ${months} mois ; le maximum applicable à cette commande est de ${maxMonths} mois.` });
  }
  return failed;
}

function contractRules(c: ContratPropose, p: SurMesureParameters): Omit<RegleEchouee, 'poste'>[] {
  const failed: Omit<RegleEchouee, 'poste'>[] = [];
  if (!p.allowed_contract_kinds.includes(c.kind)) {
    failed.push(isContratAide(c.kind)
      ? { rule: 'contrat_aide_exclu', message: `Les contrats aidés par l'État sont exclus (${CONTRACT_LABELS[c.kind]}).` }
      : { rule: 'type_contrat_non_admis', message: `Type de contrat non admis : ${CONTRACT_LABELS[c.kind]} (admis : ${p.allowed_contract_kinds.map((k) => CONTRACT_LABELS[k]).join(', ')}).` });
  }
  // A CDD or an assignment always has a term; CDI, apprenticeship and professionalisation may be open-ended.
  if (c.durationMonths === null && (c.kind === 'cdd' || c.kind === 'interim')) {
    failed.push({ rule: 'duree_contrat_manquante', message: `La durée du contrat (${CONTRACT_LABELS[c.kind]}) doit être indiquée.` });
  }
  if (c.durationMonths !== null && c.durationMonths < p.min_contract_months) {
    failed.push({ rule: 'duree_contrat_minimale', message: `Le contrat proposé doit durer au moins ${p.min_contract_months} mois (proposé : ${c.durationMonths} mois).` });
  }
  if (!(c.weeklyHours > 0 && c.weeklyHours <= MAX_WEEKLY_HOURS)) {
    failed.push({ rule: 'duree_hebdomadaire_invalide', message: `La durée hebdomadaire du contrat doit être supérieure à 0 et d'au plus ${MAX_WEEKLY_HOURS} heures (indiqué : ${c.weeklyHours}).` });
  }
  if (!named(c.tuteur)) failed.push({ rule: 'tuteur_manquant', message: "L'entreprise doit désigner un tuteur pour ce poste." });
  return failed;
}

function posteRules(order: CommandeSurMesure, p: SurMesureParameters): RegleEchouee[] {
  if (order.postes.length === 0) return [{ rule: 'aucun_poste', message: 'Le besoin doit comporter au moins un poste.' }];
  return order.postes.flatMap((poste, i) => {
    const failed = contractRules(poste.contrat, p);
    if (!(Number.isInteger(poste.count) && poste.count >= 1)) {
      failed.push({ rule: 'nombre_postes_invalide', message: `Le nombre de postes doit être un entier d'au moins 1 (indiqué : ${poste.count}).` });
    }
    const rome = checkRome(poste.romeCode);
    if (!rome.ok) failed.push({ rule: 'code_rome_invalide', message: rome.error });
    // The trainee is a job seeker until the end of training: the contract starts afterwards.
    if (poste.contrat.plannedHiringDate <= order.trainingEnd) {
      failed.push({ rule: 'embauche_avant_fin_formation', message: "La date d'embauche prévue doit être postérieure à la fin de la formation." });
    }
    return failed.map((f) => ({ ...f, poste: i }));
  });
}

function afestRules(afest: AfestDesign | null): RegleEchouee[] {
  if (!afest) return [];
  const failed: RegleEchouee[] = [];
  const fail = (rule: EligibilityRule, what: string): void => {
    failed.push({ rule, message: `AFEST (article D6313-3-2 du code du travail) : ${what}.` });
  };
  if (!afest.analyseActivite) fail('afest_analyse_activite', "l'analyse de l'activité de travail doit être réalisée");
  if (!named(afest.tuteur)) fail('afest_tuteur', 'un tuteur doit être désigné avant le début de la formation');
  if (!afest.phasesReflexives) fail('afest_phases_reflexives', 'des phases réflexives, distinctes des mises en situation de travail, doivent être prévues');
  if (!afest.evaluations) fail('afest_evaluations', 'des évaluations spécifiques des acquis doivent être prévues');
  return failed;
}

/** Breaches recorded within the lookback window before the order date, per the breach policy. */
function breachChecks(order: CommandeSurMesure, p: SurMesureParameters): { failed: RegleEchouee[]; warnings: Avertissement[] } {
  const recent = order.manquements.filter((m) => anniversary(m.date, p.breach_lookback_months) > order.orderDate && m.date <= order.orderDate);
  if (p.breach_policy === 'none' || recent.length === 0) return { failed: [], warnings: [] };
  const list = recent.map((m) => `${m.reference} (${m.date})`).join(', ');
  const message = `L'entreprise n'a pas respecté un engagement d'embauche antérieur : ${list}.`;
  return p.breach_policy === 'refuse_next_need'
    ? { failed: [{ rule: 'manquement_anterieur', message }], warnings: [] }
    : { failed: [], warnings: [{ rule: 'manquement_anterieur', message }] };
}

function derogationWarning(order: CommandeSurMesure, months: number | null, p: SurMesureParameters, maxMonths: number): Avertissement[] {
  const withoutDerogation = maxMonthsFor({ ...order, derogation: null }, p);
  if (!order.derogation || months === null || months <= withoutDerogation || months > maxMonths) return [];
  return [{ rule: 'derogation_appliquee', message: `Durée de ${months} mois admise au titre de la dérogation ${order.derogation.reference}.` }];
}

/** The parameters this check reads: only their unverified rows are reported beside the decision. */
const USED: readonly ParameterKey[] = [
  'min_hours_in_centre', 'max_training_months', 'max_training_months_level_7_8', 'max_training_months_derogation',
  'min_contract_months', 'allowed_contract_kinds', 'breach_policy', 'breach_lookback_months',
];

export function checkEligibility(order: CommandeSurMesure, rows: readonly AnyParameterRow[]): EligibilityResult {
  assertInput(order);
  const { values: p, unverified } = parametersInForce(rows, order.orderDate);
  const maxMonths = maxMonthsFor(order, p);
  const durationMonths = order.trainingEnd < order.trainingStart ? null : durationInMonths(order.trainingStart, order.trainingEnd);
  const breaches = breachChecks(order, p);
  const failed = [...trainingRules(order, p, durationMonths, maxMonths), ...posteRules(order, p), ...afestRules(order.afest), ...breaches.failed];
  const warnings = [...breaches.warnings, ...derogationWarning(order, durationMonths, p, maxMonths)];
  return {
    eligible: failed.length === 0, failed, warnings, durationMonths, maxMonths,
    unverifiedParameters: unverified.filter((k) => USED.includes(k)),
  };
}

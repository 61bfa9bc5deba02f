/**
 * The funding decision of a sur-mesure order, validated at several levels, as a pure state machine:
 *
 *   proposition (instructeur) → validation_service (chef de service)
 *     → validation_commission (only when the amount > threshold: records the commission's vote)
 *     → engage (finances record the commitment) → closed.
 *
 * Any level after the proposition can send the file back (`renvoyer`, with a reason) to the level before,
 * addressed to that level's last author. The head of service can refuse (`rejeter`); the commission can
 * vote against. Every step records its actor, role and date. `applyVisa` returns the new state or a
 * typed refusal: it never throws on a business mistake, so a workflow can answer an update with it.
 */
import type { Cents } from '../remuneration/parameters';
import { formatEuros } from '../remuneration/money';
import type { IsoDate } from './dates';
import type { Result } from './errors';

export type VisaLevel = 'proposition' | 'validation_service' | 'validation_commission' | 'engage';
export type VisaRole = 'instructeur' | 'chef_service' | 'secretariat_commission' | 'finances';

/** Who may act at each level. Separation of duties: the proposer never validates (checked by actor id too). */
export const VISA_ROLES: Readonly<Record<VisaLevel, readonly VisaRole[]>> = {
  proposition: ['instructeur'],
  validation_service: ['chef_service'],
  validation_commission: ['secretariat_commission'],
  engage: ['finances'],
};

const ROLE_REFUSALS: Readonly<Record<VisaLevel, string>> = {
  proposition: "seul l'instructeur peut proposer le financement",
  validation_service: 'seul le chef de service peut valider à ce niveau',
  validation_commission: 'seul le secrétariat de la commission peut enregistrer son vote',
  engage: "seul le service financier peut enregistrer l'engagement",
};

const LEVEL_LABELS: Readonly<Record<VisaLevel, string>> = {
  proposition: 'proposition',
  validation_service: 'validation du chef de service',
  validation_commission: 'vote de la commission',
  engage: 'engagement',
};

export interface Acteur {
  id: string;
  role: VisaRole;
}

interface ActionBase {
  by: Acteur;
  date: IsoDate;
}

export type VisaAction =
  | (ActionBase & { kind: 'proposer'; amountCents: Cents })
  | (ActionBase & { kind: 'valider' })
  | (ActionBase & { kind: 'voter'; vote: 'favorable' | 'defavorable'; commission: { date: IsoDate; reference: string } })
  | (ActionBase & { kind: 'engager'; engagementReference: string })
  | (ActionBase & { kind: 'renvoyer'; reason: string })
  | (ActionBase & { kind: 'rejeter'; reason: string });

/** One line of the audit trail: the action as taken, at which level, and to whom a send-back went. */
export type VisaStep = VisaAction & { level: VisaLevel; addressedTo?: string };

export interface VisaState {
  /** The level whose action is awaited; null once closed. */
  awaiting: VisaLevel | null;
  outcome: 'engage' | 'rejete' | null;
  /** Amount of the current proposition. */
  amountCents: Cents | null;
  /** Threshold in force on the order's date, fixed when the file is opened. */
  commissionThresholdCents: Cents;
  steps: VisaStep[];
}

export type VisaErrorCode =
  | 'visa_clos'
  | 'niveau_incorrect'
  | 'commission_requise'
  | 'role_non_autorise'
  | 'meme_auteur'
  | 'date_anterieure'
  | 'montant_invalide'
  | 'motif_requis'
  | 'commission_incomplete'
  | 'reference_requise';

export interface VisaError {
  code: VisaErrorCode;
  message: string;
}

export const startVisa = (commissionThresholdCents: Cents): VisaState =>
  ({ awaiting: 'proposition', outcome: null, amountCents: null, commissionThresholdCents, steps: [] });

/** Strictly above the threshold: an amount equal to it stays with the head of service. */
export const requiresCommission = (amountCents: Cents, thresholdCents: Cents): boolean => amountCents > thresholdCents;

/** Every level a decision of this amount goes through, in order. */
export function requiredLevels(amountCents: Cents, thresholdCents: Cents): VisaLevel[] {
  return requiresCommission(amountCents, thresholdCents)
    ? ['proposition', 'validation_service', 'validation_commission', 'engage']
    : ['proposition', 'validation_service', 'engage'];
}

export const nextRequiredLevel = (state: VisaState): VisaLevel | null => state.awaiting;

/** The level a file goes back to, or forward to, given the amount on the table. */
function neighbour(state: VisaState, level: VisaLevel, offset: 1 | -1): VisaLevel | null {
  const levels = requiredLevels(state.amountCents ?? 0, state.commissionThresholdCents);
  return levels[levels.indexOf(level) + offset] ?? null;
}

const ACTION_LEVELS: Readonly<Record<VisaAction['kind'], readonly VisaLevel[]>> = {
  proposer: ['proposition'],
  valider: ['validation_service'],
  voter: ['validation_commission'],
  engager: ['engage'],
  renvoyer: ['validation_service', 'validation_commission', 'engage'],
  rejeter: ['validation_service'],
};

const lastAuthorAt = (state: VisaState, level: VisaLevel): string | undefined =>
  [...state.steps].reverse().find((s) => s.level === level && s.kind !== 'renvoyer')?.by.id;

/** Checks that do not depend on the kind of action: open file, right level, right role, dates in order. */
function checkCommon(state: VisaState, action: VisaAction): VisaError | null {
  const level = state.awaiting;
  if (level === null) return { code: 'visa_clos', message: `le visa est clos (${state.outcome === 'engage' ? 'engagé' : 'rejeté'})` };
  if (!ACTION_LEVELS[action.kind].includes(level)) {
    if (action.kind === 'engager' && level === 'validation_commission') {
      return { code: 'commission_requise', message: `la commission doit voter : montant supérieur à ${formatEuros(state.commissionThresholdCents)}` };
    }
    return { code: 'niveau_incorrect', message: `action « ${action.kind} » impossible : le visa attend l'étape « ${LEVEL_LABELS[level]} »` };
  }
  if (!VISA_ROLES[level].includes(action.by.role)) return { code: 'role_non_autorise', message: ROLE_REFUSALS[level] };
  const last = state.steps[state.steps.length - 1];
  if (last && action.date < last.date) return { code: 'date_anterieure', message: `la date ${action.date} précède celle de l'étape précédente (${last.date})` };
  return null;
}

/** Checks of the action's own content. */
function checkContent(state: VisaState, action: VisaAction): VisaError | null {
  switch (action.kind) {
    case 'proposer':
      return Number.isInteger(action.amountCents) && action.amountCents > 0
        ? null : { code: 'montant_invalide', message: 'le montant proposé doit être un nombre entier de centimes supérieur à 0' };
    case 'valider':
      return action.by.id === lastAuthorAt(state, 'proposition')
        ? { code: 'meme_auteur', message: "l'auteur de la proposition ne peut pas la valider" } : null;
    case 'voter':
      if (action.commission.reference.trim() === '') return { code: 'commission_incomplete', message: 'la référence de la délibération de la commission est obligatoire' };
      return action.commission.date > action.date
        ? { code: 'commission_incomplete', message: 'la date de la commission ne peut pas être postérieure à son enregistrement' } : null;
    case 'engager':
      return action.engagementReference.trim() === '' ? { code: 'reference_requise', message: "la référence de l'engagement est obligatoire" } : null;
    case 'renvoyer':
    case 'rejeter':
      return action.reason.trim() === '' ? { code: 'motif_requis', message: 'le motif est obligatoire' } : null;
  }
}

function transition(state: VisaState, action: VisaAction, level: VisaLevel): VisaState {
  const steps = [...state.steps, { ...action, level }];
  switch (action.kind) {
    case 'proposer': {
      const next = { ...state, amountCents: action.amountCents };
      return { ...next, awaiting: neighbour(next, level, 1), steps };
    }
    case 'renvoyer': {
      const back = neighbour(state, level, -1) as VisaLevel; // renvoyer is never allowed at the first level
      return { ...state, awaiting: back, steps: [...state.steps, { ...action, level, addressedTo: lastAuthorAt(state, back) }] };
    }
    case 'rejeter':
      return { ...state, awaiting: null, outcome: 'rejete', steps };
    case 'voter':
      return action.vote === 'defavorable' ? { ...state, awaiting: null, outcome: 'rejete', steps } : { ...state, awaiting: neighbour(state, level, 1), steps };
    case 'engager':
      return { ...state, awaiting: null, outcome: 'engage', steps };
    case 'valider':
      return { ...state, awaiting: neighbour(state, level, 1), steps };
  }
}

export function applyVisa(state: VisaState, action: VisaAction): Result<VisaState, VisaError> {
  const error = checkCommon(state, action) ?? checkContent(state, action);
  if (error) return { ok: false, error };
  return { ok: true, value: transition(state, action, state.awaiting as VisaLevel) };
}

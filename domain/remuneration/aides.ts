/**
 * Aids beside the pay (equipment, mobility), granted by a caseworker: kind + quantity + date.
 *
 * - amount = unit amount of the row in force on the grant date × quantity, in whole cents (no rounding:
 *   a whole number of nights, meals or months);
 * - par_parcours aids (once per course) take quantity 1 and are refused the second time;
 * - every grant has a sequence number per (case, aid kind), 1, 2, 3…: it is what makes each grant's
 *   payment reference unique (domain/paiements/reference.ts, aidReference), so two grants of the same kind in the
 *   same month are two payments, never one payment found twice. Numbers are never reused: the next one is
 *   the highest so far + 1, gaps included (a cancelled grant keeps its number).
 */
import { assertIsoDate } from '../dates';
import { AidGrantError, RemunerationInputError } from './errors';
import { formatEuros } from './money';
import { aidInForce, type AidKind, type AidUnit, type Cents, type IsoDate, type RemunerationParameters } from './parameters';

export interface AidGrantRequest {
  kind: AidKind;
  /** Nights, meals or months; 1 for a par_parcours aid. */
  quantity: number;
  /** Date of the grant: it chooses the amount row and the payment's period. */
  date: IsoDate;
}

/** What the rules need to know of the case's earlier grants. */
export interface PreviousAidGrant {
  kind: AidKind;
  grantSeq: number;
}

export interface AidGrant {
  kind: AidKind;
  unit: AidUnit;
  quantity: number;
  unitAmountCents: Cents;
  amountCents: Cents;
  date: IsoDate;
  /** YYYY-MM of the date: the payment's period. */
  period: string;
  grantSeq: number;
  /** The aid row used, with its provenance (the example rows are unverified). */
  rowEffectiveFrom: IsoDate;
  rowVerified: boolean;
  /** Plain French, for the trainee's mail. */
  lineFr: string;
}

/** The aids' names for people (mails, refusals). */
export const AID_LABELS: Readonly<Record<AidKind, string>> = {
  equipement: 'Aide à l’équipement',
  mobilite_transport: 'Aide au transport',
  mobilite_hebergement: 'Aide à l’hébergement',
  mobilite_restauration: 'Aide aux repas',
};
const UNIT_WORDS: Record<Exclude<AidUnit, 'par_parcours'>, [string, string]> = {
  par_mois: ['mois', 'mois'],
  par_nuit: ['nuit', 'nuits'],
  par_repas: ['repas', 'repas'],
};

/** The next sequence number of this kind for the case. */
export function nextGrantSeq(kind: AidKind, previous: readonly PreviousAidGrant[]): number {
  return Math.max(0, ...previous.filter((g) => g.kind === kind).map((g) => g.grantSeq)) + 1;
}

function checkQuantity(unit: AidUnit, quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new AidGrantError('quantite_invalide', `La quantité doit être un nombre entier supérieur ou égal à 1 (reçu : ${quantity}).`);
  }
  if (unit === 'par_parcours' && quantity !== 1) {
    throw new AidGrantError('quantite_invalide', 'Une aide versée une fois par parcours se demande avec la quantité 1.');
  }
}

/** The refusal of a second "once per course" aid, in French (also said by the workflow's validator). */
export const oncePerCourseRefusal = (kind: AidKind): string =>
  `${AID_LABELS[kind]} est versée une seule fois par parcours : elle a déjà été accordée.`;

function checkOncePerCourse(kind: AidKind, unit: AidUnit, previous: readonly PreviousAidGrant[]): void {
  if (unit === 'par_parcours' && previous.some((g) => g.kind === kind)) {
    throw new AidGrantError('deja_accordee', oncePerCourseRefusal(kind));
  }
}

function lineFr(kind: AidKind, unit: AidUnit, quantity: number, unitCents: Cents, amountCents: Cents): string {
  if (unit === 'par_parcours') return `${AID_LABELS[kind]} : ${formatEuros(amountCents)}.`;
  const [one, many] = UNIT_WORDS[unit];
  return `${AID_LABELS[kind]} : ${quantity} ${quantity > 1 ? many : one} × ${formatEuros(unitCents)} = ${formatEuros(amountCents)}.`;
}

/** Decide one grant. Throws AidGrantError (quantity, once per course) or RemunerationInputError (no row). */
export function grantAid(request: AidGrantRequest, previous: readonly PreviousAidGrant[], params: RemunerationParameters): AidGrant {
  assertIsoDate(request.date);
  const row = aidInForce(params, request.kind, request.date);
  checkQuantity(row.unit, request.quantity);
  checkOncePerCourse(request.kind, row.unit, previous);
  if (!Number.isSafeInteger(row.amountCents) || row.amountCents <= 0) throw new RemunerationInputError(`bad aid amount row for ${request.kind}`);
  const amountCents = row.amountCents * request.quantity;
  if (!Number.isSafeInteger(amountCents)) throw new AidGrantError('montant_hors_limite', 'Le montant de l’aide est trop élevé.');
  return {
    kind: request.kind, unit: row.unit, quantity: request.quantity, unitAmountCents: row.amountCents, amountCents,
    date: request.date, period: request.date.slice(0, 7), grantSeq: nextGrantSeq(request.kind, previous),
    rowEffectiveFrom: row.effectiveFrom, rowVerified: row.verified === true,
    lineFr: lineFr(request.kind, row.unit, request.quantity, row.amountCents, amountCents),
  };
}

/**
 * The life of an overpayment (indu): a pure state machine, each movement recorded with its amount, method,
 * date and actor.
 *
 *   a_recouvrer ──recovery──▶ recouvre_partiellement ──recovery──▶ recouvre
 *        │                          │
 *        └────────remise────────────┴──────────────────────────▶ remis
 *
 * - Recovery by retenue (deducted from the next payments) or by ordre de reversement (the trainee repays
 *   after a repayment order); each movement is money actually recovered, at most what remains.
 * - Remise (remission): a caseworker's decision, with a reason, for all that remains or part of it. A
 *   partial remise leaves the indu partly settled; one that brings the rest to 0 closes it as `remis`.
 * - Status is derived from the movements, never stored apart from them: remaining = amount − movements;
 *   nothing moved: a_recouvrer; 0 left: remis if any remise, else recouvre; otherwise recouvre_partiellement.
 *
 * RETENUE LIMIT [UNSURE]: no text found on how much of a trainee's pay may be withheld. Default: 100 % of
 * each payment (recover as fast as the payments allow), as a parameter flagged unverified. Order in a month:
 * the avance is recovered first (avance.ts: it is this pay, paid early), then the indus, oldest first.
 */
import { assertIsoDate } from '../dates';
import { OverpaymentError } from './errors';
import type { Cents, IsoDate } from './parameters';

export type OverpaymentStatus = 'a_recouvrer' | 'recouvre_partiellement' | 'recouvre' | 'remis';
export type RecoveryPlan = 'retenue' | 'ordre_de_reversement';
export type MovementMethod = RecoveryPlan | 'remise';

export interface OverpaymentMovement {
  amountCents: Cents;
  method: MovementMethod;
  date: IsoDate;
  /** 'role:id' as in the audit log ('system' for an automatic retenue). */
  actor: string;
  /** Required for a remise: the reason of the decision. */
  motif?: string;
}

export interface Overpayment {
  /** YYYY-MM and number in the month (corrections.ts): the key of its reference. */
  period: string;
  seq: number;
  amountCents: Cents;
  reason: string;
  /** How it is to be recovered; retenues are planned only for 'retenue'. */
  plan: RecoveryPlan;
  movements: readonly OverpaymentMovement[];
  status: OverpaymentStatus;
}

export interface RetenuePolicy {
  /** Share of each payment that may be withheld, whole percent 1–100. */
  maxSharePercent: number;
  source: string;
  verified: boolean;
}

export const DEFAULT_RETENUE_POLICY: RetenuePolicy = {
  maxSharePercent: 100,
  source: 'hypothèse : aucune règle trouvée sur la part retenue de la rémunération des stagiaires',
  verified: false,
};

const fail = (code: ConstructorParameters<typeof OverpaymentError>[0], message: string): never => {
  throw new OverpaymentError(code, message);
};

export function remainingCents(o: Pick<Overpayment, 'amountCents' | 'movements'>): Cents {
  return o.movements.reduce((left, m) => left - m.amountCents, o.amountCents);
}

function statusOf(o: Pick<Overpayment, 'amountCents' | 'movements'>): OverpaymentStatus {
  const left = remainingCents(o);
  if (left === o.amountCents) return 'a_recouvrer';
  if (left > 0) return 'recouvre_partiellement';
  return o.movements.some((m) => m.method === 'remise') ? 'remis' : 'recouvre';
}

/** Retenue while payments are still ahead; a repayment order once none is (after the exit). */
export const defaultRecoveryPlan = (paymentsAhead: boolean): RecoveryPlan => (paymentsAhead ? 'retenue' : 'ordre_de_reversement');

export function openOverpayment(input: { period: string; seq: number; amountCents: Cents; reason: string; plan: RecoveryPlan }): Overpayment {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) fail('montant_invalide', 'Le montant d’un indu est un nombre entier de centimes supérieur à 0.');
  if (!Number.isSafeInteger(input.seq) || input.seq < 1) fail('montant_invalide', 'Le numéro d’un indu commence à 1.');
  return { ...input, movements: [], status: 'a_recouvrer' };
}

const isClosed = (o: Overpayment): boolean => o.status === 'recouvre' || o.status === 'remis';

function checkMovement(o: Overpayment, m: OverpaymentMovement): void {
  if (isClosed(o)) fail('indu_clos', `Cet indu est déjà soldé (${o.status}).`);
  if (!Number.isSafeInteger(m.amountCents) || m.amountCents <= 0) fail('montant_invalide', 'Le montant doit être un nombre entier de centimes supérieur à 0.');
  if (m.amountCents > remainingCents(o)) fail('depasse_le_reste', 'Le montant dépasse ce qui reste à recouvrer.');
  assertIsoDate(m.date);
  const last = o.movements.at(-1);
  if (last && m.date < last.date) fail('date_invalide', 'Un mouvement ne peut pas être antérieur au précédent.');
  if (!m.actor.trim()) fail('acteur_non_autorise', 'Chaque mouvement doit indiquer qui l’a fait.');
}

function withMovement(o: Overpayment, m: OverpaymentMovement): Overpayment {
  checkMovement(o, m);
  const movements = [...o.movements, m];
  return { ...o, movements, status: statusOf({ amountCents: o.amountCents, movements }) };
}

/** Money recovered, by retenue or after a repayment order. */
export function recordRecovery(o: Overpayment, m: Omit<OverpaymentMovement, 'method' | 'motif'> & { method: RecoveryPlan }): Overpayment {
  return withMovement(o, { amountCents: m.amountCents, method: m.method, date: m.date, actor: m.actor });
}

/** Remission by a caseworker's decision: all that remains unless an amount is given. */
export function remitOverpayment(o: Overpayment, d: { date: IsoDate; actor: string; motif: string; amountCents?: Cents }): Overpayment {
  if (!d.actor.startsWith('caseworker:')) fail('acteur_non_autorise', 'Une remise est décidée par un agent instructeur.');
  if (!d.motif.trim()) fail('motif_manquant', 'Une remise doit être motivée.');
  return withMovement(o, { amountCents: d.amountCents ?? remainingCents(o), method: 'remise', date: d.date, actor: d.actor, motif: d.motif.trim() });
}

/** Switch between retenue and repayment order (e.g. the trainee left: no payment ahead). */
export function changeRecoveryPlan(o: Overpayment, plan: RecoveryPlan): Overpayment {
  if (isClosed(o)) fail('indu_clos', `Cet indu est déjà soldé (${o.status}).`);
  return { ...o, plan };
}

export interface PlannedRetenue { period: string; seq: number; amountCents: Cents }

/**
 * What to withhold from one payment (after the avance's recovery) for the open indus on retenue, oldest
 * first, within the policy's share. Apply each with recordRecovery(…, { method: 'retenue' }).
 */
export function planRetenues(paymentCents: Cents, overpayments: readonly Overpayment[], policy: RetenuePolicy = DEFAULT_RETENUE_POLICY) {
  if (!Number.isSafeInteger(paymentCents) || paymentCents < 0) fail('montant_invalide', 'Le paiement doit être un nombre entier de centimes.');
  const share = policy.maxSharePercent;
  if (!Number.isSafeInteger(share) || share < 1 || share > 100) fail('montant_invalide', 'La part retenue est un pourcentage entier de 1 à 100.');
  let room = Math.floor((paymentCents * share) / 100);
  const capCents = room;
  const retenues: PlannedRetenue[] = [];
  const open = overpayments.filter((o) => o.plan === 'retenue' && !isClosed(o))
    .sort((a, b) => (a.period === b.period ? a.seq - b.seq : a.period < b.period ? -1 : 1));
  for (const o of open) {
    const amountCents = Math.min(room, remainingCents(o));
    if (amountCents === 0) break;
    retenues.push({ period: o.period, seq: o.seq, amountCents });
    room -= amountCents;
  }
  return { retenues, capCents, paidCents: paymentCents - (capCents - room) };
}

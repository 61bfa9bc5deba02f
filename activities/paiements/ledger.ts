/**
 * The payment ledger: every payment and overpayment (indu) the processes decide, written once.
 *
 * Activities run at least once (ENGINEERING.md, pitfall 9): a worker may crash after the insert and before
 * reporting, and the activity then runs again. Each write here is keyed by the payment reference, a function
 * of (case, period, kind) and, for payments that repeat, of their number (domain/paiements/reference.ts),
 * enforced by the primary key and a unique index: `insert ... on conflict do nothing`, then read the row back. A second run with the same amount
 * finds the first row and reports `alreadyIssued`; a second run with a DIFFERENT amount is refused with the
 * non-retryable failure `LedgerConflict` (a retry cannot fix it): never a second, different payment for
 * the same month.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { PaymentRuleError } from '../../domain/paiements/errors';
import { isCents } from '../../domain/paiements/montant';
import { overpaymentReference, paymentReference, referenceDiscriminators, type PaymentKind } from '../../domain/paiements/reference';
import type { RecoveryMethod } from '../../db/entities/payment';
import type { ActivityDeps } from '../deps';
import { businessFailure } from '../../domain/case/failures';

export type PayableKind = Exclude<PaymentKind, 'INDU'>;

export interface IssuePaymentInput {
  caseId: string;
  /** YYYY-MM */
  period: string;
  kind: PayableKind;
  /** Integer cents, >= 0 (0: the month is settled with nothing to transfer). */
  amountCents: number;
  /** The computation shown to the trainee (JSON). */
  breakdown: Record<string, unknown>;
  /** Aid grants: the aid kind. */
  aidKind?: string | null;
  /** Repeated payments: the grant or complement number (part of the reference); absent for single payments. */
  seq?: number | null;
  /** The workflow's key of the decision behind the payment. */
  decisionKey?: string | null;
}

export interface IssuedPayment {
  reference: string;
  amountCents: number;
  /** true when the row was already there (a retry, a replay): nothing new was issued. */
  alreadyIssued: boolean;
}

export interface RecordOverpaymentInput {
  caseId: string;
  period: string;
  /** Integer cents, > 0. */
  amountCents: number;
  reason: string;
  /** How it is recovered; default: a repayment order (ordre de reversement). */
  recovery?: RecoveryMethod;
  /** Number in the month (default 1: the reference every month's first indu has). */
  seq?: number;
  decisionKey?: string | null;
}

export interface RecordedOverpayment {
  reference: string;
  amountCents: number;
  alreadyRecorded: boolean;
}

export interface PaidPeriod {
  period: string;
  kind: PayableKind;
  amountCents: number;
  reference: string;
}

const RECOVERY_METHODS: readonly RecoveryMethod[] = ['retenue', 'ordre_de_reversement'];
const FOREIGN_KEY_VIOLATION = '23503';

/** A reference, or a non-retryable failure for inputs no retry can fix. */
function referenceOf(make: () => string): string {
  try {
    return make();
  } catch (err) {
    if (err instanceof PaymentRuleError) throw businessFailure('InvalidPayInput', err.message);
    throw err;
  }
}

function checkAmount(amountCents: number, min: 0 | 1, reference: string): void {
  if (typeof amountCents !== 'number' || !isCents(amountCents) || amountCents < min) {
    throw businessFailure('InvalidPayInput', `${reference} : le montant doit être un nombre entier de centimes ${min === 0 ? '>= 0' : '> 0'}`);
  }
}

/** An unknown case is a caller's mistake, not a transient failure. */
async function orNotFound<T>(caseId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw businessFailure('NotFound', `dossier ${caseId} introuvable`);
    throw err;
  }
}

/** Issues the payment once, with `em` (a transaction's, or a fresh one); see the file comment for retries and conflicts. */
export async function writePayment(em: EntityManager, input: IssuePaymentInput): Promise<IssuedPayment> {
  if (input.kind === ('INDU' as PaymentKind)) throw businessFailure('InvalidPayInput', 'un indu est enregistré par recordOverpayment');
  const reference = referenceOf(() => paymentReference(input.caseId, input.period, input.kind, referenceDiscriminators(input)));
  checkAmount(input.amountCents, 0, reference);
  const inserted = await orNotFound(input.caseId, () => em.execute(
    `insert into payment (reference, dossier_id, period, kind, amount_cents, breakdown, aid_kind, seq, decision_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict do nothing returning reference`,
    [reference, input.caseId.toLowerCase(), input.period, input.kind, input.amountCents, JSON.stringify(input.breakdown ?? {}),
      input.aidKind ?? null, input.seq ?? null, input.decisionKey ?? null]));
  const [row] = await em.execute(`select amount_cents from payment where reference = ?`, [reference]);
  if (!row) {
    // Only a row with another reference for the same (case, period, kind, number) could have refused the
    // insert: the reference scheme changed under live data. Stop rather than guess.
    throw businessFailure('LedgerConflict', `${reference} : un autre paiement occupe déjà ce dossier, cette période et cette nature`);
  }
  const existing = Number(row.amount_cents);
  if (existing !== input.amountCents) {
    throw businessFailure('LedgerConflict',
      `${reference} : déjà émis pour ${existing} centimes, refusé pour ${input.amountCents} centimes (jamais deux montants pour un même paiement)`);
  }
  return { reference, amountCents: existing, alreadyIssued: inserted.length === 0 };
}

/**
 * Records the overpayment (indu) of (case, period, number) once, with its plan entry (how it is to be
 * recovered) in the same statement batch: a retry finds the row and adds no second entry. `tx` must be a
 * transaction's EntityManager. Same conflict rule as writePayment.
 */
export async function writeOverpayment(tx: EntityManager, input: RecordOverpaymentInput): Promise<RecordedOverpayment> {
  const seq = input.seq ?? 1;
  const reference = referenceOf(() => overpaymentReference({ caseId: input.caseId, period: input.period, seq }));
  checkAmount(input.amountCents, 1, reference);
  const method = input.recovery ?? 'ordre_de_reversement';
  if (!RECOVERY_METHODS.includes(method)) throw businessFailure('InvalidPayInput', `${reference} : mode de recouvrement inconnu`);
  const reason = String(input.reason ?? '').trim().slice(0, 500);
  if (!reason) throw businessFailure('InvalidPayInput', `${reference} : le motif de l'indu est requis`);
  const inserted = await orNotFound(input.caseId, () => tx.execute(
    `insert into overpayment (reference, dossier_id, period, seq, amount_cents, reason, plan, decision_key) values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict do nothing returning reference`,
    [reference, input.caseId.toLowerCase(), input.period, seq, input.amountCents, reason, method, input.decisionKey ?? null]));
  if (inserted.length > 0) {
    await tx.execute(`insert into overpayment_recovery (overpayment_reference, entry_type, amount_cents, method) values (?, 'plan', ?, ?)`,
      [reference, input.amountCents, method]);
    return { reference, amountCents: input.amountCents, alreadyRecorded: false };
  }
  const [row] = await tx.execute(`select amount_cents from overpayment where reference = ?`, [reference]);
  const existing = Number(row?.amount_cents);
  if (existing !== input.amountCents) {
    throw businessFailure('LedgerConflict',
      `${reference} : indu déjà enregistré pour ${row ? existing : '?'} centimes, refusé pour ${input.amountCents} centimes`);
  }
  return { reference, amountCents: existing, alreadyRecorded: true };
}

export function paymentActivities({ orm }: ActivityDeps) {
  const em = (): EntityManager => orm.em.fork() as EntityManager;

  return {
    /** Issues the payment of (case, period, kind[, aid kind, number]) once. */
    issuePayment: (input: IssuePaymentInput): Promise<IssuedPayment> => writePayment(em(), input),

    /** Records the overpayment (indu) of (case, period[, number]) once, with its plan entry. */
    recordOverpayment: (input: RecordOverpaymentInput): Promise<RecordedOverpayment> =>
      em().transactional((tx) => writeOverpayment(tx as EntityManager, input)),

    /** What the ledger holds for the case, by period then kind: one indexed read (the unique key's prefix). */
    async paidPeriods({ caseId }: { caseId: string }): Promise<PaidPeriod[]> {
      const rows = await em().execute(
        `select period, kind, amount_cents, reference from payment where dossier_id = ? order by period, kind, seq nulls first`, [caseId.toLowerCase()]);
      return rows.map((r) => ({ period: r.period, kind: r.kind, amountCents: Number(r.amount_cents), reference: r.reference }));
    },
  };
}

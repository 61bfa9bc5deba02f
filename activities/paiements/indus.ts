/**
 * The life of overpayments (indus) in the ledger: the pure state machine of domain/remuneration/indu.ts over
 * the rows of `overpayment` and its `overpayment_recovery` entries. Every function here runs inside the
 * caller's transaction, after lockCaseLedger (locks.ts): it reads what the previous change of the case wrote.
 *
 * - retenue: a monthly payment withholds from the open indus on that plan, oldest first (planRetenues);
 *   each movement names the payment, so a retried payment finds its movements (unique index);
 * - repayment after an ordre de reversement, recorded by finance;
 * - remise by a caseworker's decision, with its reason;
 * - at the exit, what is left on retenue moves to a repayment order (no payment ahead any more).
 */
import type { AnyEntity, EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  planRetenues, recordRecovery, remainingCents, remitOverpayment, type Overpayment, type OverpaymentMovement, type PlannedRetenue, type RecoveryPlan,
} from '../../domain/remuneration';

export interface LedgerOverpayment extends Overpayment {
  reference: string;
  createdAt: string;
}

type Row = EntityData<AnyEntity>;

const movementOf = (r: Row): OverpaymentMovement => ({
  amountCents: Number(r.amount_cents), method: r.method, date: r.date, actor: r.actor, ...(r.reason ? { motif: r.reason } : {}),
});

/** The case's indus with their movements (plan entries are not movements), oldest first. */
export async function loadOverpayments(tx: EntityManager, caseId: string): Promise<LedgerOverpayment[]> {
  const rows: Row[] = await tx.execute(
    `select reference, period, seq, amount_cents, reason, plan, status, to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
     from overpayment where dossier_id = ? order by period, seq`, [caseId.toLowerCase()]);
  const moves: Row[] = await tx.execute(
    `select r.overpayment_reference, r.amount_cents, r.method, to_char(r.date, 'YYYY-MM-DD') as date, r.actor, r.reason
     from overpayment_recovery r join overpayment o on o.reference = r.overpayment_reference
     where o.dossier_id = ? and r.entry_type = 'movement' order by r.id`, [caseId.toLowerCase()]);
  return rows.map((o) => ({
    reference: o.reference, period: o.period, seq: o.seq, amountCents: Number(o.amount_cents), reason: o.reason, plan: o.plan,
    status: o.status, createdAt: o.created_at, movements: moves.filter((m) => m.overpayment_reference === o.reference).map(movementOf),
  }));
}

export async function loadOverpayment(tx: EntityManager, caseId: string, reference: string): Promise<LedgerOverpayment | null> {
  return (await loadOverpayments(tx, caseId)).find((o) => o.reference === reference) ?? null;
}

/** Writes the movement the pure rules accepted, and the status they derived. */
async function writeMovement(tx: EntityManager, before: LedgerOverpayment, after: Overpayment, paymentReference: string | null): Promise<LedgerOverpayment> {
  const m = after.movements.at(-1)!;
  await tx.execute(
    `insert into overpayment_recovery (overpayment_reference, entry_type, amount_cents, method, date, actor, reason, payment_reference)
     values (?, 'movement', ?, ?, ?, ?, ?, ?)`,
    [before.reference, m.amountCents, m.method, m.date, m.actor, m.motif ?? null, paymentReference]);
  await tx.execute(`update overpayment set status = ? where reference = ?`, [after.status, before.reference]);
  return { ...before, movements: after.movements, status: after.status };
}

export interface Retenues {
  retenues: (PlannedRetenue & { reference: string })[];
  /** What is left to transfer. */
  paidCents: number;
}

/** What one payment withholds from the open indus on retenue (not written yet: the payment row comes first). */
export async function planPaymentRetenues(tx: EntityManager, caseId: string, paymentCents: number): Promise<Retenues> {
  const open = await loadOverpayments(tx, caseId);
  const plan = planRetenues(paymentCents, open);
  const referenceOf = (r: PlannedRetenue): string => open.find((o) => o.period === r.period && o.seq === r.seq)!.reference;
  return { retenues: plan.retenues.map((r) => ({ ...r, reference: referenceOf(r) })), paidCents: plan.paidCents };
}

/** Writes the planned retenues as movements taken from `paymentReference`. */
export async function recordRetenues(tx: EntityManager, caseId: string, planned: Retenues, paymentReference: string, date: string): Promise<void> {
  for (const r of planned.retenues) {
    const o = (await loadOverpayment(tx, caseId, r.reference))!;
    await writeMovement(tx, o, recordRecovery(o, { amountCents: r.amountCents, method: 'retenue', date, actor: 'system' }), paymentReference);
  }
}

/** Money received after a repayment order (finance). */
export async function recordRepayment(tx: EntityManager, o: LedgerOverpayment, m: { amountCents: number; date: string; actor: string }): Promise<LedgerOverpayment> {
  return writeMovement(tx, o, recordRecovery(o, { ...m, method: 'ordre_de_reversement' }), null);
}

/** Remission by a caseworker's decision, with its reason: all that is left unless an amount is given. */
export async function remit(tx: EntityManager, o: LedgerOverpayment, d: { date: string; actor: string; motif: string; amountCents?: number }): Promise<LedgerOverpayment> {
  return writeMovement(tx, o, remitOverpayment(o, d), null);
}

/**
 * Open indus on retenue move to a repayment order (the exit: no payment ahead), a plan entry each, marked
 * with `why`: a retry with the same `why` answers the same list, though nothing is left to switch.
 */
export async function switchToRepaymentOrder(tx: EntityManager, caseId: string, why: string): Promise<{ reference: string; remainingCents: number }[]> {
  const open = (await loadOverpayments(tx, caseId)).filter((o) => o.plan === 'retenue' && remainingCents(o) > 0);
  const plan: RecoveryPlan = 'ordre_de_reversement';
  for (const o of open) {
    await tx.execute(`update overpayment set plan = ? where reference = ?`, [plan, o.reference]);
    await tx.execute(`insert into overpayment_recovery (overpayment_reference, entry_type, amount_cents, method, reason) values (?, 'plan', ?, ?, ?)`,
      [o.reference, remainingCents(o), plan, why]);
  }
  const rows: Row[] = await tx.execute(
    `select r.overpayment_reference as reference, r.amount_cents from overpayment_recovery r join overpayment o on o.reference = r.overpayment_reference
     where o.dossier_id = ? and r.entry_type = 'plan' and r.reason = ? order by r.id`, [caseId.toLowerCase(), why]);
  return rows.map((r) => ({ reference: r.reference, remainingCents: Number(r.amount_cents) }));
}

/**
 * Late corrections of a month already paid, and what is left to recover at the exit.
 *
 * correctPaidMonth recomputes the month from its corrected statement and compares it with what the month
 * has settled in the ledger (first payment's net + complements − indus: decideCorrection): a raise is PAID
 * as a complement (its own reference, CO), a lowering is an indu of its own (the month's next number),
 * recovered by retenue while payments are ahead, else by a repayment order. One transaction under the case
 * lock; the workflow's decision key (the statement's journal entry) makes a retry find what it wrote.
 */
import type { AnyEntity, EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessFailure } from '../../../domain/case/failures';
import { decideCorrection, defaultRecoveryPlan, type MonthSettlement, type RecoveryPlan } from '../../../domain/remuneration';
import { switchToRepaymentOrder } from '../../paiements/indus';
import { writeOverpayment, writePayment } from '../../paiements/ledger';
import { lockCaseLedger, lockParametersShared } from '../../paiements/locks';
import { computeMonth, type PayMonthInput } from './mensuel';
import { pure } from './failures';

export interface CorrectPaidMonthInput extends Omit<PayMonthInput, 'avanceRemainingCents'> {
  /** Fixed by the workflow: the corrected statement's journal entry. */
  decisionKey: string;
  /** Payments are still ahead (the training goes on): an indu is withheld from them, else a repayment order. */
  paymentsAhead: boolean;
}

export type CorrectionResult =
  | { kind: 'aucune'; period: string }
  | { kind: 'complement'; period: string; seq: number; amountCents: number; reference: string; lines: string[] }
  | { kind: 'indu'; period: string; seq: number; amountCents: number; reference: string; plan: RecoveryPlan };

type Row = EntityData<AnyEntity>;

/** The month's first payment and every correction the ledger holds for it. */
async function monthSettlement(tx: EntityManager, caseId: string, period: string): Promise<MonthSettlement> {
  const [first] = await tx.execute(`select breakdown->>'netCents' as net from payment where dossier_id = ? and period = ? and kind = 'MENSUEL'`, [caseId, period]);
  if (!first?.net) throw businessFailure('InvalidPayInput', `le mois ${period} n'a pas été payé : rien à corriger`);
  const complements: Row[] = await tx.execute(`select seq, amount_cents from payment where dossier_id = ? and period = ? and kind = 'COMPLEMENT'`, [caseId, period]);
  const indus: Row[] = await tx.execute(`select seq, amount_cents from overpayment where dossier_id = ? and period = ?`, [caseId, period]);
  return {
    period, initialNetCents: Number(first.net),
    corrections: [
      ...complements.map((c) => ({ kind: 'complement' as const, seq: c.seq, amountCents: Number(c.amount_cents) })),
      ...indus.map((i) => ({ kind: 'indu' as const, seq: i.seq, amountCents: Number(i.amount_cents) })),
    ],
  };
}

/** What an earlier attempt with the same key wrote, if any. */
async function earlier(tx: EntityManager, caseId: string, key: string, period: string): Promise<CorrectionResult | null> {
  const [c] = await tx.execute(`select reference, seq, amount_cents, breakdown from payment where dossier_id = ? and decision_key = ?`, [caseId, key]);
  if (c) return { kind: 'complement', period, seq: c.seq, amountCents: Number(c.amount_cents), reference: c.reference, lines: c.breakdown.lines };
  const [i] = await tx.execute(`select reference, seq, amount_cents, plan from overpayment where dossier_id = ? and decision_key = ?`, [caseId, key]);
  return i ? { kind: 'indu', period, seq: i.seq, amountCents: Number(i.amount_cents), reference: i.reference, plan: i.plan } : null;
}

async function correctIn(tx: EntityManager, input: CorrectPaidMonthInput): Promise<CorrectionResult> {
  await lockParametersShared(tx);
  await lockCaseLedger(tx, input.caseId);
  const { caseId, decisionKey } = input;
  const period = input.statement.period;
  const done = await earlier(tx, caseId, decisionKey, period);
  if (done) return done;
  const breakdown = await computeMonth(tx, input);
  const d = await pure(async () => decideCorrection(await monthSettlement(tx, caseId, period), breakdown.netCents));
  if (d.kind === 'aucune') return { kind: 'aucune', period };
  if (d.kind === 'complement') {
    const lines = [...d.linesFr, ...breakdown.lines];
    const paid = await writePayment(tx, { caseId, period, kind: 'COMPLEMENT', seq: d.seq, amountCents: d.amountCents, decisionKey,
      breakdown: { lines, previousNetCents: d.previousNetCents, newNetCents: d.newNetCents } });
    return { kind: 'complement', period, seq: d.seq, amountCents: d.amountCents, reference: paid.reference, lines };
  }
  const plan = defaultRecoveryPlan(input.paymentsAhead);
  const indu = await writeOverpayment(tx, { caseId, period, seq: d.seq, amountCents: d.amountCents, recovery: plan, decisionKey,
    reason: `correction de l'état de présence ${period} : ${d.previousNetCents} → ${d.newNetCents} centimes` });
  return { kind: 'indu', period, seq: d.seq, amountCents: d.amountCents, reference: indu.reference, plan };
}

export interface SettleAtExitInput {
  caseId: string;
  /** The month after the exit: the avance's indu is dated there. */
  period: string;
  avanceRemainingCents: number;
  decisionKey: string;
}

export interface ExitSettlement {
  /** The avance not recovered by the monthly payments, now an indu (repayment order). */
  avanceIndu: { reference: string; amountCents: number } | null;
  /** Indus that were on retenue: no payment is ahead, they move to a repayment order. */
  switched: { reference: string; remainingCents: number }[];
}

async function settleAtExitIn(tx: EntityManager, input: SettleAtExitInput): Promise<ExitSettlement> {
  await lockCaseLedger(tx, input.caseId);
  const switched = await switchToRepaymentOrder(tx, input.caseId, `sortie ${input.decisionKey}`);
  if (input.avanceRemainingCents <= 0) return { avanceIndu: null, switched };
  const [done] = await tx.execute(`select reference, amount_cents from overpayment where dossier_id = ? and decision_key = ?`, [input.caseId, input.decisionKey]);
  if (done) return { avanceIndu: { reference: done.reference, amountCents: Number(done.amount_cents) }, switched };
  const [{ seq }] = await tx.execute(`select coalesce(max(seq), 0) + 1 as seq from overpayment where dossier_id = ? and period = ?`, [input.caseId, input.period]);
  const indu = await writeOverpayment(tx, { caseId: input.caseId, period: input.period, seq, amountCents: input.avanceRemainingCents,
    reason: 'avance non récupérée à la sortie', decisionKey: input.decisionKey });
  return { avanceIndu: { reference: indu.reference, amountCents: indu.amountCents }, switched };
}

export function correctionActivities(em: () => EntityManager) {
  return {
    correctPaidMonth: (input: CorrectPaidMonthInput): Promise<CorrectionResult> => em().transactional((tx) => correctIn(tx as EntityManager, input)),
    settleAtExit: (input: SettleAtExitInput): Promise<ExitSettlement> => em().transactional((tx) => settleAtExitIn(tx as EntityManager, input)),
  };
}


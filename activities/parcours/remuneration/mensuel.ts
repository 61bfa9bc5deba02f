/**
 * The monthly payment: the month's amount (the rate row in force for the month, the ASS floor for an
 * eligible part-timer), then what the avance still has to recover (settleAvance), then the retenues of the
 * open indus on what is left (planRetenues), issued once under its reference with its movements, in one
 * transaction. A retry (a worker died after the commit) finds the row and answers what was paid.
 */
import type { AnyEntity, EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { computeMonthlyRemuneration, formatEuros, lastDayOf, settleAvance, type BaremeDecision, type Rythme } from '../../../domain/remuneration';
import { formatMonthFr, parisClock } from '../../../domain/dates';
import { paymentReference } from '../../../domain/paiements/reference';
import type { EtatPresence } from '../../../workflows/parcours/messages';
import { planPaymentRetenues, recordRetenues, type Retenues } from '../../paiements/indus';
import { writePayment } from '../../paiements/ledger';
import { lockCaseLedger, lockParametersShared } from '../../paiements/locks';
import { crashAfterWriteIfAsked } from '../../case/fault';
import { writeTransition, type TransitionRecord } from '../../case/journal';
import type { SendCaseMail } from '../../case/mail';
import type { CaseSnapshot } from '../../case/snapshot';
import { monthPaid, paidEntryDetail, type PayableFormation } from '../../../domain/parcours/paiement-mensuel';
import { pure } from './failures';
import { loadPayParameters } from './parameters';

export interface PayMonthInput {
  caseId: string;
  decision: BaremeDecision;
  rythme: Rythme;
  trainingStart: string;
  trainingEnd: string;
  statement: EtatPresence;
  avanceRemainingCents: number;
  /** The pay file's flag: the part-time pay is raised to the ASS (D6341-24-1). Absent (older callers): false. */
  eligibleASS?: boolean;
  /** The payment's journal entry, written in the payment's transaction with the amount paid (WRITES_2026_PATCH). */
  journal?: TransitionRecord;
  /** The trainee's statement of the amount (relevé), sent once the payment is committed (PAYMENT_MAIL_PATCH). */
  releve?: { key: string };
}

export interface PayMonthResult {
  reference: string;
  netCents: number;
  paidCents: number;
  /** What the avance recovered from this month. */
  recoveredCents: number;
  lines: string[];
}

/** The month's net, exactly as the rules compute it today (before any recovery). */
export async function computeMonth(em: EntityManager, input: Omit<PayMonthInput, 'avanceRemainingCents'>) {
  const period = input.statement.period;
  const params = await loadPayParameters(em, lastDayOf(period));
  return pure(() => computeMonthlyRemuneration({
    month: period, decision: input.decision, trainingStart: input.trainingStart, trainingEnd: input.trainingEnd, rythme: input.rythme,
    scheduledMinutes: input.statement.scheduledMinutes, unjustifiedAbsenceMinutes: input.statement.unjustifiedAbsenceMinutes,
    indemnitesJournalieresCents: input.statement.indemnitesJournalieresCents, eligibleASS: input.eligibleASS === true,
  }, params));
}

function statementLines(base: string[], avanceCents: number, retenues: Retenues['retenues'], paidCents: number): string[] {
  const lines = [...base];
  if (avanceCents > 0) lines.push(`Retenue pour l'avance déjà versée : -${formatEuros(avanceCents)}.`);
  for (const r of retenues) lines.push(`Retenue pour la somme versée en trop en ${formatMonthFr(r.period)} : -${formatEuros(r.amountCents)}.`);
  if (avanceCents > 0 || retenues.length > 0) lines.push(`Virement de ce mois : ${formatEuros(paidCents)}.`);
  return lines;
}

const storedResult = (reference: string, row: EntityData<AnyEntity>): PayMonthResult => ({
  reference, netCents: Number(row.breakdown.netCents), paidCents: Number(row.amount_cents),
  recoveredCents: Number(row.breakdown.avanceRecoveredCents ?? 0), lines: row.breakdown.lines ?? [],
});

async function payMonthIn(tx: EntityManager, input: PayMonthInput): Promise<PayMonthResult> {
  await lockParametersShared(tx);
  await lockCaseLedger(tx, input.caseId);
  const period = input.statement.period;
  const reference = paymentReference(input.caseId, period, 'MENSUEL');
  const [row] = await tx.execute(`select amount_cents, breakdown from payment where reference = ?`, [reference]);
  if (row) return storedResult(reference, row);
  const breakdown = await computeMonth(tx, input);
  const avance = settleAvance(breakdown.netCents, input.avanceRemainingCents);
  const planned = await pure(() => planPaymentRetenues(tx, input.caseId, avance.paidCents));
  const lines = statementLines(breakdown.lines, avance.recoveredCents, planned.retenues, planned.paidCents);
  await writePayment(tx, { caseId: input.caseId, period, kind: 'MENSUEL', amountCents: planned.paidCents,
    breakdown: { ...breakdown, lines, avanceRecoveredCents: avance.recoveredCents, retenues: planned.retenues } });
  await recordRetenues(tx, input.caseId, planned, reference, parisClock().today);
  return { reference, netCents: breakdown.netCents, paidCents: planned.paidCents, recoveredCents: avance.recoveredCents, lines };
}

/**
 * The journal entry of a payment says what was paid, and the read model's state is the one after the payment: the
 * workflow learns the result and applies the same rule (domain/parcours/paiement-mensuel.ts) to its state.
 */
function withPayment(t: TransitionRecord, period: string, paid: PayMonthResult): TransitionRecord {
  const detail = paidEntryDetail(period, paid.paidCents);
  return { ...t, entry: { ...t.entry, detail }, ...(t.snapshot ? { snapshot: paidSnapshot(t.snapshot, t.entry.seq, period, paid) } : {}) };
}

function paidSnapshot(snapshot: CaseSnapshot, seq: number, period: string, paid: PayMonthResult): CaseSnapshot {
  const state = structuredClone(snapshot.state) as { history: { seq: number; detail?: object }[]; formation?: PayableFormation };
  const entry = state.history.find((h) => h.seq === seq);
  if (entry) entry.detail = paidEntryDetail(period, paid.paidCents);
  if (state.formation) monthPaid(state.formation, period, paid);
  return { ...snapshot, state };
}

export function monthlyActivities(em: () => EntityManager, sendMail: SendCaseMail) {
  return {
    /** The month's amount as it would be paid, without paying it (late corrections of older runs). */
    async previewMonth(input: PayMonthInput): Promise<PayMonthResult> {
      const breakdown = await computeMonth(em(), input);
      const avance = settleAvance(breakdown.netCents, input.avanceRemainingCents);
      return { reference: '', netCents: breakdown.netCents, paidCents: avance.paidCents, recoveredCents: avance.recoveredCents,
        lines: statementLines(breakdown.lines, avance.recoveredCents, [], avance.paidCents) };
    },

    /** The month's amount, minus the avance and the retenues, issued once. */
    async payMonth(input: PayMonthInput): Promise<PayMonthResult> {
      const period = input.statement.period;
      const result = await em().transactional(async (tx) => {
        const paid = await payMonthIn(tx as EntityManager, input);
        if (input.journal) await writeTransition(tx as EntityManager, withPayment(input.journal, period, paid));
        return paid;
      });
      crashAfterWriteIfAsked('SPRFP_FAULT_CRASH_AFTER_PAYMENT');
      if (input.releve) {
        await sendMail({ key: input.releve.key, caseId: input.caseId, template: 'releve_mensuel', to: 'personne',
          params: { month: period, lines: result.lines.join('\n') } });
      }
      return result;
    },
  };
}

/**
 * A statement corrected after its month was paid. Since MONEY_2026_PATCH the month is decided against the
 * ledger (correctPaidMonth): a raise is paid as a complement and the trainee gets the new computation; a
 * lowering is an indu of its own (a second lowering of the month is a second indu), withheld from the next
 * payments while there are some, else recovered by a repayment order.
 */
import { patched } from '@temporalio/workflow';
import { periodOf } from '../../../domain/dates';
import { formatEuros } from '../../../domain/remuneration/money';
import { payActs } from '../../case/activities';
import type { ParcoursContext } from '../context';
import type { FormationState } from '../messages';
import { MONEY_2026_PATCH } from '../versions';

/** `statementSeq`: the journal entry of the correction, the key of its decision. */
export async function lateCorrection(ctx: ParcoursContext, f: FormationState, period: string, statementSeq: number): Promise<void> {
  if (!patched(MONEY_2026_PATCH)) return legacyCorrection(ctx, f, period);
  const { decision, rythme, eligibleASS } = f.remuneration!;
  const result = await payActs.correctPaidMonth({
    caseId: ctx.state.caseId, decision, rythme, eligibleASS: eligibleASS === true, trainingStart: f.entryDate, trainingEnd: f.endDate,
    statement: f.statements[period], decisionKey: `correction:${period}:${statementSeq}`,
    paymentsAhead: !f.indemniseARE && periodOf(f.endDate) >= f.nextPeriod,
  });
  if (result.kind === 'aucune') return;
  const { amountCents, reference, seq } = result;
  if (result.kind === 'complement') {
    const entry = await ctx.record('complement', 'system', { detail: { period, amountCents, reference, seq } });
    await ctx.mail('releve_mensuel', 'personne', { month: period, lines: result.lines.join('\n') }, ctx.mailKey(`complement:${period}`, entry.seq));
    return;
  }
  const entry = await ctx.record('indu', 'system', { detail: { period, amountCents, reference, seq, recovery: result.plan } });
  await ctx.mail('indu', 'personne', { amount: formatEuros(amountCents), recovery: result.plan }, ctx.mailKey('indu', entry.seq));
}

/**
 * Before MONEY_2026_PATCH: a lowering is the month's one indu (repayment order); a raise is only recorded
 * for the caseworker.
 */
async function legacyCorrection(ctx: ParcoursContext, f: FormationState, period: string): Promise<void> {
  const { state } = ctx;
  const paid = f.paid[period];
  const recomputed = await payActs.previewMonth({
    caseId: state.caseId, decision: f.remuneration!.decision, rythme: f.remuneration!.rythme, trainingStart: f.entryDate,
    trainingEnd: f.endDate, statement: f.statements[period], avanceRemainingCents: 0,
  });
  const difference = paid.netCents - recomputed.netCents;
  if (difference <= 0) {
    await ctx.record('correction_a_la_hausse', 'system', { detail: { period, complementCents: -difference } });
    return;
  }
  await payActs.recordOverpayment({ caseId: state.caseId, period, amountCents: difference, reason: `correction de l'état de présence ${period}` });
  const entry = await ctx.record('indu', 'system', { detail: { period, amountCents: difference } });
  await ctx.mail('indu', 'personne', { amount: formatEuros(difference) }, ctx.mailKey('indu', entry.seq));
}

/**
 * Part 2 of the journey, from the entry to the end of the follow-up: the avance in the first days, then
 * each month in arrears: wait for its attendance statement (reminding the organisme, then alerting the
 * referent), leave time for a correction, pay it and send the trainee the statement of the amount. After
 * the exit month, the final balance, then the employment follow-up. Every `monthsPerRun` months the run
 * continues as new, so a 3-year course keeps a small history.
 */
import { condition, patched, sleep, workflowInfo } from '@temporalio/workflow';
import { DAY_MS, deFr, formatMonthFr, msUntil, nextPeriod, periodEnd, periodOf } from '../../domain/dates';
import { monthPaid, monthSettled, paidEntryDetail } from '../../domain/parcours/paiement-mensuel';
import { formatEuros } from '../../domain/remuneration/money';
import { payActs, payMailActs } from '../case/activities';
import { waitRemindAlert } from '../case/deadlines';
import type { ParcoursContext } from './context';
import type { FormationState } from './messages';
import { initFormation } from './stages/formation-state';
import { followUp } from './stages/suivi';
import { MONEY_2026_PATCH, PAYMENT_MAIL_PATCH } from './versions';
import { WRITES_2026_PATCH } from '../case/versions';
import type { PayMonthResult } from '../../activities/parcours/remuneration/mensuel';
import type { HistoryEntry } from '../../domain/case/journal';

export type AfterEntryOutcome = 'closed' | 'continueAsNew' | 'interrupted';

export async function apresEntree(ctx: ParcoursContext, interrupted: () => boolean): Promise<AfterEntryOutcome> {
  const f = (ctx.state.formation ??= initFormation(ctx.state));
  f.monthsPaidThisRun = 0;
  while (periodOf(f.endDate) >= f.nextPeriod || !f.sortie) {
    if (interrupted()) return 'interrupted';
    if (periodOf(f.endDate) < f.nextPeriod) {
      await condition(() => Boolean(f.sortie) || interrupted()); // planned end passed: the organisme declares the exit
      continue;
    }
    await payAvanceIfDue(ctx, f, interrupted);
    if (!(await settleMonth(ctx, f, f.nextPeriod, interrupted))) continue;
    if (f.monthsPaidThisRun >= ctx.delays.monthsPerRun || workflowInfo().continueAsNewSuggested) return 'continueAsNew';
  }
  await finalBalance(ctx, f);
  await followUp(ctx, interrupted);
  return interrupted() ? 'interrupted' : 'closed';
}

/**
 * The avance, a few days after the entry, once the pay file says the Région pays this trainee. A pay file
 * that comes later still gets it, until the first month can be paid: then the avance has no purpose.
 */
async function payAvanceIfDue(ctx: ParcoursContext, f: FormationState, interrupted: () => boolean): Promise<void> {
  if (f.avance || f.indemniseARE || Object.keys(f.paid).length > 0) return;
  const dueMs = Date.parse(`${f.entryDate}T00:00:00.000Z`) + ctx.delays.avanceDelayDays * DAY_MS;
  await condition(() => interrupted(), msUntil(dueMs, Date.now()));
  const firstMonthEndMs = Date.parse(periodEnd(periodOf(f.entryDate)));
  await condition(() => Boolean(f.remuneration) || f.indemniseARE || interrupted(), msUntil(firstMonthEndMs, Date.now()));
  if (!f.remuneration || f.indemniseARE || interrupted()) return;
  const paid = await payActs.payAvance({ caseId: ctx.state.caseId, decision: f.remuneration.decision });
  f.avance = { reference: paid.reference, amountCents: paid.amountCents, remainingCents: paid.amountCents };
  const entry = await ctx.record('avance_versee', 'system', { detail: { amountCents: paid.amountCents } });
  await ctx.mail('avance_versee', 'personne', { amount: formatEuros(paid.amountCents) }, ctx.mailKey('avance', entry.seq));
}

/** One month: its end (or the exit), its statement, the correction window, the payment. false: not yet. */
async function settleMonth(ctx: ParcoursContext, f: FormationState, period: string, interrupted: () => boolean): Promise<boolean> {
  const endMs = Date.parse(periodEnd(period));
  await condition(interrupted, msUntil(endMs, Date.now()));
  if (interrupted() || Date.now() < endMs) return false;
  if (!(await waitForStatement(ctx, f, period, interrupted))) return false;
  if (!(await waitForPayFile(ctx, f, interrupted))) return false;
  await sleep(ctx.delays.paymentDelay); // the organisme may still correct the statement
  // Under the lock: a correction arriving meanwhile waits, then is handled as a late correction.
  if (!f.indemniseARE) await ctx.locked(() => payMonth(ctx, f, period));
  else monthSettled(f, period);
  return true;
}

async function waitForStatement(ctx: ParcoursContext, f: FormationState, period: string, interrupted: () => boolean): Promise<boolean> {
  const arrived = (): boolean => Boolean(f.statements[period]) || interrupted();
  const since = Date.parse(periodEnd(period));
  const params = { month: period, what: `état de présence ${deFr(formatMonthFr(period))}`, since: periodEnd(period) };
  const notice = (template: 'rappel_etat_presence' | 'alerte_delai', to: 'organisme' | 'referent') => ({
    dueAtMs: since + (to === 'organisme' ? ctx.delays.statementReminderDays : ctx.delays.statementAlertDays) * DAY_MS,
    notify: () => ctx.mail(template, to, params, ctx.mailKey(`${template}:${period}`)),
    skip: () => Boolean(f.suspendedSince), // no reminder for a suspended training
  });
  await waitRemindAlert(ctx, 'etat_presence', arrived, [notice('rappel_etat_presence', 'organisme'), notice('alerte_delai', 'referent')]);
  return !interrupted();
}

/** No pay without the pay file: the referent is alerted if it is still missing when a month could be paid. */
async function waitForPayFile(ctx: ParcoursContext, f: FormationState, interrupted: () => boolean): Promise<boolean> {
  const ready = (): boolean => Boolean(f.remuneration) || f.indemniseARE || interrupted();
  if (!(await condition(ready, Math.max(ctx.delays.statementAlertDays * DAY_MS, 1)))) {
    ctx.state.deadlines = [{ kind: 'remuneration', dueAt: new Date().toISOString(), status: 'alerted' }];
    await ctx.mail('alerte_delai', 'referent', { what: 'établir le dossier de rémunération', since: f.entryDate }, ctx.mailKey('alerte:remuneration'));
    await condition(ready);
    ctx.state.deadlines = [];
  }
  return !interrupted();
}

/**
 * The month's payment, its journal entry (written by the payment's own activity since WRITES_2026_PATCH, the
 * amount paid added by it as here) and the trainee's statement of the amount (sent by the same activity once the
 * payment is committed, since PAYMENT_MAIL_PATCH).
 */
async function payMonth(ctx: ParcoursContext, f: FormationState, period: string): Promise<void> {
  const { decision, rythme, eligibleASS } = f.remuneration!;
  const input = { caseId: ctx.state.caseId, decision, rythme, eligibleASS: eligibleASS === true, trainingStart: f.entryDate,
    trainingEnd: f.endDate, statement: f.statements[period], avanceRemainingCents: f.avance?.remainingCents ?? 0 };
  const releveKey = (seq: number): string => ctx.mailKey(`releve:${period}`, seq);
  const mailed = patched(PAYMENT_MAIL_PATCH);
  let result: PayMonthResult;
  let entry: HistoryEntry;
  if (mailed || patched(WRITES_2026_PATCH)) {
    ({ entry, result } = await ctx.recordWith('paiement_mensuel', 'system', { detail: { period } }, (e, journal) => (mailed
      ? payMailActs.payMonth({ ...input, journal: journal ?? undefined, releve: { key: releveKey(e.seq) } })
      : payActs.payMonth({ ...input, journal: journal ?? undefined }))));
    entry.detail = paidEntryDetail(period, result.paidCents);
    monthPaid(f, period, result);
    if (mailed) return; // the payment's activity sent the relevé
  } else {
    result = await payActs.payMonth(input);
    monthPaid(f, period, result);
    entry = await ctx.record('paiement_mensuel', 'system', { detail: paidEntryDetail(period, result.paidCents) });
  }
  await ctx.mail('releve_mensuel', 'personne', { month: period, lines: result.lines.join('\n') }, releveKey(entry.seq));
}

/**
 * At the exit nothing is paid any more: what the avance could not recover is an overpayment (indu), and the
 * indus still withheld from payments move to a repayment order (MONEY_2026_PATCH). The trainee is told once.
 */
async function finalBalance(ctx: ParcoursContext, f: FormationState): Promise<void> {
  if (!patched(MONEY_2026_PATCH)) return legacyFinalBalance(ctx, f);
  // Settled the month after the exit: a late correction of the exit month keeps its own overpayment reference.
  const period = nextPeriod(periodOf(f.sortie!.exitDate));
  const settled = await payActs.settleAtExit({ caseId: ctx.state.caseId, period, avanceRemainingCents: f.avance?.remainingCents ?? 0,
    decisionKey: `sortie:${period}` });
  if (f.avance) f.avance.remainingCents = 0;
  const owed = (settled.avanceIndu?.amountCents ?? 0) + settled.switched.reduce((sum, s) => sum + s.remainingCents, 0);
  if (owed === 0) return;
  const entry = await ctx.record('indu', 'system', { detail: { period, amountCents: owed, recovery: 'ordre_de_reversement' } });
  await ctx.mail('indu', 'personne', { amount: formatEuros(owed), recovery: 'ordre_de_reversement' }, ctx.mailKey('indu', entry.seq));
}

/** Before MONEY_2026_PATCH: the avance's rest only. */
async function legacyFinalBalance(ctx: ParcoursContext, f: FormationState): Promise<void> {
  const remaining = f.avance?.remainingCents ?? 0;
  if (remaining <= 0) return;
  const period = nextPeriod(periodOf(f.sortie!.exitDate));
  await payActs.recordOverpayment({ caseId: ctx.state.caseId, period, amountCents: remaining, reason: 'avance non récupérée à la sortie' });
  f.avance!.remainingCents = 0;
  const entry = await ctx.record('indu', 'system', { detail: { period, amountCents: remaining } });
  await ctx.mail('indu', 'personne', { amount: formatEuros(remaining) }, ctx.mailKey('indu', entry.seq));
}

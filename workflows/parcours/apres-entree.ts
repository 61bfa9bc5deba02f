/**
 * Part 2 of the journey, from the entry to the end of the follow-up: the avance in the first days, then
 * each month in arrears: wait for its attendance statement (reminding the organisme, then alerting the
 * referent), leave time for a correction, pay it and send the trainee the statement of the amount. After
 * the exit month, the final balance, then the employment follow-up. Every `monthsPerRun` months the run
 * continues as new, so a 3-year course keeps a small history.
 */
import { condition, sleep, workflowInfo } from '@temporalio/workflow';
import { formatEuros } from '../../domain/remuneration/money';
import { nextPeriod, periodEnd, periodOf } from '../../domain/remuneration/periods';
import { acts, payActs } from '../activities';
import type { ParcoursContext } from './context';
import { lastEntry, mailKey, record } from './journal';
import type { FormationState, ParcoursState } from './messages';
import { followUp } from './stages/suivi';

const DAY_MS = 86_400_000;

export function initFormation(state: ParcoursState): FormationState {
  const entryDate = String(state.history.find((h) => h.action === 'entree_confirmee')?.detail?.entryDate ?? state.session.startDate);
  return {
    entryDate, endDate: state.session.endDate, remuneration: null, indemniseARE: false, avance: null, statements: {}, paid: {},
    nextPeriod: periodOf(entryDate), monthsPaidThisRun: 0, suspendedSince: null, aids: [], sortie: null, suivi: {},
  };
}

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
  await condition(() => interrupted(), Math.max(dueMs - Date.now(), 1));
  const firstMonthEndMs = Date.parse(periodEnd(periodOf(f.entryDate)));
  await condition(() => Boolean(f.remuneration) || f.indemniseARE || interrupted(), Math.max(firstMonthEndMs - Date.now(), 1));
  if (!f.remuneration || f.indemniseARE || interrupted()) return;
  const paid = await payActs.payAvance({ caseId: ctx.state.caseId, decision: f.remuneration.decision });
  f.avance = { reference: paid.reference, amountCents: paid.amountCents, remainingCents: paid.amountCents };
  const entry = await record(ctx.state, 'avance_versee', 'system', { detail: { amountCents: paid.amountCents } });
  await acts.sendMail({ key: mailKey(ctx.state, 'avance', entry.seq), caseId: ctx.state.caseId, template: 'avance_versee', to: 'personne',
    params: { amount: formatEuros(paid.amountCents) } });
}

/** One month: its end (or the exit), its statement, the correction window, the payment. false: not yet. */
async function settleMonth(ctx: ParcoursContext, f: FormationState, period: string, interrupted: () => boolean): Promise<boolean> {
  const endMs = Date.parse(periodEnd(period));
  await condition(interrupted, Math.max(endMs - Date.now(), 1));
  if (interrupted() || Date.now() < endMs) return false;
  if (!(await waitForStatement(ctx, f, period, interrupted))) return false;
  if (!(await waitForPayFile(ctx, f, interrupted))) return false;
  await sleep(ctx.delays.paymentDelay); // the organisme may still correct the statement
  // Under the lock: a correction arriving meanwhile waits, then is handled as a late correction.
  if (!f.indemniseARE) await ctx.locked(() => payMonth(ctx, f, period));
  f.nextPeriod = nextPeriod(period);
  f.monthsPaidThisRun += 1;
  return true;
}

async function waitForStatement(ctx: ParcoursContext, f: FormationState, period: string, interrupted: () => boolean): Promise<boolean> {
  const arrived = (): boolean => Boolean(f.statements[period]) || interrupted();
  const since = Date.parse(periodEnd(period));
  for (const [days, to, template] of [
    [ctx.delays.statementReminderDays, 'organisme', 'rappel_etat_presence'],
    [ctx.delays.statementAlertDays, 'referent', 'alerte_delai'],
  ] as const) {
    const dueAt = since + days * DAY_MS;
    const deadline = { kind: 'etat_presence' as const, dueAt: new Date(dueAt).toISOString(), status: 'pending' as 'pending' | 'alerted' };
    ctx.state.deadlines = [deadline];
    if (await condition(arrived, Math.max(dueAt - Date.now(), 1))) break;
    if (f.suspendedSince) continue; // no reminder for a suspended training
    await acts.sendMail({ key: mailKey(ctx.state, `${template}:${period}`, lastEntry(ctx.state).seq), caseId: ctx.state.caseId,
      template, to, params: { month: period, what: `état de présence du mois ${period}`, since: periodEnd(period) } });
    deadline.status = 'alerted';
  }
  await condition(arrived);
  ctx.state.deadlines = [];
  return !interrupted();
}

/** No pay without the pay file: the referent is alerted if it is still missing when a month could be paid. */
async function waitForPayFile(ctx: ParcoursContext, f: FormationState, interrupted: () => boolean): Promise<boolean> {
  const ready = (): boolean => Boolean(f.remuneration) || f.indemniseARE || interrupted();
  if (!(await condition(ready, Math.max(ctx.delays.statementAlertDays * DAY_MS, 1)))) {
    ctx.state.deadlines = [{ kind: 'remuneration', dueAt: new Date().toISOString(), status: 'alerted' }];
    await acts.sendMail({ key: mailKey(ctx.state, 'alerte:remuneration', lastEntry(ctx.state).seq), caseId: ctx.state.caseId,
      template: 'alerte_delai', to: 'referent', params: { what: 'établir le dossier de rémunération', since: f.entryDate } });
    await condition(ready);
    ctx.state.deadlines = [];
  }
  return !interrupted();
}

async function payMonth(ctx: ParcoursContext, f: FormationState, period: string): Promise<void> {
  const { decision, rythme } = f.remuneration!;
  const result = await payActs.payMonth({ caseId: ctx.state.caseId, decision, rythme, trainingStart: f.entryDate, trainingEnd: f.endDate,
    statement: f.statements[period], avanceRemainingCents: f.avance?.remainingCents ?? 0 });
  if (f.avance) f.avance.remainingCents -= result.recoveredCents;
  f.paid[period] = { period, reference: result.reference, netCents: result.netCents, paidCents: result.paidCents };
  const entry = await record(ctx.state, 'paiement_mensuel', 'system', { detail: { period, paidCents: result.paidCents } });
  await acts.sendMail({ key: mailKey(ctx.state, `releve:${period}`, entry.seq), caseId: ctx.state.caseId, template: 'releve_mensuel',
    to: 'personne', params: { month: period, lines: result.lines.join('\n') } });
}

/** What the avance could not recover from the monthly payments is an overpayment (indu) at the exit. */
async function finalBalance(ctx: ParcoursContext, f: FormationState): Promise<void> {
  const remaining = f.avance?.remainingCents ?? 0;
  if (remaining <= 0) return;
  // Settled the month after the exit: a late correction of the exit month keeps its own overpayment reference.
  const period = nextPeriod(periodOf(f.sortie!.exitDate));
  await payActs.recordOverpayment({ caseId: ctx.state.caseId, period, amountCents: remaining, reason: 'avance non récupérée à la sortie' });
  f.avance!.remainingCents = 0;
  const entry = await record(ctx.state, 'indu', 'system', { detail: { period, amountCents: remaining } });
  await acts.sendMail({ key: mailKey(ctx.state, 'indu', entry.seq), caseId: ctx.state.caseId, template: 'indu', to: 'personne',
    params: { amount: formatEuros(remaining) } });
}

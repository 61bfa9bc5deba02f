/**
 * Part 2 of the journey on the time-skipping server: months pass in milliseconds. Real PostgreSQL ledger,
 * real SMTP server, real partner endpoint. Amounts are worked out by hand in the comments.
 */
import type { temporal } from '@temporalio/proto';
import { deFr, formatMonthFr, nextPeriod, periodEnd } from '../domain/dates';
import { formatEuros } from '../domain/remuneration';
import {
  accorderAide, declarerSortie, enregistrerSuivi, etatQuery, reprendreSurNouvelleVersion, soumettreEtatPresence,
} from '../workflows/parcours/messages';
import { isoDay, newPerson } from './support/fixtures';
import { CASEWORKER, enterTraining, establishPay, eventually, skipTo, skipToNext } from './support/journey';
import { expectReadModelInStep } from './support/read-model';
import { isTo } from './support/smtp';
import { saveHistory, startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';

let sys: TimeSkippingSystem;
const delays = { paymentDelay: '1 hour', avanceDelayDays: 3, handoffRetryInitial: '100 milliseconds', handoffRetryMaximum: '1 second' } as const;
const organisme = (s: TimeSkippingSystem): string => `organisme:${s.catalogue.organisme.id}`;
const FULL_MONTH = 140 * 60; // scheduled minutes of a full-time month

beforeAll(async () => {
  sys = await startTimeSkippingSystem('remuneration-ts');
});
afterAll(() => sys?.stop());

const ledger = (caseId: string) => sys.rows(`select period, kind, amount_cents from payment where dossier_id = ? order by period, kind`, [caseId]);
const paidRow = (caseId: string, period: string, kind = 'MENSUEL') =>
  eventually(() => sys.row(`select amount_cents::int as cents from payment where dossier_id = ? and period = ? and kind = ?`, [caseId, period, kind]), Boolean);

/** From the entry on, before any pay file, the case page shows the training's state (set up with the entry). */
async function expectTrainingOnPage(caseId: string, entry: string): Promise<void> {
  const entered = await eventually(() => sys.row(`select state from case_snapshot where dossier_id = ?`, [caseId]),
    (row) => row?.state?.stage === 'en_formation');
  expect(entered.state.formation).toMatchObject({ entryDate: entry, remuneration: null, nextPeriod: entry.slice(0, 7) });
  await expectReadModelInStep(sys.rows, sys.handle(caseId), etatQuery, caseId);
}

async function certify(caseId: string, period: string, unjustifiedAbsenceMinutes = 0, scheduledMinutes = FULL_MONTH): Promise<void> {
  await skipTo(sys, new Date(Date.parse(periodEnd(period)) + 3_600_000).toISOString());
  await sys.handle(caseId).executeUpdate(soumettreEtatPresence, {
    args: [{ actor: organisme(sys), period, scheduledMinutes, unjustifiedAbsenceMinutes, indemnitesJournalieresCents: 0 }] });
  await sys.env.sleep('2 hours'); // past the correction window (paymentDelay)
}

test('10-month course, 18–25 at entry (561,68 € since the 1 April 2025 uprating): avance, an aid, a month with absences, exit to a job, follow-up at 3 and 6 months', async () => {
  const entry = await skipToNext(sys, '11-29'); // a 29 November: 2 days left in a 30-day month
  // 25 at entry (18–25 scale), 26 at the exit: the category stays the one of the age at entry. The clock is past
  // 1 April 2025 and no later uprating is loaded: the 2025 row (561,68 €) applies to every month.
  const person = newPerson({ birthDate: `${Number(entry.slice(0, 4)) - 25}-04-12` });
  const caseId = await enterTraining(sys, entry, delays, { person });
  await expectTrainingOnPage(caseId, entry);
  await establishPay(sys, caseId);

  // Avance 3 days after entry: 50 % of 561,68 € = 280,84 €.
  await sys.env.sleep('4 days');
  expect(await paidRow(caseId, entry.slice(0, 7), 'AVANCE')).toEqual({ cents: 280_84 });
  await sys.handle(caseId).executeUpdate(accorderAide, { args: [{ actor: CASEWORKER, kind: 'equipement' }] });

  const months: string[] = [];
  for (let p = entry.slice(0, 7); months.length < 10; p = nextPeriod(p)) months.push(p);
  const last = months[9];
  // The case page's read model follows each change: the aid, each month certified and paid, the exit, the follow-up.
  const inStep = () => expectReadModelInStep(sys.rows, sys.handle(caseId), etatQuery, caseId);
  await inStep();
  for (const period of months.slice(0, 9)) {
    await certify(caseId, period, period === months[2] ? 7 * 60 : 0);
    await paidRow(caseId, period);
    await inStep();
  }
  // The 10th month: the trainee leaves for a job on the 14th; the organisme declares it on the 15th.
  await skipTo(sys, `${last}-15T10:00:00.000Z`);
  await sys.handle(caseId).executeUpdate(declarerSortie, { args: [{ actor: organisme(sys), kind: 'emploi', exitDate: `${last}-14`, certification: 'partielle' }] });
  await inStep();
  await certify(caseId, last);
  await paidRow(caseId, last);
  await inStep();

  const paid = Object.fromEntries((await ledger(caseId)).map((r) => [`${r.period} ${r.kind}`, Number(r.amount_cents)]));
  // Entry on the 29th of a 30-day month: 2/30 × 561,68 € = 37,45 €, all taken back by the 280,84 € avance.
  expect(paid[`${months[0]} MENSUEL`]).toBe(0);
  // Next month: 561,68 € minus the rest of the avance (280,84 − 37,45 = 243,39 €) = 318,29 €.
  expect(paid[`${months[1]} MENSUEL`]).toBe(318_29);
  // 7 h of unjustified absence out of 140 h: 561,68 € × 133/140 = 533,596 → 533,60 €.
  expect(paid[`${months[2]} MENSUEL`]).toBe(533_60);
  for (const p of months.slice(3, 9)) expect(paid[`${p} MENSUEL`]).toBe(561_68);
  // Exit on the 14th of a 31-day month: 14/31 × 561,68 € = 253,662… → 253,66 €.
  expect(paid[`${last} MENSUEL`]).toBe(253_66);
  // The equipment aid (an example parameter row: 300 €), in the month it was granted.
  expect(Object.entries(paid).filter(([key]) => key.endsWith('AIDE_EQUIPEMENT')).map(([, cents]) => cents)).toEqual([300_00]);

  const statements = sys.smtp.mails.filter((m) => /Votre rémunération de/.test(m.subject ?? ''));
  expect(statements.filter((m) => m.text?.includes('Absences non justifiées'))).toHaveLength(1);

  // Follow-up: at exit + 3 months the partner is asked (France Travail: 26 at exit), and answers.
  await skipTo(sys, `${nextPeriod(nextPeriod(nextPeriod(last)))}-15T10:00:00.000Z`);
  await eventually(async () => sys.franceTravail.received.filter((r) => r.body.type === 'suivi.demande_situation').length, (n) => n >= 1);
  await sys.handle(caseId).executeUpdate(enregistrerSuivi, { args: [{ actor: CASEWORKER, step: '3m', outcome: 'formation' }] });
  await skipTo(sys, `${nextPeriod(nextPeriod(nextPeriod(nextPeriod(nextPeriod(nextPeriod(last))))))}-15T10:00:00.000Z`);
  const closed = await sys.handle(caseId).executeUpdate(enregistrerSuivi, { args: [{ actor: CASEWORKER, step: '6m', outcome: 'emploi_1mois' }] });
  expect(closed.stage).toBe('clos');
  await inStep();
  expect(await sys.row(`select stage, exit_kind, certification, outcome_3m, outcome_6m, entry_date::text from dossier join parcours_dossier on dossier_id = id where id = ?`, [caseId]))
    .toEqual({ stage: 'clos', exit_kind: 'emploi', certification: 'partielle', outcome_3m: 'formation', outcome_6m: 'emploi_1mois', entry_date: entry });
  const history = await sys.handle(caseId).fetchHistory();
  console.log(`10-month journey: ${history.events?.length} history events in one run`);
  saveHistory('parcours-part2-journey', history);
});

test('drop-out: a late correction lowers a paid month (an indu withheld from the next payments), and at the exit what is left, with the unrecovered avance, goes to a repayment order', async () => {
  const entry = await skipToNext(sys, '11-29'); // a 29 November: 2 days left in a 30-day month
  const person = newPerson({ birthDate: `${Number(entry.slice(0, 4)) - 20}-04-12` }); // 20 at entry: 18–25 scale (561,68 €)
  const caseId = await enterTraining(sys, entry, delays, { person });
  await expectTrainingOnPage(caseId, entry);
  await establishPay(sys, caseId);
  await sys.env.sleep('4 days'); // the avance (280,84 €) is paid first
  const [m1, m2] = [entry.slice(0, 7), nextPeriod(entry.slice(0, 7))];
  await certify(caseId, m1, 0, 120);
  await paidRow(caseId, m1);
  // Correction after payment: half of the first month's hours were unjustified absences: 37,45 € → 18,72 € (indu 18,73 €),
  // to be withheld from the next payment (December is still to be paid).
  await sys.handle(caseId).executeUpdate(soumettreEtatPresence, {
    args: [{ actor: organisme(sys), period: m1, scheduledMinutes: 120, unjustifiedAbsenceMinutes: 60, indemnitesJournalieresCents: 0 }] });
  await expectReadModelInStep(sys.rows, sys.handle(caseId), etatQuery, caseId); // the correction and its indu on the case page
  await skipTo(sys, `${m2}-11T10:00:00.000Z`);
  await sys.handle(caseId).executeUpdate(declarerSortie, { args: [{ actor: organisme(sys), kind: 'abandon', exitDate: `${m2}-10` }] });
  await certify(caseId, m2, 0, 50 * 60);
  // 10 days of a 31-day month: 181,19 €, all taken by the avance: nothing left to withhold the indu from.
  // 280,84 − 37,45 − 181,19 = 62,20 € of avance remain due; the indu's 18,73 € moves to a repayment order.
  const plans = (rows: { plans: string[] }[]) => rows.length === 2 && rows.every((r) => r.plans.at(-1) === 'ordre_de_reversement');
  const indus = await eventually(() => sys.rows(
    `select o.period, o.amount_cents::int as cents, o.plan, o.status, array_agg(r.method order by r.id) as plans from overpayment o
     join overpayment_recovery r on r.overpayment_reference = o.reference and r.entry_type = 'plan' where o.dossier_id = ?
     group by o.reference order by o.period`, [caseId]), plans);
  expect(indus).toEqual([
    { period: m1, cents: 18_73, plan: 'ordre_de_reversement', status: 'a_recouvrer', plans: ['retenue', 'ordre_de_reversement'] },
    { period: nextPeriod(m2), cents: 62_20, plan: 'ordre_de_reversement', status: 'a_recouvrer', plans: ['ordre_de_reversement'] },
  ]);
  expect((await sys.handle(caseId).query(etatQuery)).stage).toBe('suivi');
  const mails = await eventually(async () => sys.smtp.mails.filter((m) => isTo(person.email)(m) && m.subject === 'Une somme est à rembourser'), (m) => m.length >= 2);
  expect(mails.map((m) => m.text?.match(/Vous avez reçu (.*) de trop/)?.[1])).toEqual([formatEuros(18_73), formatEuros(80_93)]);
  expect(mails[0].text).toContain('retirée de vos prochains paiements');
  expect(mails[1].text).toContain('un courrier qui explique comment rembourser');
  await expectReadModelInStep(sys.rows, sys.handle(caseId), etatQuery, caseId); // the exit's balance on the case page
});

test('a statement that never comes: the organisme is reminded after 5 days, the referent alerted after 15; nothing is paid', async () => {
  const entry = isoDay(0, await sys.env.currentTimeMs());
  const caseId = await enterTraining(sys, entry, delays);
  await establishPay(sys, caseId);
  const period = entry.slice(0, 7);
  await skipTo(sys, new Date(Date.parse(periodEnd(period)) + 6 * 86_400_000).toISOString());
  const reminder = await sys.smtp.waitFor((m) => isTo(sys.catalogue.organisme.contactEmail)(m) && (m.text ?? '').includes(caseId));
  expect(reminder.subject).toBe(`[SPRFP] État de présence attendu : ${formatMonthFr(period)}`);
  await sys.env.sleep('10 days');
  const alert = await sys.smtp.waitFor((m) => isTo('referent@normandie.test')(m) && (m.text ?? '').includes(caseId) && (m.text ?? '').includes(`état de présence ${deFr(formatMonthFr(period))}`));
  expect(alert.subject).toContain('en attente');
  expect((await ledger(caseId)).filter((r) => r.kind === 'MENSUEL')).toEqual([]);
});

test('a 3-year course continues as new every 12 months: 36 months paid across runs, each run far below the history limits', async () => {
  const entry = isoDay(0, await sys.env.currentTimeMs());
  const caseId = await enterTraining(sys, entry, { ...delays, monthsPerRun: 12 }, { sessionDays: 3 * 365 - 1 });
  await establishPay(sys, caseId);
  let period = entry.slice(0, 7);
  for (let i = 0; i < 36; i += 1, period = nextPeriod(period)) await certify(caseId, period);
  await eventually(() => sys.row(`select count(*)::int as n from payment where dossier_id = ? and kind = 'MENSUEL'`, [caseId]), (r) => r.n === 36);
  // Walk the chain of runs back from the latest one (each run names the one it continues).
  const counts: number[] = [];
  const runs: string[] = [];
  for (let runId: string | undefined = (await sys.handle(caseId).describe()).runId; runId;) {
    const history: temporal.api.history.v1.IHistory = await sys.ctx.client.workflow.getHandle(`parcours-${caseId}`, runId).fetchHistory();
    const events = history.events ?? [];
    runs.push(runId);
    counts.push(events.length);
    runId = events[0].workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  console.log(`3-year course: ${runs.length} runs, history events per run: ${counts.join(', ')} (limit 51,200; warning 10,240)`);
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...counts)).toBeLessThan(2_000);
  const state = await sys.handle(caseId).query(etatQuery);
  expect(Object.keys(state.formation!.paid)).toHaveLength(36); // carried over from run to run
});

test('a running case asked to move to a newer version continues as new with its state, and goes on paying', async () => {
  const entry = isoDay(0, await sys.env.currentTimeMs());
  const caseId = await enterTraining(sys, entry, delays);
  await establishPay(sys, caseId);
  await sys.env.sleep('4 days');
  await paidRow(caseId, entry.slice(0, 7), 'AVANCE');
  const before = await sys.handle(caseId).describe();
  await sys.handle(caseId).signal(reprendreSurNouvelleVersion);
  const after = await eventually(() => sys.handle(caseId).describe(), (d) => d.runId !== before.runId);
  expect(after.status.name).toBe('RUNNING');
  const state = await sys.handle(caseId).query(etatQuery);
  expect(state).toMatchObject({ stage: 'en_formation', formation: { avance: { amountCents: expect.any(Number) } } });
  expect(state.history.map((h) => h.action)).toContain('avance_versee');
  await certify(caseId, entry.slice(0, 7));
  await paidRow(caseId, entry.slice(0, 7));
});

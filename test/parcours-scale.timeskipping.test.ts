/**
 * Issue 9 on the time-skipping server: a 10-month course certified with `certifierEtatPresence` (a summary
 * per statement, a repeat changes nothing, no journal entry for it), each month paid by one activity that also
 * sends the trainee's relevé (PAYMENT_MAIL_PATCH). Its history is kept (`parcours-payment-mail`, committed in
 * test/fixtures/histories as `parcours-payment-mail-v1`; the same course before the patch is
 * `parcours-writes-2026-v1`) so test/replay.test.ts keeps this path too, and the bench times the replay of a
 * 10-month course with it.
 */
import { nextPeriod, periodEnd } from '../domain/dates';
import { certifierEtatPresence, etatQuery } from '../workflows/parcours/messages';
import { newPerson } from './support/fixtures';
import { expectReadModelInStep } from './support/read-model';
import { enterTraining, establishPay, eventually, skipTo, skipToNext } from './support/journey';
import { saveHistory, startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';

let sys: TimeSkippingSystem;
const delays = { paymentDelay: '1 hour', avanceDelayDays: 3, handoffRetryInitial: '100 milliseconds', handoffRetryMaximum: '1 second' } as const;
const FULL_MONTH = 140 * 60;

beforeAll(async () => {
  sys = await startTimeSkippingSystem('scale-ts');
});
afterAll(() => sys?.stop());

const deadlineOf = (caseId: string) => sys.row(`select echeance_kind as kind from dossier where id = ?`, [caseId]);
const releve = (caseId: string, period: string) => sys.row(
  `select template, status from sent_mail where idempotency_key like ?`, [`${caseId}:releve:${period}:%`]);
const paid = (caseId: string, period: string) => eventually<{ cents: number } | undefined>(
  () => sys.row(`select amount_cents::int as cents from payment where dossier_id = ? and period = ? and kind = 'MENSUEL'`, [caseId, period]), Boolean);

test('10 months certified with a summary each, each paid; a repeated statement changes nothing', async () => {
  const entry = await skipToNext(sys, '09-01');
  const caseId = await enterTraining(sys, entry, delays, { person: newPerson({ birthDate: `${Number(entry.slice(0, 4)) - 22}-04-12` }) });
  await establishPay(sys, caseId);
  const organisme = `organisme:${sys.catalogue.organisme.id}`;
  const certify = (period: string) => sys.handle(caseId).executeUpdate(certifierEtatPresence, {
    args: [{ actor: organisme, period, scheduledMinutes: FULL_MONTH, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0 }] });

  let period = entry.slice(0, 7);
  for (let month = 1; month <= 10; month += 1, period = nextPeriod(period)) {
    await skipTo(sys, new Date(Date.parse(periodEnd(period)) + 3_600_000).toISOString());
    // The month is over: its statement is the case's deadline in the work queue...
    await eventually(() => deadlineOf(caseId), (d) => d?.kind === 'etat_presence');
    const done = await certify(period);
    // ...until it arrives: the statement's own write cleared it (no activity of its own since WRITES_2026_PATCH).
    expect(await deadlineOf(caseId)).toEqual({ kind: null });
    expect(done).toMatchObject({ caseId, period, outcome: 'enregistre' });
    if (month === 1) expect(await certify(period)).toEqual({ ...done, outcome: 'inchange' });
    await sys.env.sleep('2 hours'); // past the correction window
    expect((await paid(caseId, period))?.cents).toBeGreaterThanOrEqual(0);
    // The payment's activity sent the relevé once the payment was committed.
    expect(await eventually(() => releve(caseId, period), (r) => r?.status === 'sent')).toMatchObject({ template: 'releve_mensuel' });
    await expectReadModelInStep(sys.rows, sys.handle(caseId), etatQuery, caseId);
  }
  // Each payment's journal entry, written by the payment's activity, says what was paid, as the workflow's does.
  const journal = await sys.rows(`select detail->>'period' as period, (detail->>'paidCents')::int as paid
    from audit_entry where dossier_id = ? and action = 'paiement_mensuel' order by seq`, [caseId]);
  const state = await sys.handle(caseId).query(etatQuery);
  expect(journal).toEqual(state.history.filter((h) => h.action === 'paiement_mensuel').map((h) => ({ period: h.detail!.period, paid: h.detail!.paidCents })));
  expect(journal).toHaveLength(10);
  const statements = await sys.rows(`select period, version from attendance_statement where dossier_id = ? order by period`, [caseId]);
  expect(statements).toHaveLength(10);
  const history = await sys.handle(caseId).fetchHistory();
  // The repeat wrote nothing: one statement storage per month.
  const activities = (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  expect(activities.filter((name) => name === 'recordStatement')).toHaveLength(10);
  // One activity per payment, its relevé included: no mail activity after a payment any more (before: always one).
  expect(activities.filter((name) => name === 'payMonth')).toHaveLength(10);
  expect(activities.filter((name, i) => name === 'payMonth' && activities[i + 1] === 'sendMail')).toEqual([]);
  const releves = await sys.row(`select count(*)::int as n from sent_mail where dossier_id = ? and template = 'releve_mensuel' and status = 'sent'`, [caseId]);
  expect(releves.n).toBe(10);
  // ...and each relevé reached the mail server once.
  expect(sys.smtp.mails.filter((m) => m.subject?.startsWith('Votre rémunération'))).toHaveLength(10);
  // The statements' and the payments' journal entries need no activity of their own, nor an unchanged search attribute.
  expect(activities.filter((name) => name === 'recordTransition').length).toBeLessThan(10);
  expect((history.events ?? []).filter((e) => e.upsertWorkflowSearchAttributesEventAttributes).length).toBeLessThan(10);
  console.log(`10-month course (certifierEtatPresence): ${history.events?.length} history events in one run`);
  saveHistory('parcours-payment-mail', history);
});

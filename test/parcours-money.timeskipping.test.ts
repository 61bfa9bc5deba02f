/**
 * The 2026 money of the trainee journey (issue 8 §1) on the time-skipping server, in a database of the
 * suite's own (the four-eyes check reads the latest month paid in the whole ledger). Real PostgreSQL, real
 * SMTP, real HTTP for the caseworker's and finance's routes. Amounts worked out by hand in the comments.
 * Tests run in order on one clock: each starts after the previous one's months.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createApp } from '../api/app';
import { issueToken, type Principal } from '../api/auth';
import { nextPeriod, periodEnd } from '../domain/dates';
import { paymentReference } from '../domain/paiements/reference';
import { formatEuros } from '../domain/remuneration';
import {
  accorderAide, declarerSortie, etablirRemuneration, etatQuery, soumettreEtatPresence, type AccorderAide, type ProfilRemuneration,
} from '../workflows/parcours/messages';
import { createOwnDatabase, type OwnDatabase } from './support/database';
import { newPerson } from './support/fixtures';
import { CASEWORKER, enterTraining, eventually, FULL_TIME_PROFILE, skipTo, skipToNext } from './support/journey';
import { isTo } from './support/smtp';
import { saveHistory, startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';

let db: OwnDatabase;
let sys: TimeSkippingSystem;
const delays = { paymentDelay: '1 hour', avanceDelayDays: 3, handoffRetryInitial: '100 milliseconds', handoffRetryMaximum: '1 second' } as const;
const organisme = (): string => `organisme:${sys.catalogue.organisme.id}`;
const FULL_MONTH = 140 * 60;

beforeAll(async () => {
  db = await createOwnDatabase('money_ts');
  sys = await startTimeSkippingSystem('money-ts', { databaseUrl: db.url });
});
afterAll(async () => {
  await sys?.stop();
  await db?.drop();
});

interface PaymentRow { reference: string; cents: number; breakdown: Record<string, any> }
const payment = (caseId: string, period: string, kind = 'MENSUEL') =>
  eventually<PaymentRow>(() => sys.row(`select reference, amount_cents::int as cents, breakdown from payment where dossier_id = ? and period = ? and kind = ?`,
    [caseId, period, kind]), Boolean);
const birthYear = (entry: string, age: number): string => `${Number(entry.slice(0, 4)) - age}-01-15`;

async function certify(caseId: string, period: string, scheduledMinutes = FULL_MONTH, unjustifiedAbsenceMinutes = 0): Promise<void> {
  await skipTo(sys, new Date(Date.parse(periodEnd(period)) + 3_600_000).toISOString());
  await sys.handle(caseId).executeUpdate(soumettreEtatPresence, {
    args: [{ actor: organisme(), period, scheduledMinutes, unjustifiedAbsenceMinutes, indemnitesJournalieresCents: 0 }] });
  await sys.env.sleep('2 hours'); // past the correction window
}

/** A late correction: the month is paid already. */
const correct = (caseId: string, period: string, unjustifiedAbsenceMinutes: number) => sys.handle(caseId).executeUpdate(soumettreEtatPresence, {
  args: [{ actor: organisme(), period, scheduledMinutes: FULL_MONTH, unjustifiedAbsenceMinutes, indemnitesJournalieresCents: 0 }] });

async function establishPay(caseId: string, rythme: 'temps_plein' | 'temps_partiel', profile: ProfilRemuneration): Promise<void> {
  await sys.rows(`insert into bank_account (dossier_id, iban, recorded_by) values (?, ?, ?)`, [caseId, 'FR7630006000011234567890189', CASEWORKER]);
  await sys.rows(`insert into remuneration_dossier (dossier_id, rythme, profile, recorded_by) values (?, ?, ?, ?)`, [caseId, rythme, JSON.stringify(profile), CASEWORKER]);
  await sys.handle(caseId).executeUpdate(etablirRemuneration, { args: [{ actor: CASEWORKER, profile, rythme, indemniseARE: false }] });
}

/** The failure an update was refused with (validator or activity). */
async function refusal(caseId: string, args: AccorderAide): Promise<ApplicationFailure> {
  const err = await sys.handle(caseId).executeUpdate(accorderAide, { args: [args] }).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  let cause = (err as Error).cause;
  while (cause && !(cause instanceof ApplicationFailure && cause.type)) cause = (cause as Error).cause;
  return cause as ApplicationFailure;
}

test('upratings: a 1 April row approved by a second finance user applies to the April of a trainee who entered in March; the avance keeps the row of the entry', async () => {
  const entry = await skipToNext(sys, '03-01');
  const year = entry.slice(0, 4);
  // No 2026 row is known: the 2025 row (561,68 €, unverified) applies until finance enters the next one, over HTTP.
  const api = await startApi();
  try {
    const [a, b] = await Promise.all(['comptable-a', 'comptable-b'].map((sub) => api.token({ sub, role: 'finance' })));
    const proposal = await api.call('POST', '/parametres/propositions', a, { table: 'remuneration_rate', category: 'jeune_18_25',
      effectiveFrom: `${year}-04-01`, monthlyCents: 571_23, source: 'test : barème publié', verified: true });
    expect((await api.call('POST', `/parametres/propositions/${proposal.body.id}/approbation`, b)).status).toBe(200);
  } finally {
    await api.stop();
  }
  const caseId = await enterTraining(sys, entry, delays, { person: newPerson({ birthDate: birthYear(entry, 20) }) });
  await establishPay(caseId, 'temps_plein', FULL_TIME_PROFILE);
  await sys.env.sleep('4 days');
  // Avance: 50 % of the row in force at entry, 561,68 € → 280,84 €.
  expect((await payment(caseId, `${year}-03`, 'AVANCE')).cents).toBe(280_84);
  await certify(caseId, `${year}-03`);
  await certify(caseId, `${year}-04`);
  const march = await payment(caseId, `${year}-03`);
  const april = await payment(caseId, `${year}-04`);
  // March: 561,68 € less the avance (280,84 €). April: the new row, 571,23 €, for a trainee who entered before it.
  expect([march.cents, march.breakdown.rateEffectiveFrom]).toEqual([280_84, '2025-04-01']);
  expect([april.cents, april.breakdown.rateEffectiveFrom]).toEqual([571_23, `${year}-04-01`]);
  const mail = await sys.smtp.waitFor((m) => m.subject === `Votre rémunération d'avril ${year}` && (m.text ?? '').includes(formatEuros(571_23)));
  expect(mail.text).toContain(`Montant pour un mois complet à temps plein : ${formatEuros(571_23)}.`);
});

test('part time below the ASS, for a trainee flagged eligibleASS, is raised to the ASS; aids: each grant its own payment, with quantities; a second "once per course" aid is refused and nothing is recorded', async () => {
  const entry = await skipToNext(sys, '06-01');
  const [year, june] = [entry.slice(0, 4), entry.slice(0, 7)];
  const person = newPerson({ birthDate: birthYear(entry, 20) });
  const caseId = await enterTraining(sys, entry, delays, { person });
  await establishPay(caseId, 'temps_partiel', { ...FULL_TIME_PROFILE, eligibleASS: true });
  await sys.env.sleep('4 days');
  // Avance: 50 % of the full-time 571,23 € (the row approved above) = 285,615 → 285,61 €.
  expect((await payment(caseId, june, 'AVANCE')).cents).toBe(285_61);

  const grant = (kind: AccorderAide['kind'], quantity?: number) =>
    sys.handle(caseId).executeUpdate(accorderAide, { args: [{ actor: CASEWORKER, kind, ...(quantity ? { quantity } : {}) }] });
  // Refused by the rules in the activity (the workflow does not know yet that equipment is once per course).
  const badQuantity = await refusal(caseId, { actor: CASEWORKER, kind: 'equipement', quantity: 2 });
  expect([badQuantity.type, badQuantity.message]).toEqual(['InvalidArgument', 'Une aide versée une fois par parcours se demande avec la quantité 1.']);
  await grant('mobilite_hebergement', 3); // 3 nights × 20,00 € (example row)
  await grant('mobilite_transport'); // 1 month × 100,00 €
  await grant('mobilite_hebergement', 2); // a second grant of the same kind in the same month: its own payment
  await grant('equipement'); // 300,00 €, once per course
  const again = await refusal(caseId, { actor: CASEWORKER, kind: 'equipement' });
  expect([again.type, again.message]).toEqual(['ActionNotAllowed', 'Aide à l’équipement est versée une seule fois par parcours : elle a déjà été accordée.']);
  const zero = await refusal(caseId, { actor: CASEWORKER, kind: 'mobilite_restauration', quantity: 0 });
  expect(zero.type).toBe('InvalidArgument');

  // Journal and ledger agree: four grants, four payments, each under its own reference.
  const state = await sys.handle(caseId).query(etatQuery);
  const journal = state.history.filter((h) => h.action === 'aide_accordee').map((h) => [h.detail!.kind, h.detail!.quantity, h.detail!.amountCents]);
  expect(journal).toEqual([['mobilite_hebergement', 3, 60_00], ['mobilite_transport', 1, 100_00], ['mobilite_hebergement', 2, 40_00], ['equipement', 1, 300_00]]);
  // Granted on the 5th: period June; references of their own (test/money-ledger.test.ts checks their exact value).
  const ledger = await sys.rows(`select reference, period, kind, aid_kind, seq, amount_cents::int as cents from payment where dossier_id = ? and kind like 'AIDE_%'
    order by issued_at`, [caseId]);
  expect(ledger.map(({ reference: _, ...r }) => r)).toEqual([
    { period: june, kind: 'AIDE_MOBILITE', aid_kind: 'mobilite_hebergement', seq: 1, cents: 60_00 },
    { period: june, kind: 'AIDE_MOBILITE', aid_kind: 'mobilite_transport', seq: 1, cents: 100_00 },
    { period: june, kind: 'AIDE_MOBILITE', aid_kind: 'mobilite_hebergement', seq: 2, cents: 40_00 },
    { period: june, kind: 'AIDE_EQUIPEMENT', aid_kind: 'equipement', seq: 1, cents: 300_00 },
  ]);
  expect(new Set(ledger.map((r) => r.reference)).size).toBe(4);
  expect(state.formation!.aids).toEqual(ledger.map((r) => r.reference));

  // June, 60 h part time: 60 h × 571,23 € / 151,67 h = 225,98 €, below the ASS (19,33 € × 30 = 579,90 €): raised to it.
  await certify(caseId, june, 60 * 60);
  const paid = await payment(caseId, june);
  expect(paid.breakdown.netCents).toBe(579_90);
  expect(paid.breakdown.plancherASS).toMatchObject({ partTimeCents: 225_98, floorCents: 579_90, applied: true });
  expect(paid.cents).toBe(579_90 - 285_61);
  const mail = await sys.smtp.waitFor((m) => isTo(person.email)(m) && m.subject === `Votre rémunération de juin ${year}`);
  expect(mail.text).toContain(`Votre rémunération est donc augmentée à ${formatEuros(579_90)}.`);
});

test('corrections: a raise of a paid month is paid (complement), a second lowering is an indu of its own; indus are withheld from the next payment, move to a repayment order at the exit, and are repaid or remitted', async () => {
  const entry = await skipToNext(sys, '09-01');
  const [sept, oct] = [entry.slice(0, 7), nextPeriod(entry.slice(0, 7))];
  const person = newPerson({ birthDate: birthYear(entry, 30) }); // 26 and over: 769,49 € (2025 row)
  const caseId = await enterTraining(sys, entry, delays, { person });
  await establishPay(caseId, 'temps_plein', FULL_TIME_PROFILE);
  await sys.env.sleep('4 days'); // avance: 50 % of 769,49 € = 384,74 €
  await sys.handle(caseId).executeUpdate(accorderAide, { args: [{ actor: CASEWORKER, kind: 'mobilite_restauration', quantity: 10 }] }); // 10 × 3,50 €
  await certify(caseId, sept);
  expect((await payment(caseId, sept)).cents).toBe(769_49 - 384_74);

  // Late corrections of September, all before October is paid.
  await correct(caseId, sept, 14 * 60); // 769,49 × 126/140 = 692,54 €: indu n° 1 of 76,95 €, withheld (October ahead)
  await correct(caseId, sept, 21 * 60); // 769,49 × 119/140 = 654,07 €: indu n° 2 of 38,47 €, its own reference
  await correct(caseId, sept, 7 * 60); // 769,49 × 133/140 = 731,02 €: a complement of 76,95 €, paid
  const complement = await payment(caseId, sept, 'COMPLEMENT');
  expect([complement.reference.slice(0, 10), complement.cents]).toEqual([`CO-${sept.replace('-', '')}-`, 76_95]);
  const indus = await sys.rows(`select reference, amount_cents::int as cents, plan from overpayment where dossier_id = ? order by seq`, [caseId]);
  const [in1, in2] = indus.map((i) => i.reference);
  // Indu n° 1 keeps the reference of the month's single indu of the first ledger; n° 2 has its own.
  expect(indus).toEqual([{ reference: paymentReference(caseId, sept, 'INDU'), cents: 76_95, plan: 'retenue' },
    { reference: expect.not.stringMatching(in1), cents: 38_47, plan: 'retenue' }]);
  const recomputed = await sys.smtp.waitFor((m) => isTo(person.email)(m) && (m.text ?? '').includes('a été recalculée'));
  expect(recomputed.text).toContain(`Nous vous versons la différence : ${formatEuros(76_95)}.`);

  // The trainee leaves on 3 October: 3/31 × 769,49 € = 74,47 €, all withheld for indu n° 1 (2,48 € left).
  await skipTo(sys, `${oct}-04T10:00:00.000Z`);
  await sys.handle(caseId).executeUpdate(declarerSortie, { args: [{ actor: organisme(), kind: 'abandon', exitDate: `${oct}-03` }] });
  await certify(caseId, oct, 14 * 60);
  const october = await payment(caseId, oct);
  expect([october.cents, october.breakdown.netCents]).toEqual([0, 74_47]);
  expect(october.breakdown.lines).toContain(`Retenue pour la somme versée en trop en septembre ${sept.slice(0, 4)} : -${formatEuros(74_47)}.`);
  // At the exit no payment is ahead: 2,48 € + 38,47 € move to a repayment order, and the trainee is told.
  const exitMail = await sys.smtp.waitFor((m) => isTo(person.email)(m) && (m.text ?? '').includes(`Vous avez reçu ${formatEuros(40_95)} de trop`));
  expect(exitMail.text).toContain('un courrier qui explique comment rembourser');

  const api = await startApi();
  try {
    const caseworker = await api.token({ sub: 'agent-12', role: 'caseworker' });
    const finance = await api.token({ sub: 'comptable-a', role: 'finance' });
    const indus = await api.call('GET', `/cases/${caseId}/indus`, finance);
    expect(indus.body.items.map((i: { reference: string; status: string; plan: string; remainingCents: number }) => [i.reference, i.status, i.plan, i.remainingCents]))
      .toEqual([[in1, 'recouvre_partiellement', 'ordre_de_reversement', 2_48], [in2, 'a_recouvrer', 'ordre_de_reversement', 38_47]]);
    expect((await api.call('POST', `/cases/${caseId}/indus/${in2}/remise`, finance, { motif: 'situation sociale' })).status).toBe(403);
    const remitted = await api.call('POST', `/cases/${caseId}/indus/${in2}/remise`, caseworker, { motif: 'situation sociale difficile' });
    expect(remitted).toMatchObject({ status: 200, body: { status: 'remis', remainingCents: 0,
      movements: [{ amountCents: 38_47, method: 'remise', actor: 'caseworker:agent-12', motif: 'situation sociale difficile' }] } });
    expect(await api.call('POST', `/cases/${caseId}/indus/${in2}/remise`, caseworker, { motif: 'encore' }))
      .toMatchObject({ status: 409, body: { code: 'indu_clos', error: 'Cet indu est déjà soldé (remis).' } });
    expect(await api.call('POST', `/cases/${caseId}/indus/${in1}/reversements`, finance, { amountCents: 3_00 }))
      .toMatchObject({ status: 409, body: { code: 'depasse_le_reste' } });
    const repaid = await api.call('POST', `/cases/${caseId}/indus/${in1}/reversements`, finance, { amountCents: 2_48 });
    expect(repaid.body.movements.map((m: { method: string; amountCents: number }) => [m.method, m.amountCents]))
      .toEqual([['retenue', 74_47], ['ordre_de_reversement', 2_48]]);
    expect(repaid.body.status).toBe('recouvre');
    expect(await sys.rows(`select action, actor from audit_entry where dossier_id = ? and action in ('indu_remise', 'indu_reversement') order by id`, [caseId]))
      .toEqual([{ action: 'indu_remise', actor: 'caseworker:agent-12' }, { action: 'indu_reversement', actor: 'finance:comptable-a' }]);
  } finally {
    await api.stop();
  }
  expect((await sys.handle(caseId).query(etatQuery)).history.map((h) => h.action)).toEqual(expect.arrayContaining(['aide_accordee', 'complement', 'indu']));
  saveHistory('parcours-money-2026-v1', await sys.handle(caseId).fetchHistory());
});

/** The real API over HTTP on the suite's database and client (the routes of the caseworker and finance). */
async function startApi() {
  const server: Server = await new Promise((resolve) => {
    const s = createApp(sys.ctx).listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    token: (p: Principal) => issueToken(sys.ctx.config.AUTH_JWT_SECRET, p),
    async call(method: string, path: string, token: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json() as any };
    },
    stop: () => new Promise((r) => server.close(r)),
  };
}

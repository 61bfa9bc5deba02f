/**
 * The ledger under the 2026 money, on real PostgreSQL in a database of the suite's own: rows written by the
 * code before Migration20261208000000 keep their references and meaning; activities scheduled by old code
 * still work; grants, complements and numbered indus get their own references, which the payment file
 * accepts; retenues are withheld once, even when the pay activity runs again or twice at the same time.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ActivityDeps } from '../activities/deps';
import { buildPaymentFile } from '../activities/paiements/payment-file';
import { writeOverpayment } from '../activities/paiements/ledger';
import { remunerationActivities } from '../activities/parcours/remuneration/remuneration';
import { Dossier, ParcoursDossier, Person } from '../db/entities';
import { migrate, openOrm } from '../db/orm';
import { aidReference, complementReference, overpaymentReference, paymentReference } from '../domain/paiements/reference';
import type { BaremeDecision } from '../domain/remuneration';
import { createOwnDatabase, type OwnDatabase } from './support/database';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';

let db: OwnDatabase;
let orm: MikroORM;
let cat: Catalogue;
let pay: ReturnType<typeof remunerationActivities>;
const em = (): EntityManager => orm.em.fork() as EntityManager;

/** 26 and over at entry: 769,49 € a month since 1 April 2025 (no later row in this database). */
const ADULT: BaremeDecision = { category: 'adulte_26_plus', entryDate: '2026-09-01', ageAtEntry: 30, fixedMonthlyCents: null, reasonFr: '' };
const month = (period: string, absentHours = 0) => ({
  decision: ADULT, rythme: 'temps_plein' as const, trainingStart: '2026-09-01', trainingEnd: '2027-06-30', eligibleASS: false,
  statement: { period, scheduledMinutes: 140 * 60, unjustifiedAbsenceMinutes: absentHours * 60, indemnitesJournalieresCents: 0 },
});

async function newCase(): Promise<string> {
  const manager = em();
  const person = manager.create(Person, { id: randomUUID(), personKey: randomUUID().replace(/-/g, ''), phone: null, ...newPerson() });
  const dossier = manager.create(Dossier, { id: randomUUID(), person, processKind: 'parcours', stage: 'en_formation', referentEmail: 'r@normandie.test', createdBy: 'test' });
  manager.create(ParcoursDossier, { dossier, session: cat.session.id });
  await manager.flush();
  await manager.execute(`insert into bank_account (dossier_id, iban, recorded_by) values (?, 'FR7630006000011234567890189', 'test')`, [dossier.id]);
  return dossier.id;
}

beforeAll(async () => {
  // Up to the migration before the 2026 ledger: the first test writes rows as the old code did.
  db = await createOwnDatabase('money_ledger', 'Migration20261205000200');
  orm = await openOrm(db.url);
  cat = await seedCatalogue(orm);
  // No relevé asked here (the payments' mails are the journeys' tests): a call would fail the test.
  pay = remunerationActivities({ orm } as unknown as ActivityDeps, async () => { throw new Error('no mail expected in the ledger tests'); });
});

afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

test('rows written before the migration keep their references and meaning; an aid scheduled by old code keeps its reference on a retry; new grants and a second indu of the month get their own; the payment file takes them all', async () => {
  const caseId = await newCase();
  // What the old code wrote: an aid (one per month and kind), the month, its one indu and the indu's plan entry.
  const legacyAid = paymentReference(caseId, '2026-10', 'AIDE_MOBILITE');
  await em().execute(`insert into payment (reference, dossier_id, period, kind, amount_cents, breakdown) values
    (?, ?, '2026-10', 'AIDE_MOBILITE', 2000, '{"lines":["Aide (mobilite_hebergement) : 20,00 €."]}'),
    (?, ?, '2026-10', 'MENSUEL', 76949, '{"netCents":76949,"lines":[]}')`, [legacyAid, caseId, paymentReference(caseId, '2026-10', 'MENSUEL'), caseId]);
  const legacyIndu = paymentReference(caseId, '2026-10', 'INDU');
  await em().execute(`insert into overpayment (reference, dossier_id, period, amount_cents, reason) values (?, ?, '2026-10', 1000, 'correction')`, [legacyIndu, caseId]);
  await em().execute(`insert into overpayment_recovery (overpayment_reference, amount_cents, method) values (?, 1000, 'ordre_de_reversement')`, [legacyIndu]);
  await migrate(orm);

  expect(await em().execute(`select aid_kind, seq from payment where reference = ?`, [legacyAid])).toEqual([{ aid_kind: 'mobilite_hebergement', seq: null }]);
  expect(await em().execute(`select o.seq, o.plan, o.status, r.entry_type from overpayment o join overpayment_recovery r on r.overpayment_reference = o.reference
    where o.reference = ?`, [legacyIndu])).toEqual([{ seq: 1, plan: 'ordre_de_reversement', status: 'a_recouvrer', entry_type: 'plan' }]);

  // payAid with the old input (an activity scheduled before the deployment, retried now): the old reference, no second row.
  expect(await pay.payAid({ caseId, kind: 'mobilite_hebergement', date: '2026-10-15' })).toEqual({ reference: legacyAid, amountCents: 20_00 });
  // A new grant of the same aid in the same month: number 1 (the old grant counts as 0), its own reference; a retry finds it.
  const grant = { caseId, kind: 'mobilite_hebergement' as const, quantity: 2, date: '2026-10-20', decisionKey: 'aide:test-1' };
  const first = await pay.payAidGrant(grant);
  expect(first).toMatchObject({ reference: aidReference({ caseId, period: '2026-10', aidKind: 'mobilite_hebergement', grantSeq: 1 }), amountCents: 40_00, grantSeq: 1 });
  expect(await pay.payAidGrant(grant)).toEqual(first);

  // A second lowering of October: the old indu is n° 1, this one n° 2. 769,49 × 126/140 = 692,54 €; settled 769,49 − 10,00 = 759,49 €.
  const lowering = { ...month('2026-10', 14), caseId, decisionKey: 'correction:2026-10:7', paymentsAhead: true };
  const indu = await pay.correctPaidMonth(lowering);
  expect(indu).toEqual({ kind: 'indu', period: '2026-10', seq: 2, amountCents: 66_95, reference: overpaymentReference({ caseId, period: '2026-10', seq: 2 }), plan: 'retenue' });
  expect(await pay.correctPaidMonth(lowering)).toEqual(indu);
  // Back to no absence: 769,49 − 692,54 = 76,95 € more, paid as complement n° 1.
  const raise = await pay.correctPaidMonth({ ...month('2026-10'), caseId, decisionKey: 'correction:2026-10:8', paymentsAhead: true });
  const complement = complementReference({ caseId, period: '2026-10', seq: 1 });
  expect(raise).toMatchObject({ kind: 'complement', seq: 1, amountCents: 76_95, reference: complement });

  const file = await buildPaymentFile(em(), { executionDate: '2038-04-27', createdAt: '2026-12-01T10:00:00', createdBy: 'finance:test',
    debtor: { name: 'Région Normandie', iban: 'FR7630006000011234567890189' } });
  expect(file!.heldBack).toEqual([]);
  expect(file!.references).toEqual([legacyAid, first.reference, complement, paymentReference(caseId, '2026-10', 'MENSUEL')].sort());
  expect(file!.csv).toContain(`${complement},${caseId}`);
  expect(file!.xml).toContain('complement remuneration stagiaire 2026-10');
});

test('a monthly payment withholds the open indus on retenue, oldest first, in its own transaction; run again or three times at once, it withholds once', async () => {
  const caseId = await newCase();
  await em().transactional(async (tx) => {
    await writeOverpayment(tx as EntityManager, { caseId, period: '2026-10', seq: 1, amountCents: 100_00, reason: 'correction', recovery: 'retenue' });
    await writeOverpayment(tx as EntityManager, { caseId, period: '2026-11', seq: 1, amountCents: 700_00, reason: 'correction', recovery: 'retenue' });
    await writeOverpayment(tx as EntityManager, { caseId, period: '2026-11', seq: 2, amountCents: 5_00, reason: 'correction', recovery: 'ordre_de_reversement' });
  });
  const input = { ...month('2026-12'), caseId, avanceRemainingCents: 50_00 };
  const results = await Promise.all([pay.payMonth(input), pay.payMonth(input), pay.payMonth(input)]);
  // 769,49 € − 50,00 € of avance = 719,49 €; 100,00 € then 619,49 € of the 700,00 € withheld; the repayment-order indu untouched.
  expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  expect(results[0]).toMatchObject({ netCents: 769_49, paidCents: 0, recoveredCents: 50_00 });
  expect(results[0].lines.slice(-4)).toEqual([
    'Retenue pour l\'avance déjà versée : -50,00\u00a0€.',
    'Retenue pour la somme versée en trop en octobre 2026 : -100,00\u00a0€.',
    'Retenue pour la somme versée en trop en novembre 2026 : -619,49\u00a0€.',
    'Virement de ce mois : 0,00\u00a0€.',
  ]);
  expect(await pay.payMonth(input)).toEqual(results[0]);
  const rows = await em().execute(`select o.period, o.seq, o.status, r.amount_cents::int as cents, r.payment_reference from overpayment o
    join overpayment_recovery r on r.overpayment_reference = o.reference and r.entry_type = 'movement' where o.dossier_id = ? order by r.id`, [caseId]);
  const ref = paymentReference(caseId, '2026-12', 'MENSUEL');
  expect(rows).toEqual([
    { period: '2026-10', seq: 1, status: 'recouvre', cents: 100_00, payment_reference: ref },
    { period: '2026-11', seq: 1, status: 'recouvre_partiellement', cents: 619_49, payment_reference: ref },
  ]);
});

/**
 * The 2026 money over HTTP: the parameter rows finance sees (source, verified, missing upratings, told once),
 * the four-eyes proposals, and a trainee's pay file and aids through the real API, worker and dev server.
 * A database of the suite's own: the four-eyes check reads the latest month paid in the whole ledger.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier, ParcoursDossier, Person } from '../db/entities';
import { paymentReference } from '../domain/paiements/reference';
import { parisClock } from '../domain/dates';
import { latestFirstOfApril } from '../domain/remuneration';
import { startSystem, type System } from './support/api';
import { testConfig, uniqueQueue } from './support/config';
import { createOwnDatabase, type OwnDatabase } from './support/database';
import { createSession, isoDay, newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';

let db: OwnDatabase;
let sys: System;
let smtp: SmtpCatcher;
let cat: Catalogue;
const t: Record<string, string> = {};
const em = (): EntityManager => sys.orm.em.fork() as EntityManager;
const audit = (action: string) => em().execute(`select actor, detail from audit_entry where action = ? order by id`, [action]);

beforeAll(async () => {
  [db, smtp] = await Promise.all([createOwnDatabase('money_api'), startSmtpCatcher()]);
  const ftId = randomUUID();
  sys = await startSystem(testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('money-api'), FRANCE_TRAVAIL_ORG_ID: ftId }));
  cat = await seedCatalogue(sys.orm, {}, ftId);
  t.financeA = await sys.token({ sub: 'comptable-a', role: 'finance' });
  t.financeB = await sys.token({ sub: 'comptable-b', role: 'finance' });
  t.caseworker = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  t.organisme = await sys.token({ sub: 'f-1', role: 'organisme', org: cat.organisme.id });
});

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
  await db?.drop();
});

const rate = (effectiveFrom: string, monthlyCents = 571_23) =>
  ({ table: 'remuneration_rate', category: 'jeune_18_25', effectiveFrom, monthlyCents, source: 'barème publié au JO', verified: true });

test('finance sees every row in force with its source and whether it was verified, and the 1 April upratings not entered yet; a provider may not', async () => {
  const view = await sys.call('GET', '/parametres/remuneration?date=2026-06-15', { token: t.financeA });
  expect(view.status).toBe(200);
  const row = (table: string, key: string) => view.body.rows.find((r: { table: string; key: string }) => r.table === table && r.key === key);
  expect(row('remuneration_rate', 'jeune_18_25')).toEqual({ table: 'remuneration_rate', key: 'jeune_18_25', effectiveFrom: '2025-04-01',
    values: { monthlyCents: 561_68 }, source: 'R6341-24-8, ×1,017 ; aucun barème publié trouvé, arrondi incertain', verified: false });
  expect(row('ass_amount', '')).toMatchObject({ effectiveFrom: '2025-04-01', values: { dailyCents: 19_33 }, verified: true });
  expect(row('aid_amount', 'equipement')).toMatchObject({ source: 'exemple, montants de la Région inconnus', verified: false });
  expect(view.body.missingUpratings.map((n: { key: string }) => n.key)).toEqual(expect.arrayContaining(['revalorisation-2026-04-01-remuneration_rate']));
  expect(view.body.messagesFr).toEqual(expect.arrayContaining([
    "la revalorisation du 1er avril 2026 n'est pas encore saisie : le barème du 1er avril 2025 s'applique",
    'ligne non vérifiée : le barème du 1er avril 2025 (source : R6341-24-8, ×1,017 ; aucun barème publié trouvé, arrondi incertain)',
  ]));
  expect((await sys.call('GET', '/parametres/remuneration', { token: t.caseworker })).status).toBe(200);
  expect((await sys.call('GET', '/parametres/remuneration', { token: t.organisme })).status).toBe(403);
  expect((await sys.call('GET', '/parametres/remuneration?date=0187-01-01', { token: t.financeA })).status).toBe(400);
});

test('after 1 April with no new row, finance is told once: the notice shows until a finance user marks it read', async () => {
  const key = `revalorisation-${latestFirstOfApril(parisClock().today)}-remuneration_rate`;
  const keys = async () => (await sys.call('GET', '/parametres/remuneration', { token: t.financeB })).body.avis.map((a: { key: string }) => a.key);
  expect(await keys()).toContain(key);
  expect(await keys()).toContain(key); // shown again until read
  expect((await sys.call('POST', `/parametres/avis/${key}/lecture`, { token: t.caseworker })).status).toBe(403);
  const read = await sys.call('POST', `/parametres/avis/${key}/lecture`, { token: t.financeA });
  expect(read).toMatchObject({ status: 200, body: { key, readBy: 'finance:comptable-a' } });
  expect(await keys()).not.toContain(key);
  expect(await audit('parametre_avis_lu')).toEqual([{ actor: 'finance:comptable-a', detail: { key } }]);
  expect((await sys.call('POST', '/parametres/avis/revalorisation-2099-04-01-ass_amount/lecture', { token: t.financeA })).status).toBe(404);
});

test('four eyes: finance proposes a dated row, the proposer may not approve it, another finance user does and the row is in force from its date; a rejection needs a reason; every step is audited', async () => {
  const proposed = await sys.call('POST', '/parametres/propositions', { token: t.financeA, body: rate('2027-04-01') });
  expect(proposed).toMatchObject({ status: 201, body: { status: 'proposee', proposedBy: 'finance:comptable-a', decidedBy: null, row: rate('2027-04-01') } });
  const id = proposed.body.id;
  expect((await sys.call('POST', '/parametres/propositions', { token: t.caseworker, body: rate('2027-04-01') })).status).toBe(403);
  expect(await sys.call('POST', `/parametres/propositions/${id}/approbation`, { token: t.financeA })).toMatchObject({ status: 409,
    body: { code: 'meme_personne', error: 'La personne qui valide doit être différente de celle qui a proposé (contrôle à quatre yeux).' } });
  expect(await em().execute(`select 1 from remuneration_rate where effective_from = '2027-04-01'`)).toEqual([]);
  const approved = await sys.call('POST', `/parametres/propositions/${id}/approbation`, { token: t.financeB });
  expect(approved).toMatchObject({ status: 200, body: { status: 'approuvee', decidedBy: 'finance:comptable-b' } });
  expect(await em().execute(`select monthly_cents, source, verified from remuneration_rate where category = 'jeune_18_25' and effective_from = '2027-04-01'`))
    .toEqual([{ monthly_cents: 571_23, source: 'barème publié au JO', verified: true }]);
  const inForce = await sys.call('GET', '/parametres/remuneration?date=2027-04-01', { token: t.financeA });
  expect(inForce.body.rows).toContainEqual(expect.objectContaining({ key: 'jeune_18_25', effectiveFrom: '2027-04-01', verified: true }));
  expect((await sys.call('POST', `/parametres/propositions/${id}/approbation`, { token: t.financeA })).body.code).toBe('deja_traitee');

  const other = await sys.call('POST', '/parametres/propositions', { token: t.financeB, body: { table: 'ass_amount', effectiveFrom: '2027-04-01',
    dailyCents: 19_80, source: 'projet de décret', verified: false } });
  expect((await sys.call('POST', `/parametres/propositions/${other.body.id}/rejet`, { token: t.financeA, body: { motif: ' ' } })).status).toBe(400);
  const rejected = await sys.call('POST', `/parametres/propositions/${other.body.id}/rejet`, { token: t.financeA, body: { motif: 'décret non publié' } });
  expect(rejected.body).toMatchObject({ status: 'rejetee', reason: 'décret non publié', decidedBy: 'finance:comptable-a' });
  expect((await sys.call('GET', '/parametres/propositions?status=rejetee', { token: t.financeA })).body.items.map((p: { id: string }) => p.id)).toEqual([other.body.id]);

  const midMonth = await sys.call('POST', '/parametres/propositions', { token: t.financeA, body: rate('2027-04-15') });
  expect(midMonth).toMatchObject({ status: 400, body: { code: 'pas_un_premier_du_mois' } });
  expect((await sys.call('POST', '/parametres/propositions', { token: t.financeA, body: { ...rate('2027-05-01'), monthlyCents: 0 } })).body.code).toBe('montant_invalide');
  expect((await audit('parametre_propose')).map((a) => a.actor)).toEqual(['finance:comptable-a', 'finance:comptable-b']);
  expect(await audit('parametre_approuve')).toEqual([{ actor: 'finance:comptable-b', detail: { proposalId: id, table: 'remuneration_rate', effectiveFrom: '2027-04-01' } }]);
  expect((await audit('parametre_rejete')).map((a) => a.actor)).toEqual(['finance:comptable-a']);
});

test('the pay file says whether the part-timer would be entitled to the ASS; each aid is a payment, with its quantity; a second "once per course" aid is a 409 in French and writes nothing', async () => {
  const start = isoDay(-40);
  const session = await createSession(sys.orm, cat.organisme, start);
  const { body } = await sys.call('POST', '/cases', { token: t.caseworker, body: { person: newPerson(), sessionId: session.id } });
  const caseId: string = body.caseId;
  await sys.call('POST', `/cases/${caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: new Date().toISOString() } });
  await sys.call('POST', `/cases/${caseId}/positionnement/resultats`, { token: t.caseworker, body: { results: { avis: 'favorable' } } });
  await sys.call('POST', `/cases/${caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  await sys.call('POST', `/cases/${caseId}/entree`, { token: t.organisme, body: { entryDate: start } });
  const pay = await sys.call('POST', `/cases/${caseId}/remuneration`, { token: t.caseworker, body: { iban: 'FR7630006000011234567890189',
    rythme: 'temps_partiel', profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, rqth: false, eligibleASS: true } } });
  expect(pay.status).toBe(200);
  expect((await sys.call('GET', `/cases/${caseId}`, { token: t.caseworker })).body.formation.remuneration).toMatchObject({ rythme: 'temps_partiel', eligibleASS: true });

  const aid = (b: Record<string, unknown>) => sys.call('POST', `/cases/${caseId}/aides`, { token: t.caseworker, body: b });
  expect((await aid({ kind: 'mobilite_hebergement', quantity: 0 })).status).toBe(400);
  expect(await aid({ kind: 'equipement', quantity: 2 })).toMatchObject({ status: 400,
    body: { code: 'InvalidArgument', error: 'Une aide versée une fois par parcours se demande avec la quantité 1.' } });
  expect((await aid({ kind: 'mobilite_hebergement', quantity: 3 })).status).toBe(200);
  expect((await aid({ kind: 'equipement' })).status).toBe(200);
  expect(await aid({ kind: 'equipement' })).toMatchObject({ status: 409,
    body: { code: 'ActionNotAllowed', error: 'Aide à l’équipement est versée une seule fois par parcours : elle a déjà été accordée.' } });
  const view = await sys.call('GET', `/cases/${caseId}`, { token: t.caseworker });
  expect(view.body.history.filter((h: { action: string }) => h.action === 'aide_accordee').map((h: { detail: Record<string, unknown> }) => [h.detail.kind, h.detail.amountCents]))
    .toEqual([['mobilite_hebergement', 60_00], ['equipement', 300_00]]);
  expect(await em().execute(`select aid_kind, seq, amount_cents::int as cents from payment where dossier_id = ? and aid_kind is not null order by issued_at`, [caseId]))
    .toEqual([{ aid_kind: 'mobilite_hebergement', seq: 1, cents: 60_00 }, { aid_kind: 'equipement', seq: 1, cents: 300_00 }]);
  expect(await sys.call('GET', `/cases/${caseId}/indus`, { token: t.financeA })).toEqual({ status: 200, body: { items: [] } });
  expect((await sys.call('GET', `/cases/${caseId}/indus`, { token: t.organisme })).status).toBe(403);
});

test('a row cannot change a month already paid: refused when proposed, and checked again when approved', async () => {
  const caseId = await newCase();
  await paid(caseId, '2030-06');
  expect(await sys.call('POST', '/parametres/propositions', { token: t.financeA, body: rate('2030-06-01') })).toMatchObject({ status: 409,
    body: { code: 'mois_deja_paye', error: 'La date d’effet tombe dans un mois déjà payé (dernier mois payé : 2030-06) : la ligne changerait des montants versés.' } });
  const proposed = await sys.call('POST', '/parametres/propositions', { token: t.financeA, body: rate('2030-07-01') });
  expect(proposed.status).toBe(201);
  await paid(caseId, '2030-07'); // July is paid meanwhile
  expect((await sys.call('POST', `/parametres/propositions/${proposed.body.id}/approbation`, { token: t.financeB })).body.code).toBe('mois_deja_paye');
  expect(await em().execute(`select 1 from remuneration_rate where effective_from = '2030-07-01'`)).toEqual([]);
});

const paid = (caseId: string, period: string) => em().execute(`insert into payment (reference, dossier_id, period, kind, amount_cents, breakdown)
  values (?, ?, ?, 'MENSUEL', 56168, '{}')`, [paymentReference(caseId, period, 'MENSUEL'), caseId, period]);

async function newCase(): Promise<string> {
  const manager = em();
  const person = manager.create(Person, { id: randomUUID(), personKey: randomUUID().replace(/-/g, ''), phone: null, ...newPerson() });
  const dossier = manager.create(Dossier, { id: randomUUID(), person, processKind: 'parcours', stage: 'en_formation', referentEmail: 'r@normandie.test', createdBy: 'test' });
  manager.create(ParcoursDossier, { dossier, session: cat.session.id });
  await manager.flush();
  return dossier.id;
}

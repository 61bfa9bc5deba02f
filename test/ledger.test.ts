/**
 * The payment ledger and the paying agent's files, on the real PostgreSQL of the test setup.
 *
 * The suite works in a database of its own, created on that server and migrated here, then dropped: the
 * file builder takes EVERY pending payment, so payments issued at the same time by other suites (journeys
 * paid through their workflows) must not land in this suite's files, nor this suite's in theirs.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { checksumIBAN } from 'sepa';
import type { ActivityDeps } from '../activities/deps';
import { paymentActivities } from '../activities/paiements/ledger';
import { buildPaymentFile, readPaymentFile, type BuiltPaymentFile, type Debtor } from '../activities/paiements/payment-file';
import { createApp } from '../api/app';
import { issueToken } from '../api/auth';
import { Dossier, ParcoursDossier, Person } from '../db/entities';
import { migrate, openOrm } from '../db/orm';
import { paymentReference } from '../domain/paiements/reference';
import { testConfig, uniqueQueue } from './support/config';
import { isoDay, newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSystem, type System } from './support/api';

const DB_NAME = `ledger_${process.pid}_${Date.now()}`;
const REGION: Debtor = { name: 'Région Normandie', iban: checksumIBAN('FR0030001007941234567890185') };
const CREATED_AT = '2026-12-01T10:00:00';
const EXECUTION = '2026-12-03';

let admin: MikroORM;
let orm: MikroORM;
let ledgerUrl: string;
let cat: Catalogue;
let ledger: ReturnType<typeof paymentActivities>;

const em = (): EntityManager => orm.em.fork() as EntityManager;
/** A French IBAN with correct check digits, different for each call. */
const newIban = (): string => checksumIBAN(`FR003000600001${String(randomInt(1e9)).padStart(11, '0')}${String(randomInt(100)).padStart(2, '0')}`);

/** A case (person + dossier rows, no workflow), with bank details unless `iban` is null. */
async function newCase(iban: string | null = newIban()): Promise<string> {
  const manager = em();
  const person = manager.create(Person, { id: randomUUID(), personKey: randomUUID().replace(/-/g, ''), phone: null, ...newPerson() });
  const dossier = manager.create(Dossier, { id: randomUUID(), person, processKind: 'parcours', stage: 'en_formation', referentEmail: 'referent@normandie.test', createdBy: 'test' });
  manager.create(ParcoursDossier, { dossier, session: cat.session.id });
  await manager.flush();
  if (iban) await recordBankDetails(dossier.id, iban);
  return dossier.id;
}

async function recordBankDetails(caseId: string, iban: string): Promise<void> {
  await em().execute(`insert into bank_account (dossier_id, iban, recorded_by) values (?, ?, 'test')`,
    [caseId, iban]);
}

const rowsOf = (caseId: string) => em().execute(`select reference, amount_cents, payment_file_id from payment where dossier_id = ?`, [caseId]);
const build = (over: Partial<Parameters<typeof buildPaymentFile>[1]> = {}): Promise<BuiltPaymentFile | null> =>
  buildPaymentFile(em(), { executionDate: EXECUTION, createdAt: CREATED_AT, debtor: REGION, createdBy: 'finance:test', ...over });
/** Files whatever earlier tests left pending, so a test's file holds its own payments only. */
const drain = async (): Promise<void> => void (await build());

/** The XML is one line: a regex per element is enough to read it back. */
const tag = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>(.*?)</${name}>`, 'g'))].map((m) => m[1]);
const groupHeader = (xml: string): string => /<GrpHdr>(.*?)<\/GrpHdr>/.exec(xml)?.[1] ?? '';
const csvRows = (csv: string): string[] => csv.trimEnd().split('\n').slice(1);

beforeAll(async () => {
  admin = await openOrm(process.env.DATABASE_URL!);
  await admin.em.fork().getConnection().execute(`create database "${DB_NAME}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${DB_NAME}`;
  ledgerUrl = url.toString();
  orm = await openOrm(ledgerUrl);
  await migrate(orm);
  cat = await seedCatalogue(orm);
  ledger = paymentActivities({ orm } as unknown as ActivityDeps);
});

afterAll(async () => {
  await orm?.close();
  await admin?.em.fork().getConnection().execute(`drop database if exists "${DB_NAME}" with (force)`);
  await admin?.close();
});

describe('issuePayment', () => {
  test('a retry finds the first row: one row, the same reference, alreadyIssued the second time', async () => {
    const caseId = await newCase();
    const input = { caseId, period: '2026-10', kind: 'MENSUEL' as const, amountCents: 52_345, breakdown: { lines: ['Rémunération : 523.45'] } };
    const first = await ledger.issuePayment(input);
    const retry = await ledger.issuePayment(input);
    expect(first).toEqual({ reference: paymentReference(caseId, '2026-10', 'MENSUEL'), amountCents: 52_345, alreadyIssued: false });
    expect(retry).toEqual({ ...first, alreadyIssued: true });
    expect(await rowsOf(caseId)).toEqual([{ reference: first.reference, amount_cents: '52345', payment_file_id: null }]);
  });

  test('a different amount for the same case, period and kind is a non-retryable LedgerConflict', async () => {
    const caseId = await newCase();
    await ledger.issuePayment({ caseId, period: '2026-10', kind: 'MENSUEL', amountCents: 50_000, breakdown: {} });
    await expect(ledger.issuePayment({ caseId, period: '2026-10', kind: 'MENSUEL', amountCents: 50_001, breakdown: {} }))
      .rejects.toMatchObject({ type: 'LedgerConflict', nonRetryable: true });
    expect(await rowsOf(caseId)).toEqual([expect.objectContaining({ amount_cents: '50000' })]);
  });

  test('concurrent calls (a retry racing the first attempt) write one row', async () => {
    const caseId = await newCase();
    const input = { caseId, period: '2026-11', kind: 'AVANCE' as const, amountCents: 25_000, breakdown: { lines: ['Avance'] } };
    const results = await Promise.all(Array.from({ length: 6 }, () => ledger.issuePayment(input)));
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => !r.alreadyIssued)).toHaveLength(1);
    expect(await rowsOf(caseId)).toHaveLength(1);
  });

  test('a month fully absent is issued at 0 and listed by paidPeriods; bad input and unknown cases fail for good', async () => {
    const caseId = await newCase();
    await ledger.issuePayment({ caseId, period: '2026-10', kind: 'MENSUEL', amountCents: 0, breakdown: { lines: ['Absent tout le mois'] } });
    await ledger.issuePayment({ caseId, period: '2026-09', kind: 'AVANCE', amountCents: 34_250, breakdown: {} });
    await ledger.issuePayment({ caseId, period: '2026-09', kind: 'MENSUEL', amountCents: 20_000, breakdown: {} });
    expect(await ledger.paidPeriods({ caseId })).toEqual([
      { period: '2026-09', kind: 'AVANCE', amountCents: 34_250, reference: paymentReference(caseId, '2026-09', 'AVANCE') },
      { period: '2026-09', kind: 'MENSUEL', amountCents: 20_000, reference: paymentReference(caseId, '2026-09', 'MENSUEL') },
      { period: '2026-10', kind: 'MENSUEL', amountCents: 0, reference: paymentReference(caseId, '2026-10', 'MENSUEL') },
    ]);
    await expect(ledger.issuePayment({ caseId, period: '2026-13', kind: 'MENSUEL', amountCents: 1, breakdown: {} }))
      .rejects.toMatchObject({ type: 'InvalidPayInput', nonRetryable: true });
    await expect(ledger.issuePayment({ caseId, period: '2026-12', kind: 'MENSUEL', amountCents: -1, breakdown: {} }))
      .rejects.toMatchObject({ type: 'InvalidPayInput' });
    await expect(ledger.issuePayment({ caseId, period: '2026-12', kind: 'MENSUEL', amountCents: 10.5, breakdown: {} }))
      .rejects.toMatchObject({ type: 'InvalidPayInput' });
    await expect(ledger.issuePayment({ caseId: randomUUID(), period: '2026-12', kind: 'MENSUEL', amountCents: 1, breakdown: {} }))
      .rejects.toMatchObject({ type: 'NotFound', nonRetryable: true });
  });
});

describe('recordOverpayment', () => {
  test('idempotent, with exactly one recovery entry (ordre de reversement by default)', async () => {
    const caseId = await newCase();
    const input = { caseId, period: '2026-10', amountCents: 12_000, reason: 'correction de l’état de présence 2026-10' };
    const first = await ledger.recordOverpayment(input);
    const again = await Promise.all([ledger.recordOverpayment(input), ledger.recordOverpayment(input), ledger.recordOverpayment(input)]);
    expect(first).toEqual({ reference: paymentReference(caseId, '2026-10', 'INDU'), amountCents: 12_000, alreadyRecorded: false });
    expect(again).toEqual([1, 2, 3].map(() => ({ ...first, alreadyRecorded: true })));
    const rows = await em().execute(`select o.status, r.amount_cents, r.method from overpayment o
      join overpayment_recovery r on r.overpayment_reference = o.reference where o.dossier_id = ?`, [caseId]);
    expect(rows).toEqual([{ status: 'a_recouvrer', amount_cents: '12000', method: 'ordre_de_reversement' }]);
    await expect(ledger.recordOverpayment({ ...input, amountCents: 12_001 })).rejects.toMatchObject({ type: 'LedgerConflict', nonRetryable: true });
  });

  test('concurrent first attempts write one overpayment and one recovery entry; retenue when the caller says so', async () => {
    const caseId = await newCase();
    const input = { caseId, period: '2026-11', amountCents: 5_000, reason: 'avance non récupérée à la sortie', recovery: 'retenue' as const };
    const results = await Promise.all(Array.from({ length: 5 }, () => ledger.recordOverpayment(input)));
    expect(results.filter((r) => !r.alreadyRecorded)).toHaveLength(1);
    const rows = await em().execute(`select r.method from overpayment_recovery r join overpayment o on o.reference = r.overpayment_reference
      where o.dossier_id = ?`, [caseId]);
    expect(rows).toEqual([{ method: 'retenue' }]);
  });
});

describe('payment file', () => {
  test('lists each pending payment once; the next run has nothing new; a new payment goes alone in the next file', async () => {
    await drain();
    const [a, b] = [await newCase(), await newCase()];
    const refs = [
      await ledger.issuePayment({ caseId: a, period: '2026-10', kind: 'AVANCE', amountCents: 34_250, breakdown: {} }),
      await ledger.issuePayment({ caseId: a, period: '2026-10', kind: 'MENSUEL', amountCents: 68_529, breakdown: {} }),
      await ledger.issuePayment({ caseId: b, period: '2026-10', kind: 'AIDE_MOBILITE', amountCents: 10, breakdown: {} }),
    ].map((p) => p.reference);
    const zero = await ledger.issuePayment({ caseId: b, period: '2026-10', kind: 'MENSUEL', amountCents: 0, breakdown: {} });

    const first = (await build())!;
    expect(first).toMatchObject({ id: expect.stringMatching(/^PF-20261201-\d+$/), lineCount: 3, totalCents: 102_789, executionDate: EXECUTION });
    expect(first.references).toEqual([...refs].sort());
    expect(first.references).not.toContain(zero.reference); // nothing to transfer: never in a file
    // The CSV: one row per payment. The XML: NbOfTxs and CtrlSum of the group header match.
    const rows = csvRows(first.csv);
    expect(rows).toHaveLength(3);
    for (const ref of refs) expect(rows.filter((r) => r.startsWith(`${ref},`))).toHaveLength(1);
    expect(tag(groupHeader(first.xml), 'NbOfTxs')).toEqual(['3']);
    expect(tag(groupHeader(first.xml), 'CtrlSum')).toEqual(['1027.89']);
    expect(tag(first.xml, 'EndToEndId').sort()).toEqual([...refs].sort());
    expect(tag(groupHeader(first.xml), 'MsgId')).toEqual([first.messageId]);
    // The ledger rows point at the file.
    const filed = await em().execute(`select reference from payment where payment_file_id = ? order by reference`, [first.id]);
    expect(filed.map((r) => r.reference)).toEqual(first.references);

    expect(await build()).toBeNull();

    const later = await ledger.issuePayment({ caseId: b, period: '2026-11', kind: 'MENSUEL', amountCents: 50_000, breakdown: {} });
    const second = (await build())!;
    expect(second.id).toBe(first.id.replace(/-(\d+)$/, (_m, n: string) => `-${Number(n) + 1}`));
    expect(second.references).toEqual([later.reference]);
    expect(csvRows(second.csv)).toHaveLength(1);
    expect(tag(groupHeader(second.xml), 'NbOfTxs')).toEqual(['1']);
    expect(tag(groupHeader(second.xml), 'CtrlSum')).toEqual(['500.00']);
  });

  test('the stored bytes are served as built; building the same input again gives the same bytes', async () => {
    await drain();
    const caseId = await newCase();
    await ledger.issuePayment({ caseId, period: '2026-10', kind: 'SOLDE', amountCents: 12_345, breakdown: {} });
    const file = (await build())!;
    expect(await readPaymentFile(em(), file.id, 'csv')).toBe(file.csv);
    expect(await readPaymentFile(em(), file.id, 'xml')).toBe(file.xml);
    expect(file.xml.startsWith('<?xml')).toBe(true); // the "?" survives the driver untouched

    // Undo the file inside a transaction, build it again from the same rows, compare, roll back.
    const rollback = new Error('rollback');
    await expect(em().transactional(async (tx) => {
      await tx.execute(`update payment set payment_file_id = null where payment_file_id = ?`, [file.id]);
      await tx.execute(`delete from payment_file where id = ?`, [file.id]);
      const again = await buildPaymentFile(tx, { executionDate: EXECUTION, createdAt: CREATED_AT, debtor: REGION, createdBy: 'finance:other' });
      expect(again).toEqual(file);
      throw rollback;
    })).rejects.toBe(rollback);
    expect(await readPaymentFile(em(), file.id, 'xml')).toBe(file.xml);
  });

  test('two builds at the same time never list a payment twice', async () => {
    await drain();
    const caseId = await newCase();
    const issued = await Promise.all((['AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT'] as const).map((kind) =>
      ledger.issuePayment({ caseId, period: '2026-10', kind, amountCents: 1_000, breakdown: {} })));
    const files = (await Promise.all([build(), build(), build()])).filter((f): f is BuiltPaymentFile => f !== null);
    expect(files).toHaveLength(1);
    expect(files[0].references).toEqual(issued.map((p) => p.reference).sort());
  });

  test('a payment without valid bank details is held back, stays pending, and goes in a later file once they are recorded', async () => {
    await drain();
    const [ok, missing, wrong] = [await newCase(), await newCase(null), await newCase('FR7630006000011234567890188')];
    const paid = await ledger.issuePayment({ caseId: ok, period: '2026-10', kind: 'MENSUEL', amountCents: 1_500, breakdown: {} });
    const held = await ledger.issuePayment({ caseId: missing, period: '2026-10', kind: 'MENSUEL', amountCents: 2_500, breakdown: {} });
    const bad = await ledger.issuePayment({ caseId: wrong, period: '2026-10', kind: 'MENSUEL', amountCents: 3_500, breakdown: {} });
    const file = (await build())!;
    expect(file.references).toEqual([paid.reference]);
    expect(file.heldBack.map((h) => h.reference)).toEqual(expect.arrayContaining([held.reference, bad.reference]));
    expect(JSON.stringify(file.heldBack)).not.toMatch(/FR76/); // references only, never bank details
    expect(await build()).toBeNull(); // only held-back payments remain

    await recordBankDetails(missing, newIban());
    await em().execute(`update bank_account set iban = ? where dossier_id = ?`, [newIban(), wrong]);
    const next = (await build())!;
    expect(next.references).toEqual([held.reference, bad.reference].sort());
    expect(next.heldBack).toEqual([]);
  });
});

describe('HTTP: POST /payment-files and the downloads', () => {
  let sys: System;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const config = testConfig({ DATABASE_URL: ledgerUrl, TEMPORAL_TASK_QUEUE: uniqueQueue('ledger'), PAYING_AGENT_IBAN: REGION.iban });
    sys = await startSystem(config);
    tokens.finance = await sys.token({ sub: 'comptable-1', role: 'finance' });
    tokens.caseworker = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  });
  afterAll(async () => sys?.stop());

  const get = (path: string, token: string) => fetch(`${sys.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  test('finance produces the file and downloads its exact bytes; a caseworker may not', async () => {
    await drain();
    const caseId = await newCase();
    const p = await ledger.issuePayment({ caseId, period: '2026-10', kind: 'MENSUEL', amountCents: 77_700, breakdown: {} });
    const executionDate = isoDay(3);

    expect((await sys.call('POST', '/payment-files', { token: tokens.caseworker, body: { executionDate } })).status).toBe(403);
    expect((await sys.call('POST', '/payment-files', { token: tokens.finance, body: { executionDate: isoDay(-3) } })).status).toBe(400);
    const created = await sys.call('POST', '/payment-files', { token: tokens.finance, body: { executionDate } });
    expect(created).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^PF-\d{8}-\d+$/), lineCount: 1, totalCents: 77_700, heldBack: [] } });
    expect(await sys.call('POST', '/payment-files', { token: tokens.finance, body: { executionDate } }))
      .toEqual({ status: 409, body: { error: 'aucun paiement à inclure', code: 'Conflict' } });

    const id: string = created.body.id;
    const [stored] = await em().execute(`select csv, xml from payment_file where id = ?`, [id]);
    const csv = await get(`/payment-files/${id}/csv`, tokens.finance);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(await csv.arrayBuffer()).equals(Buffer.from(stored.csv, 'utf8'))).toBe(true);
    expect(stored.csv).toContain(p.reference);
    const xml = await get(`/payment-files/${id}/xml`, tokens.finance);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(Buffer.from(await xml.arrayBuffer()).equals(Buffer.from(stored.xml, 'utf8'))).toBe(true);

    expect((await get(`/payment-files/${id}/csv`, tokens.caseworker)).status).toBe(403);
    expect((await get('/payment-files/PF-19990101-1/xml', tokens.finance)).status).toBe(404);
    const audit = await em().execute(`select action from audit_entry where detail->>'fileId' = ? order by id`, [id]);
    expect(audit.map((r) => r.action)).toEqual(['fichier_paiement_produit', 'fichier_paiement_telecharge', 'fichier_paiement_telecharge']);
  });

  test('an execution date on which TARGET2 is closed moves to the next business day, and the answer says so', async () => {
    await drain();
    const caseId = await newCase();
    await ledger.issuePayment({ caseId, period: '2026-10', kind: 'MENSUEL', amountCents: 12_300, breakdown: {} });
    // Good Friday 2038; the Monday after Easter is closed too: the transfers go on Tuesday 27 April.
    const created = await sys.call('POST', '/payment-files', { token: tokens.finance, body: { executionDate: '2038-04-23' } });
    expect(created).toMatchObject({ status: 201, body: { requestedExecutionDate: '2038-04-23', executionDate: '2038-04-27', executionDateMoved: true,
      message: 'Le 23 avril 2038 est le Vendredi saint, jour de fermeture de TARGET2 : les virements seront exécutés le 27 avril 2038, jour ouvré suivant.' } });
    const [stored] = await em().execute(`select execution_date::text as day, xml from payment_file where id = ?`, [created.body.id]);
    expect(stored.day).toBe('2038-04-27');
    expect(tag(stored.xml, 'ReqdExctnDt')).toEqual(['<Dt>2038-04-27</Dt>']);
  });

  test('503 while the Région’s account is not configured', async () => {
    const config = testConfig({ DATABASE_URL: ledgerUrl });
    const server: Server = await new Promise((resolve) => {
      const s = createApp({ orm, client: null as never, config }).listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const token = await issueToken(config.AUTH_JWT_SECRET, { sub: 'comptable-1', role: 'finance' });
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/payment-files`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ executionDate: isoDay(3) }),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'compte payeur non configuré', code: 'NotConfigured' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

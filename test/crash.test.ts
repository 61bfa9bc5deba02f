/**
 * The crash (ENGINEERING.md, pitfall 9): the worker process is killed right after the monthly payment is
 * written and before the activity reports completion; after a restart there is exactly one ledger row and
 * one line in the payment file.
 *
 * Everything is real and separate: the worker runs as its own process (worker/main.ts, configured by its
 * environment), the API over HTTP in this process without a worker, the Temporal dev server and PostgreSQL
 * from globalSetup, a real SMTP server. Worker A runs with the fault hook SPRFP_FAULT_CRASH_AFTER_PAYMENT
 * (activities/case/fault.ts): the first payMonth that commits its row SIGKILLs the process
 * and leaves a marker file. Worker B starts with the same environment; the marker now exists, so it does
 * not crash. Temporal retries the activity once its start-to-close timeout has passed, on B.
 *
 * The suite works in a database of its own (created and migrated here, then dropped), like
 * test/ledger.test.ts: the payment file takes EVERY pending payment of its database, and other suites pay
 * their own journeys in the shared one at the same time.
 *
 * Real time, no time skipping: the session started on the 1st of the month two months ago, so its first
 * month is over and payable as soon as its attendance statement arrives (paymentDelay 1 second). The avance
 * (avanceDelayDays 0) is due at once: whether it is paid depends on whether the pay file is established
 * before the workflow looks (workflows/parcours/apres-entree.ts, payAvanceIfDue), so the file assertions
 * cover every payment of the database, and the month's line once.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { deFr, formatMonthFr } from '../domain/dates';
import { buildPaymentFile, type Debtor } from '../activities/paiements/payment-file';
import { createApp } from '../api/app';
import { startStatementRelay } from '../api/parcours/etats-presence-inbox';
import { issueToken, type Principal } from '../api/auth';
import { migrate, openOrm, ormOptions } from '../db/orm';
import type { Config } from '../platform/config';
import { dataConverter } from '../platform/codec-converter';
import { createMailer } from '../platform/mailer';
import { etatQuery, parcoursWorkflowId } from '../workflows/parcours/messages';
import { testConfig, uniqueQueue } from './support/config';
import { createSession, isoDay, newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { isTo, startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';

const DB_NAME = `crash_${process.pid}_${Date.now()}`;
const FT_ID = randomUUID();
const REGION: Debtor = { name: 'Région Normandie', iban: 'FR7630006000011234567890189' };
const IBAN = 'FR7630006000011234567890189';
/** The session starts on the 1st of the month two months ago: that month is over, entry and pay are due. */
const now = new Date();
const START = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
const PERIOD = START.slice(0, 7);
/** Worker start-up bundles the workflows with webpack: slow under load. */
const WORKER_START_MS = 150_000;

let admin: MikroORM;
let orm: MikroORM;
let config: Config;
let connection: Connection;
let client: Client;
let server: Server;
let relay: { stop(): Promise<void> } | undefined;
let baseUrl: string;
let smtp: SmtpCatcher;
let cat: Catalogue;
let markerDir: string;
let workerEnv: Record<string, string>;
const workers: WorkerProcess[] = [];
const tokens: Record<string, string> = {};

const em = (): EntityManager => orm.em.fork() as EntityManager;
const startWorker = async (name: string, env = workerEnv): Promise<WorkerProcess> => {
  const worker = await startWorkerProcess(env, { name, timeoutMs: WORKER_START_MS });
  workers.push(worker);
  return worker;
};

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function waitUntil<T>(what: string, read: () => Promise<T>, accept: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const monthlyRows = (caseId: string): Promise<{ reference: string; amount_cents: number; payment_file_id: string | null }[]> =>
  em().execute(`select reference, amount_cents::int as amount_cents, payment_file_id from payment where dossier_id = ? and period = ? and kind = 'MENSUEL'`,
    [caseId, PERIOD]);

const STATEMENT = { period: PERIOD, scheduledMinutes: 151 * 60, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0 };

/** One case, through the API, up to its pay file: its first month waits for the statement. */
async function caseUpToPayFile(): Promise<{ caseId: string; person: ReturnType<typeof newPerson> }> {
  const session = await createSession(orm, cat.organisme, START);
  const person = newPerson();
  const created = await call('POST', '/cases', tokens.caseworker, { person, sessionId: session.id });
  expect(created.status).toBe(201);
  const caseId: string = created.body.caseId;
  const steps: [string, string, unknown][] = [
    [`/cases/${caseId}/positionnement`, tokens.caseworker, { scheduledAt: `${START}T09:00:00.000Z` }],
    [`/cases/${caseId}/positionnement/resultats`, tokens.caseworker, { results: { avis: 'favorable' } }],
    [`/cases/${caseId}/decision`, tokens.caseworker, { decision: { outcome: 'admis' } }],
    [`/cases/${caseId}/entree`, tokens.organisme, { entryDate: START }],
    [`/cases/${caseId}/remuneration`, tokens.caseworker, { iban: IBAN, rythme: 'temps_plein', indemniseARE: false,
      profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, situation: {}, rqth: false } }],
  ];
  for (const [path, token, body] of steps) {
    const res = await call('POST', path, token, body);
    if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { caseId, person };
}

beforeAll(async () => {
  admin = await openOrm(process.env.DATABASE_URL!);
  await admin.em.fork().getConnection().execute(`create database "${DB_NAME}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${DB_NAME}`;
  // Migrated through an ORM whose logger is quiet: the migrator prints a line per step.
  const migrator = await MikroORM.init({ ...ormOptions(url.toString()), logger: () => undefined });
  await migrate(migrator).finally(() => migrator.close());
  orm = await openOrm(url.toString());
  cat = await seedCatalogue(orm, {}, FT_ID);

  smtp = await startSmtpCatcher();
  markerDir = mkdtempSync(join(tmpdir(), 'sprfp-crash-'));
  const parcoursDelays = JSON.stringify({ paymentDelay: '1 second', avanceDelayDays: 0 });
  config = testConfig({ DATABASE_URL: url.toString(), TEMPORAL_TASK_QUEUE: uniqueQueue('crash'), SMTP_URL: smtp.url,
    FRANCE_TRAVAIL_ORG_ID: FT_ID, PARCOURS_DELAYS: parcoursDelays });
  workerEnv = {
    DATABASE_URL: config.DATABASE_URL, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE, TEMPORAL_CODEC_KEYS: config.TEMPORAL_CODEC_KEYS, SMTP_URL: smtp.url,
    FRANCE_TRAVAIL_ORG_ID: FT_ID, PARCOURS_DELAYS: parcoursDelays, SPRFP_FAULT_CRASH_AFTER_PAYMENT: join(markerDir, 'crashed'),
  };

  // The API of api/main.ts, without a worker in its process: the worker is the killable child.
  connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  server = await new Promise((resolve) => {
    const s = createApp({ orm, client, config }, createMailer(config.SMTP_URL)).listen(0, '127.0.0.1', () => resolve(s));
  });
  relay = startStatementRelay({ orm, client }, { idleMs: 50 });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (claims: Principal): Promise<string> => issueToken(config.AUTH_JWT_SECRET, claims);
  tokens.caseworker = await token({ sub: 'agent-9', role: 'caseworker', email: 'agent9@normandie.test' });
  tokens.organisme = await token({ sub: 'formateur-9', role: 'organisme', org: cat.organisme.id });
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  if (server) await new Promise((r) => server.close(r));
  await relay?.stop();
  await connection?.close();
  await orm?.close();
  await smtp?.close();
  if (markerDir) rmSync(markerDir, { recursive: true, force: true });
  await admin?.em.fork().getConnection().execute(`drop database if exists "${DB_NAME}" with (force)`);
  await admin?.close();
}, 60_000);

test('killed after the payment is written, before the activity reports: one ledger row, one line in the payment file', async () => {
  const marker = workerEnv.SPRFP_FAULT_CRASH_AFTER_PAYMENT;
  const workerA = await startWorker('worker A (crashes after the payment)');

  const { caseId, person } = await caseUpToPayFile();
  const statement = await call('POST', `/cases/${caseId}/etats-presence`, tokens.organisme, STATEMENT);
  expect(statement).toMatchObject({ status: 202, body: { outcome: 'recu' } });

  // Worker A pays the month, then dies before reporting.
  let died: { code: number | null; signal: NodeJS.Signals | null };
  try {
    died = await Promise.race([workerA.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('worker A did not crash')), 60_000))]);
  } catch (err) {
    throw new Error(`${(err as Error).message}; its output:\n${workerA.output()}`, { cause: err });
  }
  const crashedAt = Date.now();
  expect(died).toEqual({ code: null, signal: 'SIGKILL' });
  expect(existsSync(marker)).toBe(true);
  expect(readFileSync(marker, 'utf8')).toBe(String(workerA.pid));

  // At that moment: the row is committed, and Temporal still waits for the activity's report.
  const rowsAtCrash = await monthlyRows(caseId);
  expect(rowsAtCrash).toHaveLength(1);
  const [written] = rowsAtCrash;
  expect(written.amount_cents).toBeGreaterThan(0);
  expect(written.payment_file_id).toBeNull();
  const handle = client.workflow.getHandle(parcoursWorkflowId(caseId));
  const pending = (await handle.describe()).raw.pendingActivities ?? [];
  expect(pending.map((a) => a.activityType?.name)).toEqual(['payMonth']);

  // Worker B: same environment, the marker exists, so no crash. The activity is retried on it.
  await startWorker('worker B (after the crash)');
  const state = await waitUntil('month paid after the retry', () => handle.query(etatQuery),
    (s) => Boolean(s.formation?.paid[PERIOD]), 120_000);
  // The retry waits for the start-to-close timeout of the attempt that died (1 minute, workflows/activities.ts).
  expect(Date.now() - crashedAt).toBeLessThan(120_000);
  const paid = state.formation!.paid[PERIOD];
  expect(paid.reference).toBe(written.reference);
  expect(paid.paidCents).toBe(written.amount_cents);

  // The activity really ran twice (the history keeps the last attempt), and paid once.
  const history = await handle.fetchHistory();
  const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'payMonth');
  expect(scheduled).toHaveLength(1);
  const started = history.events!.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled[0].eventId?.toString());
  expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);
  expect(await monthlyRows(caseId)).toEqual([written]);

  // One statement mail to the trainee: worker A died before sending it.
  const subject = `Votre rémunération ${deFr(formatMonthFr(PERIOD))}`;
  await smtp.waitFor((m) => isTo(person.email)(m) && m.subject === subject, 30_000);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(smtp.to(person.email).filter((m) => m.subject === subject)).toHaveLength(1);

  // The paying agent's file: every payment of this database, the month's once; a second build finds nothing.
  const all: { reference: string }[] = await em().execute(`select reference from payment where amount_cents > 0 order by reference`);
  const file = await buildPaymentFile(em(), { executionDate: isoDay(2), createdAt: `${isoDay(0)}T10:00:00`, debtor: REGION, createdBy: 'finance:test' });
  expect(file).not.toBeNull();
  expect(file!.heldBack).toEqual([]);
  expect(file!.references).toEqual(all.map((r) => r.reference));
  const lines = file!.csv.trimEnd().split('\n').slice(1);
  expect(lines).toHaveLength(all.length);
  expect(lines.filter((l) => l.includes(written.reference))).toHaveLength(1);
  expect(await monthlyRows(caseId)).toEqual([{ ...written, payment_file_id: file!.id }]);
  expect(await buildPaymentFile(em(), { executionDate: isoDay(2), createdAt: `${isoDay(0)}T11:00:00`, debtor: REGION })).toBeNull();
}, 420_000);

test('killed during a statement\'s update: the provider is answered from the inbox at once, the relay\'s update is retried after 10 seconds, one row', async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop())); // the first test's worker B has no statement fault
  const marker = join(markerDir, 'statement-crashed');
  // The prebuilt bundle: a worker that starts in seconds, as a replica already running would take over.
  const env = { ...workerEnv, WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE!, SPRFP_FAULT_CRASH_AFTER_STATEMENT: marker };
  const workerC = await startWorker('worker C (crashes after the statement)', env);
  const { caseId } = await caseUpToPayFile();

  // The provider's answer comes from the inbox: it does not wait for the worker that is about to die.
  const sentAt = Date.now();
  const answer = await call('POST', `/cases/${caseId}/etats-presence`, tokens.organisme, STATEMENT);
  const answeredAt = Date.now();
  expect(answer).toMatchObject({ status: 202, body: { caseId, period: PERIOD, outcome: 'recu' } });
  // The relay hands it to the workflow; worker C stores it, then dies before reporting.
  const died = await Promise.race([workerC.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('worker C did not crash')), 60_000))]);
  const crashedAt = Date.now();
  expect(died.signal).toBe('SIGKILL');
  expect(readFileSync(marker, 'utf8')).toBe(String(workerC.pid));
  await startWorker('worker D (after the crash)', env);

  const followed = await waitUntil('statement recorded after the crash', () => call('GET', `/cases/${caseId}/etats-presence?period=${PERIOD}`, tokens.organisme),
    (r) => r.body?.items?.[0]?.dernierEnvoi?.statut === 'enregistre', 120_000);
  const recordedAt = Date.now();
  expect(followed.body.items[0].enregistre).toMatchObject({ period: PERIOD, scheduledMinutes: STATEMENT.scheduledMinutes });
  console.log(`statement with a worker killed inside its update: answered in ${answeredAt - sentAt} ms, `
    + `recorded ${((recordedAt - crashedAt) / 1000).toFixed(1)} s after the crash`);

  // The attempt that died was given up after the database activities' 10 s (a minute before issue 9), then retried once.
  const history = await client.workflow.getHandle(parcoursWorkflowId(caseId)).fetchHistory();
  const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStatement');
  expect(scheduled).toHaveLength(1);
  expect(Number(scheduled[0].activityTaskScheduledEventAttributes!.startToCloseTimeout!.seconds)).toBe(10);
  const started = history.events!.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled[0].eventId?.toString());
  expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);
  // One statement row, one journal entry for it, one inbox row.
  expect(await em().execute(`select count(*)::int as n from attendance_statement where dossier_id = ? and period = ?`, [caseId, PERIOD])).toEqual([{ n: 1 }]);
  expect(await em().execute(`select count(*)::int as n from audit_entry where dossier_id = ? and action = 'etat_presence'`, [caseId])).toEqual([{ n: 1 }]);
  expect(await em().execute(`select count(*)::int as n from statement_inbox where dossier_id = ?`, [caseId])).toEqual([{ n: 1 }]);
}, 300_000);

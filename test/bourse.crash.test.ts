/**
 * The crash of an instalment (ENGINEERING.md, pitfall 9): the worker process is killed right after a bursary
 * instalment is written in the ledger and before the activity reports; after a restart there is exactly one
 * ledger row per month and one line per instalment in the payment file.
 *
 * Everything is real and separate: the worker runs as its own process (worker/main.ts, on the run's prebuilt
 * workflow bundle), the API over HTTP in this process without a worker,
 * the Temporal dev server, PostgreSQL (a database of the suite's own), a real SMTP server. Worker A runs with
 * SPRFP_FAULT_CRASH_AFTER_PAYMENT (activities/case/fault.ts): the first instalment that commits its row
 * SIGKILLs the process and leaves a marker file; worker B starts with the same environment and the marker
 * there, so it does not crash; Temporal retries the activity on B once its 10-second timeout has passed.
 *
 * Real time: the training started in September of this academic year, so every month up to this one is due
 * at the award, at once: the crash hits the first of them, the others follow on B.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { buildPaymentFile } from '../activities/paiements/payment-file';
import { createApp } from '../api/app';
import { issueToken } from '../api/auth';
import { anneeDebut, anneeOfDate, moisDeLAnnee } from '../domain/bourse';
import { openOrm } from '../db/orm';
import { dataConverter } from '../platform/codec-converter';
import { createMailer } from '../platform/mailer';
import { bourseEtatQuery, bourseWorkflowId } from '../workflows/bourse/messages';
import { copyBareme, demandeBourse, seedBourseOrgs } from './support/bourse';
import { createOwnDatabase, type OwnDatabase } from './support/own-database';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';
import { testConfig, uniqueQueue } from './support/config';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';

const TODAY = new Date().toISOString().slice(0, 10);
const ANNEE = anneeOfDate(TODAY);
const DUE = moisDeLAnnee(ANNEE).filter((m) => m <= TODAY.slice(0, 7)).slice(0, 10);
const REGION = { name: 'Région Normandie', iban: 'FR7630006000011234567890189' };

let db: OwnDatabase;
let orm: MikroORM;
let smtp: SmtpCatcher;
let connection: Connection;
let client: Client;
let server: Server;
let baseUrl: string;
let markerDir: string;
let config: ReturnType<typeof testConfig>;
const workers: WorkerProcess[] = [];

/** The real worker/main.ts, on the run's prebuilt workflow bundle: it starts in seconds. */
async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const worker = await startWorkerProcess({ ...env, WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE! }, { name: 'worker', timeoutMs: 90_000 });
  workers.push(worker);
  return worker;
}

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
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

beforeAll(async () => {
  [db, smtp] = await Promise.all([createOwnDatabase('bourse_crash'), startSmtpCatcher()]);
  markerDir = mkdtempSync(join(tmpdir(), 'sprfp-bourse-crash-'));
  config = testConfig({ DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: uniqueQueue('bourse-crash'), SMTP_URL: smtp.url });
  orm = await openOrm(db.url);
  await copyBareme(orm, [ANNEE]);
  connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  server = await new Promise((resolve) => {
    const s = createApp({ orm, client, config }, createMailer(config.SMTP_URL)).listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  if (server) await new Promise((r) => server.close(r));
  await connection?.close();
  await orm?.close();
  await smtp?.close();
  if (markerDir) rmSync(markerDir, { recursive: true, force: true });
  await db?.drop();
}, 60_000);

test('killed after an instalment is written, before the activity reports: one ledger row per month, one line each in the payment file', async () => {
  const marker = join(markerDir, 'crashed');
  const env = { DATABASE_URL: db.url, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE, TEMPORAL_CODEC_KEYS: config.TEMPORAL_CODEC_KEYS, SMTP_URL: smtp.url,
    SPRFP_FAULT_CRASH_AFTER_PAYMENT: marker };
  const workerA = await startWorker(env);

  // One application from the CROUS, awarded by a caseworker: every month up to this one is due at once.
  const orgs = await seedBourseOrgs(orm);
  const crous = await issueToken(config.AUTH_JWT_SECRET, { sub: 'crous-9', role: 'crous', org: orgs.crous.id });
  const caseworker = await issueToken(config.AUTH_JWT_SECRET, { sub: 'agent-9', role: 'caseworker' });
  const demande = demandeBourse(orgs.institut.id, { annee: ANNEE, premierMois: `${anneeDebut(ANNEE)}-09`, nombreMois: 10 });
  const imported = await call('POST', '/bourses/import', crous, [demande]);
  const caseId: string = imported.body.importees[0].caseId;
  const handle = client.workflow.getHandle(bourseWorkflowId(caseId));
  await waitUntil('échelon computed', () => handle.query(bourseEtatQuery), (s) => Boolean(s.calcul), 30_000);
  expect(await call('POST', `/cases/${caseId}/bourse/decision`, caseworker, { decision: { outcome: 'attribuee' } })).toMatchObject({ status: 200 });

  // Worker A pays the first month, then dies before reporting.
  let timer: NodeJS.Timeout | undefined;
  const died = await Promise.race([workerA.exited, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('worker A did not crash')), 60_000); })]);
  clearTimeout(timer);
  const crashedAt = Date.now();
  expect(died).toEqual({ code: null, signal: 'SIGKILL' });
  expect(readFileSync(marker, 'utf8')).toBe(String(workerA.pid));
  const ledger = () => orm.em.fork().getConnection().execute(
    `select period, reference, amount_cents::int as cents, payment_file_id from payment where dossier_id = ? and kind = 'BOURSE' order by period`, [caseId]);
  const atCrash = await ledger();
  expect(atCrash.map((r: any) => r.period)).toEqual([DUE[0]]);
  expect((await handle.describe()).raw.pendingActivities?.map((a) => a.activityType?.name)).toEqual(['verserMensualiteBourse']);

  // Worker B: the attempt that died times out (10 s), the activity runs again, finds its row, and the others follow.
  await startWorker(env);
  const state = await waitUntil('every due month paid', () => handle.query(bourseEtatQuery), (s) => Object.keys(s.verses).length === DUE.length, 90_000);
  expect(Date.now() - crashedAt).toBeLessThan(60_000);
  expect(state.verses[DUE[0]].reference).toBe(atCrash[0].reference);
  const rows = await ledger();
  expect(rows.map((r: any) => [r.period, r.cents])).toEqual(DUE.map((m) => [m, 382_80]));

  const history = await handle.fetchHistory();
  const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'verserMensualiteBourse');
  expect(scheduled).toHaveLength(DUE.length);
  const first = history.events!.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled[0].eventId?.toString());
  expect(first?.activityTaskStartedEventAttributes?.attempt).toBe(2); // ran twice, paid once

  const file = await buildPaymentFile(orm.em.fork() as never, { executionDate: TODAY, createdAt: `${TODAY}T10:00:00`, debtor: REGION, createdBy: 'finance:test' });
  expect(file!.references).toEqual(rows.map((r: any) => r.reference).sort());
  expect(file!.csv.trimEnd().split('\n').slice(1)).toHaveLength(DUE.length);
  expect(await buildPaymentFile(orm.em.fork() as never, { executionDate: TODAY, createdAt: `${TODAY}T11:00:00`, debtor: REGION })).toBeNull();
}, 240_000);

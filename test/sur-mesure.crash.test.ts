/**
 * The crash on the provider's payment (ENGINEERING.md, pitfall 9): the worker process is killed right after
 * the PRESTATION payment is committed and before the activity reports; after a restart there is exactly
 * one ledger row, one line in the payment file (the provider as the account holder), one mail.
 *
 * As test/crash.test.ts: the worker is its own process (worker/main.ts, configured by its environment), the
 * API runs over HTTP in this process without a worker, the Temporal dev server and PostgreSQL come from
 * globalSetup, in a database of this suite's own (the payment file takes every pending payment of its
 * database). Worker A runs with SPRFP_FAULT_CRASH_AFTER_PRESTATION (activities/sur-mesure/prestation.ts):
 * the first payerPrestation that commits its row kills the process and leaves a marker file; worker B, with
 * the same environment, finds the marker and does not crash; Temporal retries the activity on it once its
 * 10-second start-to-close timeout has passed. Real time: the training starts and ends today.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { buildPaymentFile, type Debtor } from '../activities/paiements/payment-file';
import { createApp } from '../api/app';
import { issueToken, type Principal } from '../api/auth';
import { migrate, openOrm, ormOptions } from '../db/orm';
import { dayOf } from '../domain/dates';
import type { Config } from '../platform/config';
import { dataConverter } from '../platform/codec-converter';
import { createMailer } from '../platform/mailer';
import { surMesureWorkflowId } from '../workflows/sur-mesure/messages';
import { testConfig, uniqueQueue } from './support/config';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { isTo, startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { besoin, conception, createEntreprise, orderDates } from './support/sur-mesure';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';

const DB_NAME = `sm_crash_${process.pid}_${Date.now()}`;
const FT_ID = randomUUID();
const REGION: Debtor = { name: 'Région Normandie', iban: 'FR7630006000011234567890189' };
const IBAN = 'FR7630006000011234567890189';
const WORKER_START_MS = 150_000;

let admin: MikroORM;
let orm: MikroORM;
let config: Config;
let connection: Connection;
let client: Client;
let server: Server;
let baseUrl: string;
let smtp: SmtpCatcher;
let cat: Catalogue;
let markerDir: string;
let workerEnv: Record<string, string>;
const workers: WorkerProcess[] = [];
const tokens: Record<string, string> = {};
let need: ReturnType<typeof besoin>;

const em = (): EntityManager => orm.em.fork() as EntityManager;
const startWorker = async (name: string): Promise<WorkerProcess> => {
  const worker = await startWorkerProcess(workerEnv, { name, timeoutMs: WORKER_START_MS });
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

async function ok(path: string, token: string, body: unknown, status = 200): Promise<any> {
  const res = await call('POST', path, token, body);
  if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
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

const prestations = (caseId: string): Promise<{ reference: string; amount_cents: number; payment_file_id: string | null }[]> =>
  em().execute(`select reference, amount_cents::int as amount_cents, payment_file_id from payment where dossier_id = ? and kind = 'PRESTATION'`, [caseId]);

beforeAll(async () => {
  admin = await openOrm(process.env.DATABASE_URL!);
  await admin.em.fork().getConnection().execute(`create database "${DB_NAME}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${DB_NAME}`;
  const migrator = await MikroORM.init({ ...ormOptions(url.toString()), logger: () => undefined });
  await migrate(migrator).finally(() => migrator.close());
  orm = await openOrm(url.toString());
  cat = await seedCatalogue(orm, {}, FT_ID);

  smtp = await startSmtpCatcher();
  markerDir = mkdtempSync(join(tmpdir(), 'sprfp-sm-crash-'));
  config = testConfig({ DATABASE_URL: url.toString(), TEMPORAL_TASK_QUEUE: uniqueQueue('sm-crash'), SMTP_URL: smtp.url, FRANCE_TRAVAIL_ORG_ID: FT_ID });
  workerEnv = {
    DATABASE_URL: config.DATABASE_URL, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE, TEMPORAL_CODEC_KEYS: config.TEMPORAL_CODEC_KEYS, SMTP_URL: smtp.url,
    FRANCE_TRAVAIL_ORG_ID: FT_ID, SPRFP_FAULT_CRASH_AFTER_PRESTATION: join(markerDir, 'crashed'),
  };
  connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  server = await new Promise((resolve) => {
    const s = createApp({ orm, client, config }, createMailer(config.SMTP_URL)).listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entreprise = await createEntreprise(orm);
  const token = (claims: Principal): Promise<string> => issueToken(config.AUTH_JWT_SECRET, claims);
  Object.assign(tokens, {
    entreprise: await token({ sub: 'rh', role: 'entreprise', org: entreprise.id }),
    caseworker: await token({ sub: 'agent', role: 'caseworker', email: 'agent.crash@normandie.test' }),
    chef: await token({ sub: 'chef', role: 'chef_service' }),
    finance: await token({ sub: 'fin', role: 'finance' }),
    organisme: await token({ sub: 'of', role: 'organisme', org: cat.organisme.id }),
    ft: await token({ sub: 'ft', role: 'partner', org: cat.franceTravail.id }),
  });
  need = besoin(entreprise, orderDates(dayOf(Date.now()), 0, 120), { single: true });
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  if (server) await new Promise((r) => server.close(r));
  await connection?.close();
  await orm?.close();
  await smtp?.close();
  if (markerDir) rmSync(markerDir, { recursive: true, force: true });
  await admin?.em.fork().getConnection().execute(`drop database if exists "${DB_NAME}" with (force)`);
  await admin?.close();
}, 60_000);

/** One order of one post, through the API, up to its trainee's exit: the order awaits the service fait. */
async function orderAwaitingServiceFait(): Promise<{ caseId: string; trainee: string }> {
  const today = dayOf(Date.now());
  const d = orderDates(today, 0, 120);
  const { caseId } = await ok('/sur-mesure/commandes', tokens.entreprise, need, 201);
  const base = `/sur-mesure/commandes/${caseId}`;
  await ok(`${base}/qualification`, tokens.caseworker, { ecartCompetences: 'Soudage', organismeId: cat.organisme.id });
  await ok(`${base}/co-construction`, tokens.organisme, { ...conception(d), afest: undefined, programme: 'Soudage TIG.' });
  await ok(`${base}/visa`, tokens.caseworker, { action: 'proposer', montantCents: 12_345_67 });
  await ok(`${base}/visa`, tokens.chef, { action: 'valider' });
  await ok(`${base}/visa`, tokens.finance, { action: 'engager', reference: 'EJ-CRASH' });
  await ok(`${base}/recrutement`, tokens.caseworker, { partenaires: [cat.franceTravail.id] });
  const { candidatId } = await ok(`${base}/candidats`, tokens.ft, { reference: 'FT-CRASH', person: newPerson() }, 201);
  await ok(`${base}/candidats/${candidatId}/positionnement`, tokens.organisme, { avis: 'favorable' });
  const chosen = await ok(`${base}/candidats/${candidatId}/choix`, tokens.entreprise, { retenu: true, poste: 0 });
  expect(chosen.history.at(-1)).toMatchObject({ action: 'candidat_retenu' });
  const [{ id: trainee }] = await em().execute(`select parcours_dossier_id as id from sur_mesure_candidat where id = ?`, [candidatId]);
  await ok(`/cases/${trainee}/entree`, tokens.organisme, { entryDate: today });
  await ok(`/cases/${trainee}/sortie`, tokens.organisme, { kind: 'terminee', exitDate: today });
  const handle = client.workflow.getHandle(surMesureWorkflowId(caseId));
  await waitUntil('order in its hiring check', () => handle.query('etat') as Promise<{ stage: string }>, (s) => s.stage === 'embauche', 30_000);
  return { caseId, trainee };
}

test('killed after the provider payment is written, before the activity reports: one ledger row, one file line, one mail', async () => {
  const marker = workerEnv.SPRFP_FAULT_CRASH_AFTER_PRESTATION;
  const workerA = await startWorker('worker A (crashes after the provider payment)');
  const { caseId, trainee } = await orderAwaitingServiceFait();

  // The provider declares the service fait; the request waits for the workflow while worker A dies.
  const declared = call('POST', `/sur-mesure/commandes/${caseId}/service-fait`, tokens.organisme,
    { iban: IBAN, stagiaires: [{ stagiaireId: trainee, minutesRealisees: 540 * 60 }] });
  let died: { code: number | null; signal: NodeJS.Signals | null };
  try {
    died = await Promise.race([workerA.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('worker A did not crash')), 60_000))]);
  } catch (err) {
    throw new Error(`${(err as Error).message}; its output:\n${workerA.output()}`, { cause: err });
  }
  expect(died).toEqual({ code: null, signal: 'SIGKILL' });
  expect(readFileSync(marker, 'utf8')).toBe(String(workerA.pid));

  // At that moment the payment is committed (the whole committed amount: one seat, all hours), and
  // Temporal still waits for the activity's report.
  const atCrash = await prestations(caseId);
  expect(atCrash).toEqual([{ reference: expect.stringMatching(/^PR-\d{6}-/), amount_cents: 12_345_67, payment_file_id: null }]);
  const handle = client.workflow.getHandle(surMesureWorkflowId(caseId));
  expect(((await handle.describe()).raw.pendingActivities ?? []).map((a) => a.activityType?.name)).toEqual(['payerPrestation']);

  // Worker B: same environment, the marker exists. The activity is retried on it; the provider's request ends well.
  await startWorker('worker B (after the crash)');
  const answer = await declared;
  expect(answer.status).toBe(200);
  expect(answer.body.history.at(-1)).toMatchObject({ action: 'service_fait', detail: { reference: atCrash[0].reference, montantCents: 12_345_67 } });
  const history = await handle.fetchHistory();
  const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'payerPrestation');
  expect(scheduled).toHaveLength(1);
  const started = history.events!.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled[0].eventId?.toString());
  expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);
  expect(await prestations(caseId)).toEqual(atCrash);

  // One mail to the provider: worker A died before sending it.
  await smtp.waitFor((m) => isTo(cat.organisme.contactEmail)(m) && /Paiement de votre formation/.test(m.subject ?? ''), 30_000);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(smtp.to(cat.organisme.contactEmail).filter((m) => /Paiement de votre formation/.test(m.subject ?? ''))).toHaveLength(1);

  // The payment file carries it once, the provider as the account holder; a second build finds nothing.
  const day = dayOf(Date.now());
  const file = await buildPaymentFile(em(), { executionDate: day, createdAt: `${day}T10:00:00`, debtor: REGION, createdBy: 'finance:test' });
  expect(file).toMatchObject({ lineCount: 1, totalCents: 12_345_67, references: [atCrash[0].reference], heldBack: [] });
  const lines = file!.csv.trimEnd().split('\n').slice(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(cat.organisme.name);
  expect(file!.xml).toContain(atCrash[0].reference);
  expect(await prestations(caseId)).toEqual([{ ...atCrash[0], payment_file_id: file!.id }]);
  expect(await buildPaymentFile(em(), { executionDate: day, createdAt: `${day}T11:00:00`, debtor: REGION })).toBeNull();
  expect(existsSync(marker)).toBe(true);
}, 420_000);

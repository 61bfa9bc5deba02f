/**
 * The Prometheus endpoints after a small real journey (a case created, its positionnement planned, read, an
 * unknown case asked for): the API's (request histogram by route template and status, business gauges from
 * PostgreSQL) and the worker's (the SDK's runtime metrics). Every series the dashboard needs is there, with its
 * labels, and neither text holds the person's name or mail, nor the case id.
 *
 * The worker is its own process (worker/main.ts with the run's prebuilt bundle): Runtime.install is once per
 * process, and jest reuses its processes across suites. The API runs in this process with the metrics server of
 * api/main.ts on a free port.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { issueToken } from '../api/auth';
import { openOrm } from '../db/orm';
import { dataConverter } from '../platform/codec-converter';
import type { Config } from '../platform/config';
import { API_METRICS, BUSINESS_METRICS, PROCESS_METRICS, WORKER_METRICS } from '../platform/metrics/names';
import { apiRegistries, startMetricsServer, type MetricsServer } from '../platform/metrics/server';
import { freePort } from '../bench/infra';
import { testConfig, uniqueQueue } from './support/config';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';

let orm: MikroORM;
let config: Config;
let connection: Connection;
let server: Server;
let metrics: MetricsServer;
let worker: WorkerProcess;
let smtp: SmtpCatcher;
let cat: Catalogue;
let baseUrl: string;
let workerMetricsUrl: string;

beforeAll(async () => {
  orm = await openOrm(process.env.DATABASE_URL!);
  cat = await seedCatalogue(orm);
  smtp = await startSmtpCatcher();
  config = testConfig({ TEMPORAL_TASK_QUEUE: uniqueQueue('metrics'), SMTP_URL: smtp.url, FRANCE_TRAVAIL_ORG_ID: cat.franceTravail.id });
  const workerPort = await freePort();
  worker = await startWorkerProcess({
    DATABASE_URL: config.DATABASE_URL, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE, TEMPORAL_CODEC_KEYS: config.TEMPORAL_CODEC_KEYS, SMTP_URL: smtp.url,
    FRANCE_TRAVAIL_ORG_ID: cat.franceTravail.id, WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE!, WORKER_METRICS_PORT: String(workerPort),
  }, { name: 'metrics-worker' });
  workerMetricsUrl = `http://127.0.0.1:${workerPort}/metrics`;
  connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  server = await new Promise((resolve) => {
    const s = createApp({ orm, client, config }).listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  metrics = await startMetricsServer(apiRegistries(orm), 0, '127.0.0.1');
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await metrics?.close();
  if (server) await new Promise((r) => server.close(r));
  await connection?.close();
  await orm?.close();
  await smtp?.close();
});

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The samples of a metric in an exposition text: their labels and values. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `)).map((line) => {
    const match = line.match(/^[^{\s]+(?:\{(.*)\})?\s+(\S+)/)!;
    const labels = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    return { labels, value: Number(match[2]) };
  });
}

test('the API and the worker expose their series, labelled by codes, without personal data', async () => {
  const person = newPerson();
  const token = await issueToken(config.AUTH_JWT_SECRET, { sub: 'agent-metrics', role: 'caseworker', email: 'agent.metrics@normandie.test' });
  const created = await call('POST', '/cases', token, { person, sessionId: cat.session.id });
  expect(created.status).toBe(201);
  const caseId: string = created.body.caseId;
  const scheduledAt = new Date(Date.now() + 86_400_000).toISOString();
  expect((await call('POST', `/cases/${caseId}/positionnement`, token, { scheduledAt })).status).toBe(200);
  expect((await call('GET', `/cases/${caseId}`, token)).status).toBe(200);
  expect((await call('GET', `/cases/${randomUUID()}`, token)).status).toBe(404);

  const apiText = await (await fetch(`http://127.0.0.1:${metrics.port}/metrics`)).text();
  const requests = samples(apiText, `${API_METRICS.httpRequestDuration}_count`);
  const count = (method: string, route: string, status: string): number =>
    requests.find((s) => s.labels.method === method && s.labels.route === route && s.labels.status_code === status)?.value ?? 0;
  expect(count('POST', '/cases', '201')).toBeGreaterThanOrEqual(1);
  expect(count('POST', '/cases/:caseId/positionnement', '200')).toBeGreaterThanOrEqual(1);
  expect(count('GET', '/cases/:caseId', '200')).toBeGreaterThanOrEqual(1);
  expect(count('GET', '/cases/:caseId', '404')).toBeGreaterThanOrEqual(1);
  expect(samples(apiText, `${API_METRICS.httpRequestDuration}_bucket`).length).toBeGreaterThan(0);

  expect(samples(apiText, BUSINESS_METRICS.up)[0]?.value).toBe(1);
  const open = samples(apiText, BUSINESS_METRICS.casesOpen).find((s) => s.labels.process === 'parcours' && s.labels.stage === 'positionnement');
  expect(open?.value).toBeGreaterThanOrEqual(1);
  for (const name of [BUSINESS_METRICS.handoffOldestUnacknowledgedAge, BUSINESS_METRICS.scrapeDuration]) {
    expect(samples(apiText, name)).toHaveLength(1);
  }
  for (const name of Object.values(BUSINESS_METRICS)) expect(apiText).toContain(`# TYPE ${name} gauge`);

  // The process's own health: its event loop's delay over the scrape's window, its pool (the queries above used it).
  expect(samples(apiText, PROCESS_METRICS.eventLoopLagP99)[0]?.value).toBeGreaterThan(0);
  const pool = samples(apiText, PROCESS_METRICS.dbPoolConnections);
  expect(pool.map((s) => s.labels.state).sort()).toEqual(['free', 'used']);
  expect(pool.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
  expect(samples(apiText, PROCESS_METRICS.dbPoolPendingAcquires)).toEqual([{ labels: {}, value: 0 }]);

  // The worker's runtime metrics: the journey ran workflow tasks and activities on this task queue.
  const workerText = await (await fetch(workerMetricsUrl)).text();
  const mustHave = [WORKER_METRICS.workflowTaskExecutionLatency, WORKER_METRICS.activityExecutionLatency, WORKER_METRICS.workflowTaskScheduleToStartLatency];
  for (const name of mustHave) {
    const ours = samples(workerText, `${name}_count`).filter((s) => s.labels.task_queue === config.TEMPORAL_TASK_QUEUE);
    expect({ name, seen: ours.reduce((sum, s) => sum + s.value, 0) > 0 }).toEqual({ name, seen: true });
  }
  for (const name of [WORKER_METRICS.stickyCacheSize, WORKER_METRICS.slotsAvailable, WORKER_METRICS.slotsUsed, WORKER_METRICS.workflowPollSucceed]) {
    expect({ name, seen: samples(workerText, name).length > 0 }).toEqual({ name, seen: true });
  }

  for (const text of [apiText, workerText]) {
    expect(text).not.toContain(person.lastName);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain(caseId);
  }
}, 120_000);

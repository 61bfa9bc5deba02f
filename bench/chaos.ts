/**
 * `npm run chaos [-- --cases 200] [--worker-kills 200] [--server-restarts 3]`: a monthly pay run while the worker
 * is killed with SIGKILL at random moments (and started again by a supervisor) and the Temporal dev server is
 * killed and started again on its data; then the checks of bench/chaos-checks.ts. Readable lines first; the LAST
 * line is one JSON object (`ok`: every check passed); the exit code is 1 when a check failed.
 *
 * Like the bench it starts its own embedded PostgreSQL (unless DATABASE_URL), the Temporal dev server (always
 * its own: it must kill it; SQLite file in .data/chaos), an SMTP server that keeps Message-IDs, the API (its
 * Temporal client reconnects by itself) and the worker with a prebuilt workflow bundle, so a new worker is
 * polling seconds after the last one died. The cases (bench/payrun-setup.ts) wait for last month's statement;
 * the statements go through the API a few after each kill, so the work is spread over the whole run, and every
 * statement is retried until the API accepts it (the client's duty through a server downtime: 503, resets).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { issueToken } from '../api/auth';
import { openOrm } from '../db/orm';
import { dataConverter } from '../platform/codec-converter';
import { loadConfig } from '../platform/config';
import { writeWorkflowBundle } from './bundle';
import { checkChaos, statementOf } from './chaos-checks';
import { DevServer, killEveryGroup, WorkerSupervisor } from './chaos-processes';
import { Children } from './children';
import { freePort, migrateDatabase, root, sleep, startPostgres } from './infra';
import { startMessageIdSink, type MessageIdSink } from './message-id-sink';
import { BENCH_DELAYS, payRunCalendar, seedTrainees, startParcours, type Seeded } from './payrun-setup';
import { round } from './util';

/** CHAOS_DATA_DIR: another folder (two runs side by side, or the smoke test under the test run's folder). */
const dataDir = process.env.CHAOS_DATA_DIR ?? join(root, '.data', 'chaos');
const config = loadConfig();
const startedAt = Date.now();
const log = (message: string): void => console.log(`[chaos +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${message}`);

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name}: a whole number is expected, got ${process.argv[i + 1]}`);
  return value;
}

const cases = option('cases', 50);
const workerKills = option('worker-kills', 20);
const serverRestarts = option('server-restarts', 1);
/** A worker lives between these many ms after it said "started" before it is killed. */
const killAfterMs = [option('min-life-ms', 1000), option('max-life-ms', 5000)] as const;
const random = (min: number, max: number): number => min + Math.random() * (max - min);
const children = new Children(dataDir, join(dataDir, 'pids.json'), (name) => void fail(new Error(`${name} died`)));
let supervisor: WorkerSupervisor | null = null;

/** Retries a client call through a server downtime, up to `timeoutMs`. */
async function retrying<T>(fn: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

interface Submitter {
  submit(indexes: number[]): void;
  /** From now on a statement still not accepted after `graceMs` is given up (refused). */
  faultsOver(graceMs: number): void;
  done(): Promise<void>;
  retries: number;
  /** Statements not answered 200 yet, and the last status each got. */
  waiting: Map<number, number>;
  refused: { caseId: string; status: number; body: string }[];
}

/** The workflow's answer to the same statement sent again once its month is paid (workflows/parcours/stages/formation.ts). */
const ALREADY_PAID = 'est déjà payé avec cet état de présence';

/**
 * Statements through the API, each retried until it is accepted (HTTP 200) or refused for good (a 4xx but 409),
 * for as long as the faults last and some minutes after.
 */
function statementSubmitter(apiUrl: string, seeded: Seeded, period: string, tokens: Map<string, string>): Submitter {
  const pending: Promise<void>[] = [];
  let deadline = Infinity;
  const submitter: Submitter = {
    retries: 0, refused: [], waiting: new Map(),
    submit(indexes) {
      pending.push(...indexes.map((i) => send(i)));
    },
    faultsOver(graceMs) {
      deadline = Date.now() + graceMs;
    },
    async done() {
      await Promise.all(pending);
    },
  };
  async function send(i: number): Promise<void> {
    const c = seeded.cases[i];
    for (;;) {
      let status = 0;
      let body: string;
      try {
        const res = await fetch(`${apiUrl}/cases/${c.caseId}/etats-presence`, {
          method: 'POST', body: JSON.stringify(statementOf(i, period)),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(c.organismeId)}` }, signal: AbortSignal.timeout(60_000),
        });
        status = res.status;
        body = await res.text();
      } catch (err) {
        body = String(err);
      }
      submitter.waiting.set(i, status);
      // A 409 "already paid with this statement": an earlier attempt was taken, its answer lost (a crash).
      if (status === 200 || status === 202 || (status === 409 && body.includes(ALREADY_PAID))) return void submitter.waiting.delete(i);
      if ((status >= 400 && status < 500 && status !== 409 && status !== 429) || Date.now() > deadline) {
        submitter.refused.push({ caseId: c.caseId, status, body: body.slice(0, 200) });
        return void submitter.waiting.delete(i);
      }
      submitter.retries += 1;
      await sleep(2000);
    }
  }
  return submitter;
}

/** After which kills the server is crashed too: spread evenly over the run. */
function serverRestartPoints(): Set<number> {
  return new Set(Array.from({ length: serverRestarts }, (_, j) => Math.max(1, Math.round(((j + 1) * workerKills) / (serverRestarts + 1)))));
}

async function waitForCompletion(orm: MikroORM, seeded: Seeded, period: string, sink: MessageIdSink, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await orm.em.fork().execute(`select
        (select count(*)::int from payment p join dossier d on d.id = p.dossier_id where d.created_by = ? and p.kind = 'MENSUEL' and p.period = ?) as payments,
        (select count(*)::int from sent_mail m join dossier d on d.id = m.dossier_id where d.created_by = ? and m.template = 'releve_mensuel' and m.status = 'sent') as mails`,
    [seeded.createdBy, period, seeded.createdBy]);
    if (row.payments >= cases && row.mails >= cases && sink.received.size >= cases) return;
    await sleep(1000);
  }
}

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const runId = randomBytes(4).toString('hex');
  log(`${cases} cases, ${workerKills} worker kills, ${serverRestarts} server restarts`);
  const server = new DevServer(await freePort(), dataDir);
  const [pg, bundlePath, sink] = await Promise.all([
    startPostgres(children, dataDir).then(async (started) => { await migrateDatabase(started.url); return started; }),
    // WORKFLOW_BUNDLE_PATH: a bundle already built (the smoke test passes the test run's).
    process.env.WORKFLOW_BUNDLE_PATH ?? writeWorkflowBundle(dataDir), startMessageIdSink(), server.start(),
  ]);
  const cleanUp = async (): Promise<void> => {
    await supervisor?.stop();
    server.stop();
    await children.stopAll();
    await sink.close();
  };
  process.on('exit', () => { killEveryGroup(); children.killAllNow(); });

  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  const orm = await openOrm(pg.url);
  const seeded = await seedTrainees(orm, cases, runId);
  const { period } = payRunCalendar();
  const apiPort = await freePort();
  const env = {
    ...process.env, TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE, TEMPORAL_CODEC_KEYS: config.TEMPORAL_CODEC_KEYS,
    DATABASE_URL: pg.url, SMTP_URL: sink.url, PORT: String(apiPort), TEMPORAL_TASK_QUEUE: `chaos-${runId}`, FRANCE_TRAVAIL_ORG_ID: seeded.franceTravailId,
    PARCOURS_DELAYS: JSON.stringify(BENCH_DELAYS), WORKFLOW_BUNDLE_PATH: bundlePath, WORKER_METRICS_PORT: '0', API_METRICS_PORT: '0', LOG_LEVEL: 'info',
  };
  await children.start('api', process.execPath, ['--import', 'tsx', 'api/main.ts'], /API listening/, { cwd: root, env });
  supervisor = new WorkerSupervisor(env, dataDir);
  supervisor.start();
  await supervisor.ready();
  await retrying(() => startParcours(client, env.TEMPORAL_TASK_QUEUE, seeded, 16));
  log(`PostgreSQL, Temporal dev server ${server.address}, API, worker up; ${cases} cases waiting for the statement of ${period}`);

  const tokens = new Map<string, string>();
  for (const org of seeded.organismeIds) tokens.set(org, await issueToken(config.AUTH_JWT_SECRET, { sub: `chaos-${org.slice(0, 8)}`, role: 'organisme', org }));
  const submitter = statementSubmitter(`http://127.0.0.1:${apiPort}`, seeded, period, tokens);
  const perKill = Math.max(1, Math.ceil(cases / Math.max(workerKills, 1)));
  let next = 0;
  const submitBatch = (size: number): void => {
    const indexes = Array.from({ length: Math.min(size, cases - next) }, (_, k) => next + k);
    next += indexes.length;
    submitter.submit(indexes);
  };
  const restartAt = serverRestartPoints();
  submitBatch(perKill);
  for (let k = 1; k <= workerKills; k++) {
    await supervisor.ready();
    await sleep(random(...killAfterMs));
    supervisor.kill();
    submitBatch(perKill);
    if (restartAt.has(k)) {
      log(`kill ${k}: the Temporal server too (SIGKILL), down for a few seconds`);
      await server.crashAndRestart(random(1000, 5000));
    }
    if (k % 20 === 0) log(`${k} worker kills, ${next}/${cases} statements sent, ${submitter.retries} request retries`);
  }
  submitBatch(cases);
  submitter.faultsOver(600_000);
  const progress = setInterval(() => log(`statements waiting for a 200: ${submitter.waiting.size} `
    + `(last statuses ${JSON.stringify(Object.fromEntries([...submitter.waiting].slice(0, 5)))}), ${submitter.retries} retries`), 10_000);
  await submitter.done();
  clearInterval(progress);
  log(`faults over: ${supervisor.kills} worker kills, ${server.restarts} server restarts; waiting for the payments and mails…`);
  const settleStart = Date.now();
  await waitForCompletion(orm, seeded, period, sink, 600_000);
  await sleep(3000); // activities in flight finish; nothing should be pending any more
  const findings = await retrying(() => checkChaos(orm, client, seeded, period, sink));
  const ok = findings.payments === cases && findings.cases_without_payment === 0 && findings.duplicate_payments === 0 && findings.wrong_amounts === 0
    && findings.cases_without_statement_mail === 0 && findings.duplicate_statement_mail_rows === 0 && findings.failed_workflows === 0
    && findings.stuck_workflows === 0 && findings.incidents === 0 && submitter.refused.length === 0;
  const result = {
    ok, cases, worker_kills: supervisor.kills, server_restarts: server.restarts, worker_starts: supervisor.starts,
    worker_failed_starts: supervisor.failedStarts, statement_request_retries: submitter.retries, statements_refused: submitter.refused.length,
    ...findings, settle_seconds: round((Date.now() - settleStart) / 1000), seconds: round((Date.now() - startedAt) / 1000),
    date: new Date(startedAt).toISOString(),
  };
  for (const r of submitter.refused.slice(0, 3)) log(`refused: ${r.caseId} ${r.status} ${r.body}`);
  await orm.close();
  await connection.close();
  await cleanUp();
  console.log(JSON.stringify(result));
  process.exit(ok ? 0 : 1);
}

let failing = false;
async function fail(err: Error): Promise<void> {
  if (failing) return;
  failing = true;
  console.error(`[chaos] failed: ${err.stack ?? err.message}`);
  killEveryGroup();
  children.killAllNow();
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void fail(new Error(signal)));
main().catch(fail);

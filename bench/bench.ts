/**
 * `npm run bench [-- --n 10000] [--m 2000] [--concurrency 32] [--workers 2]`: throughput and memory of the system on
 * this machine, in one run, on its own servers. It measures; it asserts nothing (docs/BENCHMARK.md).
 * `--workers N`: N worker processes on the same task queue, started from one prebuilt workflow bundle; the
 * workers' Prometheus endpoints are sampled during the pay run (cache hit rate, workflow task latency p95, each
 * worker's share of the tasks).
 *
 *   (a) baseline: M trivial one-activity workflows (M = N by default) → completed workflows per second;
 *   (b) monthly pay run: N trainees in training (N = 2,000 by default, or BENCH_N), every attendance statement
 *       submitted through the API, every payment computed, issued in the ledger (and its mail sent)
 *       → completed payments per second, statements per second, API latency;
 *   (c) peak resident memory (VmHWM) of the worker and the API processes.
 *
 * `--open-cases-only` stops after the setup and reports the worker's memory with N open cases.
 * `--statements-per-s R`: the statements arrive at R per second (an arrival rate) instead of `--concurrency` at a
 * time (a burst).
 *
 * Readable figures first; the LAST line is one JSON object (n, baseline_wf_per_s, payments_per_s, ratio,
 * worker_peak_rss_mb, …). Starts, unless DATABASE_URL / TEMPORAL_ADDRESS point to existing ones, an embedded
 * PostgreSQL and the Temporal dev server (data in .data/bench, wiped at each run), an SMTP sink, the baseline
 * worker, then the product's worker and API as separate processes; stops them all at the end or on Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../db/orm';
import { dataConverter } from '../platform/codec-converter';
import { loadConfig } from '../platform/config';
import { parcoursWorkflowId } from '../workflows/parcours/messages';
import { analyse, baselineFrom, baselineTo, parcoursFrom, parcoursTo, spread, type Breakdown } from './analysis';
import { runBaseline } from './baseline';
import { runBourseInstalments } from './bourse-run';
import { Children, killLeftovers, type Child } from './children';
import { freePort, migrateDatabase, root, sleep, startPostgres, startSmtpSink, startTemporal, type SmtpSink } from './infra';
import { Monitor, type PhaseUsage } from './monitor';
import { BENCH_DELAYS, payRunCalendar, seedTrainees, startParcours, waitsForStatement, type Seeded } from './payrun-setup';
import {
  paymentsSoFar, sampleDbActivity, submitStatements, waitForPayments, waitForStatementMails, type DbActivity, type StatementPace, type Submission,
} from './payrun';
import { startReads, type ReadFigures } from './reads';
import { timeReplays, type ReplayFigure } from './replay';
import { describeProcess, memoryOf, treeCpuSeconds } from './proc';
import { breakdownLines, usageLines } from './report';
import { writeWorkflowBundle } from './bundle';
import { WorkerMetricsSampler, type WorkerMetricsSummary } from './metrics-sampler';
import { ApiSampler, type ApiFigures } from './api-sampler';
import { percentile, round, waitFor } from './util';

const dataDir = join(root, '.data', 'bench');
const pidFile = join(root, '.data', 'bench-pids.json');
const SAMPLE = 20; // workflows whose histories are analysed
/** 10-month courses: the part-2 journey, and the statements certified with certifierEtatPresence. */
const REPLAY_FIXTURES = ['parcours-part2-v1.json', 'parcours-certifier-v1.json', 'parcours-writes-2026-v1.json', 'parcours-payment-mail-v1.json'];
const config = loadConfig();
const startedAt = Date.now();

const log = (message: string): void => console.log(`[bench +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${message}`);

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name}: a positive whole number is expected, got ${raw}`);
  return value;
}

const n = option('n', 2000);
const m = option('m', n);
const concurrency = option('concurrency', 32);
const workerCount = option('workers', 1);
const statementsPerSecond = option('statements-per-s', 0) || null; // absent: a burst at --concurrency
const pace: StatementPace = statementsPerSecond ? { perSecond: statementsPerSecond } : { inFlight: concurrency };
/**
 * In a burst, the last cases' statements are held back and sent one by one at PROBE_PER_S once the burst is
 * answered, while its payments go on: what a single provider waits during the pay run (issue 9 §3), beside the
 * burst's capacity. None with `--statements-per-s` (every statement is then such a one).
 */
const probeCount = statementsPerSecond ? 0 : Math.min(option('probe-statements', 100), Math.floor(n / 20));
const PROBE_PER_S = 2;
const runId = randomBytes(4).toString('hex');

const children = new Children(dataDir, pidFile, () => void fail(new Error('a child process died: the run cannot go on')));
const monitor = new Monitor(cpus().length);
let smtp: SmtpSink | null = null;
let stopping = false;

async function cleanUp(): Promise<void> {
  monitor.stop();
  await children.stopAll();
  await smtp?.close();
}

/** The pid sampled must be the node process running the entry point itself, not a wrapper (npx, sh). */
function checkIsNode(child: Child, entry: string): string {
  const { comm, cmdline } = describeProcess(child.pid);
  if (comm !== 'node' || !cmdline.includes(entry)) throw new Error(`${child.name}: pid ${child.pid} is "${comm}: ${cmdline}", not node ${entry}`);
  return `${child.name} pid ${child.pid} = ${comm} (${cmdline})`;
}

/** CPU seconds per second below which the processes are quiet (a CPU profiler's sampling alone costs more). */
const QUIET_CPU_SECONDS = process.env.BENCH_CPU_PROFILE ? 0.3 : 0.05;

/** Waits until the given processes use less than QUIET_CPU_SECONDS of a core for 2 seconds in a row. */
async function waitQuiet(pids: number[]): Promise<void> {
  const cpu = (): number => pids.reduce((sum, pid) => sum + treeCpuSeconds(pid), 0);
  let calm = 0;
  let previous = cpu();
  const deadline = Date.now() + 600_000;
  while (calm < 2 && Date.now() < deadline) {
    await sleep(1000);
    const now = cpu();
    calm = now - previous < QUIET_CPU_SECONDS ? calm + 1 : 0;
    previous = now;
  }
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`[bench] ${signal}: stopping every child process`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => children.killAllNow());

  const leftovers = killLeftovers(pidFile);
  if (leftovers > 0) log(`stopped ${leftovers} process(es) left by an interrupted run`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  log(`N = ${n} trainees, M = ${m} baseline workflows, ${concurrency} requests in flight; ${machine}`);

  // ── Infrastructure, side by side ──
  const [pg, temporal, sink] = await Promise.all([
    startPostgres(children, dataDir).then(async (started) => { await migrateDatabase(started.url); return started; }),
    startTemporal(children, dataDir),
    startSmtpSink(),
  ]);
  smtp = sink;
  monitor.watch('postgres', pg.pid);
  monitor.watch('temporal', temporal.pid);
  log(`PostgreSQL ${pg.pid ? 'embedded' : 'external'}, Temporal ${temporal.pid ? 'dev server' : 'external'} at ${temporal.address}, SMTP sink ${smtp.url}`);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  // BENCH_CPU_PROFILE=<dir>: each process writes a V8 CPU profile there when it stops (where the CPU goes).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const tsx = (entry: string): string[] => [...profile, '--import', 'tsx', entry];
  const common = { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE, TEMPORAL_CODEC_KEYS: config.TEMPORAL_CODEC_KEYS };

  // ── (a) Baseline ──
  const baselineQueue = `bench-baseline-${runId}`;
  const baselineWorker = await children.start('baseline-worker', process.execPath, tsx('bench/baseline-worker.ts'), /baseline worker started/,
    { cwd: root, env: { ...common, BENCH_BASELINE_TASK_QUEUE: baselineQueue } });
  log(checkIsNode(baselineWorker, 'bench/baseline-worker.ts'));
  monitor.watch('baseline-worker', baselineWorker.pid);
  log(`(a) baseline: ${m} workflows…`);
  monitor.begin('baseline');
  const baseline = await runBaseline(client, baselineQueue, m, concurrency, runId);
  const baselineUsage = monitor.end();
  log(`(a) ${round(baseline.workflowsPerSecond)} workflows/s (${m} in ${round(baseline.seconds, 2)} s)`);
  const baselineBreakdown = await analyse(client, spread(baseline.ids, SAMPLE), baselineFrom, baselineTo);
  const baselineWorkerPeak = memoryOf(baselineWorker.pid)?.peakMb ?? NaN;
  monitor.unwatch('baseline-worker');
  await children.stop('baseline-worker');

  // ── (b) Pay run: setup (not measured) ──
  const { period } = payRunCalendar();
  const orm = await openOrm(pg.url);
  let t = Date.now();
  const seeded = await seedTrainees(orm, n, runId);
  log(`(b) setup: ${n} trainees, cases and pay files inserted in ${round((Date.now() - t) / 1000)} s; paying ${period}`);
  const apiPort = await freePort();
  const env = {
    ...common, DATABASE_URL: pg.url, SMTP_URL: smtp.url, PORT: String(apiPort), TEMPORAL_TASK_QUEUE: `bench-sprfp-${runId}`,
    FRANCE_TRAVAIL_ORG_ID: seeded.franceTravailId, PARCOURS_DELAYS: JSON.stringify(BENCH_DELAYS),
  };
  // --workers: every worker loads the same prebuilt bundle (no webpack in each process); each has its metrics port.
  const bundle = process.argv.includes('--workers') ? { WORKFLOW_BUNDLE_PATH: await writeWorkflowBundle(dataDir) } : {};
  const metricsPorts = await Promise.all(Array.from({ length: workerCount }, () => freePort()));
  const apiMetricsPort = await freePort();
  const [workers, api] = await Promise.all([
    Promise.all(metricsPorts.map((port, i) => children.start(i === 0 ? 'worker' : `worker-${i + 1}`, process.execPath, tsx('worker/main.ts'), /worker started/,
      { cwd: root, env: { ...env, ...bundle, WORKER_METRICS_PORT: String(port) }, timeoutMs: 240_000 }))),
    children.start('api', process.execPath, tsx('api/main.ts'), /API listening/, { cwd: root, env: { ...env, API_METRICS_PORT: String(apiMetricsPort), DATABASE_POOL_MAX: String(option('api-pool-max', config.DATABASE_POOL_MAX)) } }),
  ]);
  const [worker] = workers;
  workers.forEach((w) => log(checkIsNode(w, 'worker/main.ts')));
  workers.slice(1).forEach((w) => monitor.watch(w.name, w.pid));
  const sampler = new WorkerMetricsSampler(metricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`));
  const apiSampler = new ApiSampler(`http://127.0.0.1:${apiMetricsPort}/metrics`);
  log(checkIsNode(api, 'api/main.ts'));
  monitor.watch('worker', worker.pid);
  monitor.watch('api', api.pid);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const health = await (await fetch(`${apiUrl}/health`)).json();
  log(`API health: ${JSON.stringify(health)}`);
  await sleep(2000);
  const workerIdleRssMb = memoryOf(worker.pid)?.rssMb ?? NaN;

  monitor.begin('setup');
  t = Date.now();
  const startSeconds = await startParcours(client, env.TEMPORAL_TASK_QUEUE, seeded, concurrency * 2);
  log(`(b) setup: ${n} parcours workflows started in ${round(startSeconds)} s; waiting until they wait for the statement…`);
  const probes = spread(seeded.cases, SAMPLE);
  await waitFor('parcours ready', async () => {
    const ready = await Promise.all(probes.map((c) => waitsForStatement(client, c.caseId, period).catch(() => false)));
    const count = ready.filter(Boolean).length;
    return { done: count === probes.length, progress: count };
  }, { everyMs: 1000, stallMs: 900_000 }); // a loaded server may take minutes between two ready probes
  await waitQuiet([...workers.map((w) => w.pid), ...(temporal.pid ? [temporal.pid] : [])]);
  const setupUsage = monitor.end();
  const workerSetUpRssMb = memoryOf(worker.pid)?.rssMb ?? NaN;
  log(`(b) setup done in ${round((Date.now() - t) / 1000)} s; worker RSS ${round(workerSetUpRssMb)} MB with ${n} open cases `
    + `(peak so far ${round(memoryOf(worker.pid)?.peakMb ?? NaN)} MB, cache ${cacheSize()} workflows)`);
  if (process.argv.includes('--open-cases-only')) return openCasesOnly(n, worker.pid, workerIdleRssMb, workerSetUpRssMb, orm, connection);

  // ── (b) Pay run: measured ──
  log(`(b) pay run: ${n} statements through the API, ${statementsPerSecond ? `${statementsPerSecond} per second` : `${concurrency} in flight`}…`);
  monitor.begin('pay run');
  await sampler.begin();
  await apiSampler.begin();
  const dbSampler = sampleDbActivity(orm);
  const reads = await startReads(apiUrl, config.AUTH_JWT_SECRET, seeded, option('reads-per-s', 50));
  const burst = seeded.cases.slice(0, n - probeCount);
  const submission = await submitStatements(apiUrl, config.AUTH_JWT_SECRET, { ...seeded, cases: burst }, period, pace);
  const statementsSeconds = (submission.lastResponseAt - submission.t0) / 1000;
  log(`(b) ${burst.length} statements answered in ${round(statementsSeconds, 2)} s (${submission.failures.length} refused); `
    + `${probeCount ? `${probeCount} more one by one (${PROBE_PER_S} per second) during the payments; ` : ''}waiting for the payments…`);
  const probe = await probeDuringPayments({ apiUrl, orm, seeded, period }, seeded.cases.slice(n - probeCount));
  const expected = n - submission.failures.length - (probe?.failures.length ?? 0);
  const payments = await waitForPayments(orm, seeded, period, expected);
  const readFigures = await reads.stop();
  const payrunUsage = monitor.end();
  const workerMetrics = await sampler.end();
  const apiFigures = await apiSampler.end();
  const db = await dbSampler.stop();
  const paymentsSeconds = (payments.lastAt - submission.t0) / 1000;
  log(`(b) ${payments.count} payments in the ledger in ${round(paymentsSeconds, 2)} s`);
  const mails = await waitForStatementMails(orm, seeded, period, expected);
  const mailsSeconds = (mails.lastAt - submission.t0) / 1000;

  // ── (c) Memory, before anything stops ──
  const workersPeakMb = workers.map((w) => round(memoryOf(w.pid)?.peakMb ?? NaN));
  const memory = { worker: memoryOf(worker.pid), api: memoryOf(api.pid), bench: memoryOf(process.pid),
    temporal: temporal.pid ? memoryOf(temporal.pid) : null };

  // Printed at once: the bursary run that follows must not lose them if it fails.
  printWorkerMetrics(workerMetrics, workersPeakMb, payments.count / paymentsSeconds);
  const payrunBreakdown = await analyse(client, spread(seeded.cases.map((c) => parcoursWorkflowId(c.caseId)), SAMPLE), parcoursFrom, parcoursTo);
  const bourse = await runBourseInstalments({ client, orm, taskQueue: env.TEMPORAL_TASK_QUEUE, runId, n: option('bourse-n', 5850), concurrency,
    baselineWorkflowsPerSecond: baseline.workflowsPerSecond, startMsPerWorkflow: (baseline.startSeconds * 1000) / m, log });
  log('(e) replay of an evicted case: the committed 10-month histories, 20 times each…');
  const replays = await timeReplays(config.TEMPORAL_CODEC_KEYS, REPLAY_FIXTURES);
  const mailsReceived = smtp.received();
  await orm.close();
  await connection.close();
  await cleanUp();

  const result = {
    n, m, concurrency, statements_per_s_sent: statementsPerSecond,
    baseline_wf_per_s: round(baseline.workflowsPerSecond, 2),
    payments_per_s: round(payments.count / paymentsSeconds, 2),
    ratio: round(payments.count / paymentsSeconds / baseline.workflowsPerSecond, 3),
    statements_per_s: round(submission.latenciesMs.length / statementsSeconds, 2),
    api_latency_p50_ms: round(percentile(submission.latenciesMs, 50)),
    api_latency_p95_ms: round(percentile(submission.latenciesMs, 95)),
    ...probeResult(probe),
    events_per_payment: round(payrunBreakdown.perWorkflow.events, 1),
    workflow_tasks_per_payment: round(payrunBreakdown.perWorkflow.workflowTasks, 1),
    activities_per_payment: round(payrunBreakdown.perWorkflow.activities, 1),
    read_case_p95_ms: readFigures.caseP95Ms,
    read_list_p95_ms: readFigures.listP95Ms,
    reads_per_s: option('reads-per-s', 50),
    read_errors: readFigures.errors,
    replay_ms_per_case: Object.fromEntries(replays.map((r) => [`${r.fixture.replace('.json', '')} (${r.events} events)`, r.msMean])),
    worker_peak_rss_mb: round(memory.worker?.peakMb ?? NaN),
    api_peak_rss_mb: round(memory.api?.peakMb ?? NaN),
    baseline_worker_peak_rss_mb: round(baselineWorkerPeak),
    temporal_peak_rss_mb: memory.temporal ? round(memory.temporal.peakMb) : null,
    bench_peak_rss_mb: round(memory.bench?.peakMb ?? NaN),
    worker_idle_rss_mb: round(workerIdleRssMb),
    worker_rss_with_open_cases_mb: round(workerSetUpRssMb),
    baseline_seconds: round(baseline.seconds, 2),
    payrun_seconds: round(paymentsSeconds, 2),
    statement_mails_seconds: round(mailsSeconds, 2),
    refused_statements: submission.failures.length + (probe?.failures.length ?? 0),
    retried_requests: submission.retries + (probe?.retries ?? 0),
    statements_answered_by_workflow: submission.answeredByWorkflowMs.length,
    statements_answered_by_workflow_p50_ms: submission.answeredByWorkflowMs.length ? round(percentile(submission.answeredByWorkflowMs, 50)) : null,
    mails_received: mailsReceived,
    db_active_queries_mean: round(db.activeMean, 2),
    db_waits: db.waits,
    ...apiFiguresResult(apiFigures),
    other_programs_cpu_pct_during_payrun: Math.round((100 * payrunUsage.otherBusySeconds) / payrunUsage.wallSeconds),
    temporal: process.env.TEMPORAL_ADDRESS ? 'external' : `dev server, SQLite ${process.env.BENCH_TEMPORAL_DB === 'memory' ? 'in memory' : 'file'}`,
    postgres: process.env.DATABASE_URL ? 'external' : 'embedded',
    ...bourse,
    ...workerMetricsResult(workerMetrics, workersPeakMb),
    worker_heap_growing_percent: config.WORKER_HEAP_GROWING_PERCENT,
    cores: cpus().length,
    date: new Date(startedAt).toISOString(),
  };
  printReport({ machine, baseline, baselineUsage, baselineBreakdown, setupUsage, startSeconds, payrunUsage, payrunBreakdown, db, api: apiFigures, submission, probe,
    statementsSeconds, paymentsSeconds, mailsSeconds, result, period, reads: readFigures, replays });
  writeFileSync(join(dataDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
}

/**
 * `--open-cases-only`: the worker's memory with N open cases waiting for their statement, without the pay run
 * (issue 9 §1 at N = 10,000, where a whole run takes too long on a shared machine). Last line: its JSON.
 */
async function openCasesOnly(cases: number, workerPid: number, idleMb: number, openMb: number, orm: { close(): Promise<void> },
  connection: Connection): Promise<void> {
  const result = { n: cases, worker_idle_rss_mb: round(idleMb), worker_rss_with_open_cases_mb: round(openMb),
    worker_peak_rss_mb: round(memoryOf(workerPid)?.peakMb ?? NaN), worker_max_cached_workflows: cacheSize(),
    worker_max_concurrent_workflow_tasks: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS, worker_heap_growing_percent: config.WORKER_HEAP_GROWING_PERCENT, date: new Date(startedAt).toISOString() };
  await orm.close();
  await connection.close();
  await cleanUp();
  console.log(JSON.stringify(result));
}

interface ReportInput {
  machine: string;
  baseline: Awaited<ReturnType<typeof runBaseline>>;
  baselineUsage: PhaseUsage;
  baselineBreakdown: Breakdown;
  setupUsage: PhaseUsage;
  startSeconds: number;
  payrunUsage: PhaseUsage;
  payrunBreakdown: Breakdown;
  db: DbActivity;
  api: ApiFigures;
  submission: Awaited<ReturnType<typeof submitStatements>>;
  probe: Probe | null;
  statementsSeconds: number;
  paymentsSeconds: number;
  mailsSeconds: number;
  period: string;
  result: Record<string, unknown>;
  reads: ReadFigures;
  replays: ReplayFigure[];
}

function printReport(r: ReportInput): void {
  const { result } = r;
  const lines = [
    '',
    '════════════════════ SPRFP Normandie: benchmark ════════════════════',
    `${r.machine}; Temporal ${process.env.TEMPORAL_ADDRESS ? 'external' : `dev server (SQLite ${process.env.BENCH_TEMPORAL_DB === 'memory' ? 'in memory' : 'file'})`}, PostgreSQL ${process.env.DATABASE_URL ? 'external' : 'embedded'}, SMTP sink (mails accepted, discarded)`,
    '',
    `(a) Baseline, ${r.baseline.workflows} trivial workflows (1 activity each), ${result.concurrency} start calls in flight`,
    `  ${result.baseline_wf_per_s} completed workflows/s   (${result.baseline_seconds} s from the first start to the last close; starts took ${round(r.baseline.startSeconds, 2)} s)`,
    ...usageLines(r.baselineUsage),
    ...breakdownLines(r.baselineBreakdown),
    '',
    `(b) Monthly pay run of ${r.period}, ${result.n} trainees (setup not measured: start of ${result.n} workflows took ${round(r.startSeconds)} s)`,
    ...usageLines(r.setupUsage).map((l) => l.replace('  CPU', '  setup CPU')),
    `  ${result.payments_per_s} completed payments/s   (${result.payrun_seconds} s from the first statement sent to the last payment in the ledger)`,
    `  ${result.statements_per_s} statements/s accepted by the API in the burst (${r.submission.latenciesMs.length} in ${round(r.statementsSeconds, 2)} s), latency p50 ${result.api_latency_p50_ms} ms, p95 ${result.api_latency_p95_ms} ms, max ${round(Math.max(...r.submission.latenciesMs))} ms`,
    ...(r.probe ? [`  ${r.probe.latenciesMs.length} single statements sent one by one during the payments (${PROBE_PER_S} per second, `
      + `${r.probe.paymentsLeft} payments still to come when the last was answered): latency p50 ${result.statement_during_payrun_p50_ms} ms, `
      + `p95 ${result.statement_during_payrun_p95_ms} ms, max ${round(Math.max(...r.probe.latenciesMs))} ms`] : []),
    `  refused after retries: ${result.refused_statements}; retried: ${result.retried_requests}; answered by the workflow itself (200, not the inbox): `
      + `${result.statements_answered_by_workflow}${result.statements_answered_by_workflow_p50_ms === null ? '' : `, p50 ${result.statements_answered_by_workflow_p50_ms} ms`}`,
    `  case reads meanwhile, ${result.reads_per_s} requests/s (provider's token): GET /cases/{id} p50 ${r.reads.caseP50Ms} ms, p95 ${r.reads.caseP95Ms} ms; `
      + `GET /cases p50 ${r.reads.listP50Ms} ms, p95 ${r.reads.listP95Ms} ms (${r.reads.requests} requests, ${r.reads.errors} errors)`,
    ...r.submission.failures.slice(0, 3).map((f) => `    ${f.caseId}: ${f.status} ${f.body}`),
    `  statement mails: all sent ${round(r.mailsSeconds, 2)} s after the first statement; ${result.mails_received} mails received by the SMTP sink`,
    ...usageLines(r.payrunUsage),
    `  PostgreSQL: ${r.db.connectionsMax} connections at most (pools of 10 per process), ${round(r.db.activeMean, 2)} running a query on average, ` +
      `${r.db.activeMax} at most (${r.db.samples} samples); busy connections by wait: ${JSON.stringify(r.db.waits)}`,
    ...apiLines(r.api),
    '  where a payment\'s time goes (sample of histories, from the statement\'s update to the statement mail):',
    ...breakdownLines(r.payrunBreakdown),
    '',
    `  ratio payments/s ÷ baseline workflows/s = ${result.ratio}; history events per payment ${result.events_per_payment}`,
    '',
    '(e) Replay of an evicted case (one replay worker, the committed history of a 10-month course, 20 replays each)',
    ...r.replays.map((x) => `  ${x.fixture}: ${x.events} events, ${x.msMean} ms per replay (p95 ${x.msP95} ms)`),
    '',
    `(d) Bursary instalment run of ${result.bourse_month}, ${result.bourse_n} holders due at one instant (setup not measured: start of the workflows took ${result.bourse_start_seconds} s)`,
    `  ${result.instalments_per_s} instalments/s   (${result.bourse_run_seconds} s from the instant they fell due to the last instalment in the ledger); `
      + `baseline ${result.baseline_wf_per_s} workflows/s, ratio ${result.instalments_ratio}`,
    '',
    '(c) Peak resident memory (VmHWM, whole life of the process)',
    `  worker ${result.worker_peak_rss_mb} MB, API ${result.api_peak_rss_mb} MB, baseline worker ${result.baseline_worker_peak_rss_mb} MB, ` +
      `Temporal dev server ${result.temporal_peak_rss_mb ?? '—'} MB, bench ${result.bench_peak_rss_mb} MB`,
    `  worker: ${result.worker_idle_rss_mb} MB idle after start, ${result.worker_rss_with_open_cases_mb} MB once the ${result.n} cases were started and waiting ` +
      `(≈ ${Math.round((1024 * (Number(result.worker_rss_with_open_cases_mb) - Number(result.worker_idle_rss_mb))) / Math.min(Number(result.n), cacheSize()))} KB per cached workflow; ` +
      `workflow cache: ${cacheSize()} workflows)`,
    '════════════════════════════════════════════════════════════════════',
  ];
  console.log(lines.join('\n'));
}

type Probe = Submission & { paymentsLeft: number };

/** The held-back statements, one by one while the burst's payments go on; how many payments were still to come. */
async function probeDuringPayments(run: { apiUrl: string; orm: MikroORM; seeded: Seeded; period: string }, cases: Seeded['cases']): Promise<Probe | null> {
  if (cases.length === 0) return null;
  const { apiUrl, orm, seeded, period } = run;
  const probe = await submitStatements(apiUrl, config.AUTH_JWT_SECRET, { ...seeded, cases }, period, { perSecond: PROBE_PER_S });
  return { ...probe, paymentsLeft: n - (await paymentsSoFar(orm, seeded, period)) };
}

function probeResult(p: Probe | null) {
  return {
    statements_during_payrun: p?.latenciesMs.length ?? 0,
    statement_during_payrun_p50_ms: p ? round(percentile(p.latenciesMs, 50)) : null,
    statement_during_payrun_p95_ms: p ? round(percentile(p.latenciesMs, 95)) : null,
    payments_left_after_probe: p?.paymentsLeft ?? null,
  };
}

/** Where the API's answers spent their time during the pay run, for the JSON line. */
function apiFiguresResult(a: ApiFigures) {
  return {
    server_statement_p50_ms: round(a.server.statement.p50Ms), server_statement_p95_ms: round(a.server.statement.p95Ms),
    server_read_case_p95_ms: round(a.server.case.p95Ms), server_read_list_p95_ms: round(a.server.list.p95Ms),
    api_event_loop_p99_ms: { median_window: round(a.apiLoopP99MedianMs), max_window: round(a.apiLoopP99MaxMs) },
    api_event_loop_max_ms: round(a.apiLoopMaxMs),
    api_pool_pending_max: a.poolPendingMax,
    bench_event_loop_p99_ms: round(a.benchLoopP99Ms), bench_event_loop_max_ms: round(a.benchLoopMaxMs),
  };
}

function apiLines(a: ApiFigures): string[] {
  const s = a.server;
  return [
    `  inside the API (its request histogram, coarse buckets): statements p50 ${round(s.statement.p50Ms)} ms, p95 ${round(s.statement.p95Ms)} ms `
      + `(${s.statement.count}); GET /cases/{id} p95 ${round(s.case.p95Ms)} ms; GET /cases p95 ${round(s.list.p95Ms)} ms`,
    `  API event loop delay: p99 ${round(a.apiLoopP99MedianMs)} ms in the median 5 s window, ${round(a.apiLoopP99MaxMs)} ms in the worst, `
      + `longest ${round(a.apiLoopMaxMs)} ms; its pool: ${a.poolUsedMax} connections in use at most, ${a.poolPendingMax} queries waiting at most`,
    `  bench's own event loop delay (the client measuring): p99 ${round(a.benchLoopP99Ms)} ms, longest ${round(a.benchLoopMaxMs)} ms`,
  ];
}

/** The workers' figures of the pay run (from their metrics endpoints and /proc), for the JSON line. */
function workerMetricsResult(m: WorkerMetricsSummary, peaksMb: number[]) {
  return {
    workers: peaksMb.length,
    workers_peak_rss_mb: peaksMb,
    worker_cache_hit_rate: round(m.cacheHitRate, 3),
    workflow_task_execution_p95_ms: round(m.workflowTaskExecutionP95Ms),
    workflow_task_schedule_to_start_p95_ms: round(m.workflowTaskScheduleToStartP95Ms),
    worker_max_cached_workflows: m.maxCacheSize,
    workers_workflow_tasks: m.perWorker.map((w) => w.workflowTasks),
    workers_activities: m.perWorker.map((w) => w.activities),
  };
}

function printWorkerMetrics(m: WorkerMetricsSummary, peaksMb: number[], paymentsPerSecond: number): void {
  const tasks = m.perWorker.reduce((sum, w) => sum + w.workflowTasks, 0);
  console.log([
    '',
    `(e) Workers during the pay run (their Prometheus endpoints, sampled every 2 s): ${peaksMb.length} process(es) on the task queue, ` +
      `${round(paymentsPerSecond, 2)} payments/s together`,
    `  sticky cache hit rate ${round(100 * m.cacheHitRate, 1)} %, at most ${m.maxCacheSize} workflows cached; workflow task latency p95: ` +
      `execution ${round(m.workflowTaskExecutionP95Ms)} ms, schedule-to-start ${round(m.workflowTaskScheduleToStartP95Ms)} ms`,
    ...m.perWorker.map((w, i) => `  worker ${i + 1}: ${w.workflowTasks} workflow tasks (${round((100 * w.workflowTasks) / Math.max(tasks, 1))} %), ` +
      `${w.activities} activities, peak RSS (VmHWM) ${peaksMb[i]} MB`),
  ].join('\n'));
}

/** The worker's maxCachedWorkflows: the setting it got (WORKER_MAX_CACHED_WORKFLOWS, or its default). */
const cacheSize = (): number => config.WORKER_MAX_CACHED_WORKFLOWS;

async function fail(err: Error): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(`[bench] failed: ${err.stack ?? err.message}`);
  await cleanUp().catch(() => undefined);
  process.exit(1);
}

main().catch(fail);

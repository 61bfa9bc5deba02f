/**
 * `npm start`: the whole system on one machine, from nothing, and where to find each piece.
 *
 * Starts (unless an env var points to an existing one) PostgreSQL (embedded, data in .data/dev/pg), the
 * Temporal dev server (SQLite in .data/dev/temporal.sqlite, Web UI), a mail catcher (MailDev), then runs the
 * migrations, seeds the development reference data, starts the worker and the API, and prints the URLs and
 * bearer tokens. Data survives restarts; delete .data/dev to start afresh.
 *
 * Each child runs in its own process group, so Ctrl-C reaches this script only and it stops the children
 * itself, in reverse order, then exits 0. A child that dies on its own stops the rest and exits 1.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { issueToken, type Principal } from '../api/auth';
import { migrate, openOrm } from '../db/orm';
import { startProcess, type Started } from '../platform/child-process';
import { loadConfig } from '../platform/config';
import { devServerArgs, temporalCliPath } from '../platform/temporal-binaries';
import { seedDemo } from './seed-demo';
import { SEED_PARTNERS, SEED_PROVIDERS, seedDev, type SeedOrganisation } from './seed-dev';
import { SEED_ENTREPRISES } from './seed-dev-sur-mesure';
import { bourseTokens } from './seed-dev-bourse';

/** The Région's account in development: a valid test IBAN (Banque de France's bank code), never a real one. */
const DEV_PAYING_AGENT_IBAN = 'FR7630001007941234567890185';

const startedAt = Date.now();
const root = join(__dirname, '..');
const dataDir = join(root, '.data', 'dev');
const PORTS = { postgres: 54320, temporal: 7233, temporalUi: 8233, smtp: 1025, mailWeb: 1080 };
const STOP_GRACE_MS = 15_000;
const TOKEN_TTL = '12h';
const config = loadConfig();

interface Service {
  name: string;
  started: Started;
}
/** What this script started. Some start side by side; all stop in the reverse of this order. */
const services: Service[] = [];
const START_ORDER = ['postgres', 'temporal', 'maildev', 'worker', 'api'];
const stopOrder = (a: Service, b: Service): number => START_ORDER.indexOf(b.name) - START_ORDER.indexOf(a.name);
let stopping = false;

const seconds = (): string => ((Date.now() - startedAt) / 1000).toFixed(1);
const log = (message: string): void => console.log(`[start] ${message} (+${seconds()} s)`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────────── children ─────────────────────────────

/**
 * Starts a child with startProcess (which waits for its ready line), in its own process group, prints its
 * output prefixed with its name from the first line on, and watches for an unexpected exit.
 */
async function launch(name: string, cmd: string, args: string[], ready: RegExp,
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; ipc?: boolean } = {}): Promise<Started> {
  if (stopping) throw new Error(`not starting ${name}: stopping`);
  const started = await startProcess(cmd, args, ready, {
    name, cwd: root, detached: true, timeoutMs: opts.timeoutMs, env: { ...process.env, ...opts.env },
    onLine: (line) => void (stopping || console.log(`[${name}] ${line}`)), // quiet once stopping: shutdown chatter
    // With an IPC channel a Node child notices when this script disappears (embedded-postgres.mjs stops then).
    stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc ? ['ipc' as const] : [])],
  });
  services.push({ name, started });
  started.child.once('close', (code, signal) => {
    if (!stopping) void shutdown(1, `${name} exited unexpectedly (${signal ?? `code ${code}`})`);
  });
  return started;
}

/** Retries `probe` until it succeeds, or fails after `timeoutMs` with the last error. */
async function waitUntil(what: string, probe: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`${what} not ready after ${timeoutMs / 1000} s: ${(err as Error).message}`, { cause: err });
      }
      await sleep(250);
    }
  }
}

// ───────────────────────────── infrastructure ─────────────────────────────

/** PostgreSQL: DATABASE_URL if set, else the embedded one (initialised on the first start only). */
async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const script = join(root, 'scripts', 'embedded-postgres.mjs');
  const pg = await launch('postgres', process.execPath, [script, join(dataDir, 'pg'), String(PORTS.postgres), 'sprfp', '--persistent'],
    /^READY (\S+)/, { ipc: true });
  log('PostgreSQL ready');
  return pg.match[1];
}

/** Brings the schema up to date and inserts the missing reference data. */
async function prepareDatabase(databaseUrl: string): Promise<void> {
  const orm = await openOrm(databaseUrl);
  try {
    await migrate(orm);
    const added = await seedDev(orm);
    log(`database migrated; seed added ${added.organisations} organisations and ${added.sessions} sessions`);
  } finally {
    await orm.close();
  }
}

/**
 * Temporal: TEMPORAL_ADDRESS if set, else the dev server with the project's search attributes (accepted again
 * on a restart with an existing SQLite file) and the API's codec endpoint for the Web UI.
 */
async function startTemporal(): Promise<string> {
  const address = process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${PORTS.temporal}`;
  if (!process.env.TEMPORAL_ADDRESS) {
    await launch('temporal', temporalCliPath(), devServerArgs(PORTS.temporal, join(dataDir, 'temporal.sqlite'),
      ['--ui-port', String(PORTS.temporalUi), '--ui-codec-endpoint', `http://localhost:${config.PORT}/codec`]), /^Temporal Server:/);
  }
  await waitUntil(`Temporal at ${address}`, () => temporalAnswers(address));
  log('Temporal ready');
  return address;
}

/** One round trip to the frontend: the server accepts connections and answers. */
async function temporalAnswers(address: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.getSystemInfo({});
  } finally {
    await connection.close();
  }
}

/** Mail catcher: SMTP_URL if set, else MailDev (mails kept in .data/dev/mail, listed on its web UI). */
async function startMailCatcher(): Promise<string> {
  if (process.env.SMTP_URL) return process.env.SMTP_URL;
  await launch('maildev', process.execPath, [
    require.resolve('maildev/bin/maildev'), '--ip', '127.0.0.1', '--smtp', String(PORTS.smtp), '--web', String(PORTS.mailWeb),
    '--mail-directory', join(dataDir, 'mail'),
  ], /SMTP Server running/);
  await waitUntil('MailDev web UI', () => httpOk(`http://127.0.0.1:${PORTS.mailWeb}/`));
  log('MailDev ready');
  return `smtp://127.0.0.1:${PORTS.smtp}`;
}

async function httpOk(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
}

// ───────────────────────────── application ─────────────────────────────

interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}

/** Worker and API, run from the TypeScript sources by the tsx loader, configured by env vars. */
async function startApplication(endpoints: Endpoints): Promise<unknown> {
  const env = {
    DATABASE_URL: endpoints.databaseUrl,
    TEMPORAL_ADDRESS: endpoints.temporalAddress,
    SMTP_URL: endpoints.smtpUrl,
    PORT: String(config.PORT),
    // Dev only: the local Web UI decodes payloads through the API's codec endpoint without a token.
    CODEC_ALLOW_ANONYMOUS: process.env.CODEC_ALLOW_ANONYMOUS ?? 'true',
    FRANCE_TRAVAIL_ORG_ID: process.env.FRANCE_TRAVAIL_ORG_ID ?? SEED_PARTNERS[0].id,
    // Development only: a test IBAN, so that finance can build a payment file (POST /payment-files).
    PAYING_AGENT_IBAN: process.env.PAYING_AGENT_IBAN ?? DEV_PAYING_AGENT_IBAN,
  };
  const tsx = (entry: string): string[] => ['--import', 'tsx', entry];
  await Promise.all([
    launch('worker', process.execPath, tsx('worker/main.ts'), /worker started/, { env, timeoutMs: 120_000 }),
    launch('api', process.execPath, tsx('api/main.ts'), /API listening/, { env }),
  ]);
  const healthUrl = `http://127.0.0.1:${config.PORT}/health`;
  await waitUntil('API health', () => httpOk(healthUrl), 30_000);
  log('worker and API ready');
  const seeded = await seedDemo(`http://127.0.0.1:${config.PORT}`, config);
  if (seeded) log(`demonstration seed: ${seeded} trainees in training on the session that began three months ago`);
  return (await fetch(healthUrl)).json();
}

// ───────────────────────────── summary ─────────────────────────────

/** Hides the password of a URL given by the user (ours are the well-known dev ones). */
const masked = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function tokenLines(): Promise<string[]> {
  const secret = config.AUTH_JWT_SECRET;
  const entry = async (label: string, claims: Principal): Promise<string[]> =>
    [`  ${label}`, `    ${await issueToken(secret, claims, TOKEN_TTL)}`];
  const forOrg = (role: 'partner' | 'organisme' | 'entreprise') => (o: SeedOrganisation) =>
    entry(`${role.padEnd(10)} ${o.name} (org ${o.id})`, { sub: `${role}-dev`, role, org: o.id });
  const entries = await Promise.all([
    entry('caseworker agent-dev <agent.dev@normandie.fr>', { sub: 'agent-dev', role: 'caseworker', email: 'agent.dev@normandie.fr' }),
    entry('ops        ops-dev', { sub: 'ops-dev', role: 'ops' }),
    entry('finance    finance-dev (payment files)', { sub: 'finance-dev', role: 'finance' }),
    ...SEED_PARTNERS.map(forOrg('partner')),
    ...SEED_PROVIDERS.map(forOrg('organisme')),
    entry('chef_service chef-dev (visas of sur-mesure orders)', { sub: 'chef-dev', role: 'chef_service' }),
    ...SEED_ENTREPRISES.map(forOrg('entreprise')),
    ...bourseTokens(entry),
  ]);
  return entries.flat();
}

async function printSummary(endpoints: Endpoints, health: unknown): Promise<void> {
  const external = (v: string) => (process.env[v] ? ` (external, from ${v})` : '');
  const lines = [
    '',
    '──────────────────── SPRFP Normandie: development system ────────────────────',
    `API              http://localhost:${config.PORT}   docs: /docs   OpenAPI: /openapi.json`,
    `Console          http://localhost:${config.PORT}/console   (development sign-in per role, docs/CONSOLE.md)`,
    `Health           ${JSON.stringify(health)}`,
    process.env.TEMPORAL_ADDRESS ? `Temporal         ${endpoints.temporalAddress}${external('TEMPORAL_ADDRESS')}`
      : `Temporal Web UI  http://localhost:${PORTS.temporalUi}   (gRPC ${endpoints.temporalAddress})`,
    process.env.SMTP_URL ? `SMTP             ${masked(endpoints.smtpUrl)}${external('SMTP_URL')}`
      : `Mails            http://localhost:${PORTS.mailWeb}   (SMTP ${endpoints.smtpUrl})`,
    `PostgreSQL       ${masked(endpoints.databaseUrl)}${external('DATABASE_URL')}`,
    `Data             ${relative(process.cwd(), dataDir) || '.'}   (delete it to start afresh)`,
    `Bearer tokens, valid ${TOKEN_TTL} (more: npm run -s token -- --role caseworker --sub me):`,
    ...(await tokenLines()),
    `Try: curl -H "Authorization: Bearer <token>" http://localhost:${config.PORT}/sessions`,
    'Ctrl-C stops everything.',
    '──────────────────────────────────────────────────────────────────────────────',
    `System ready in ${seconds()} s`,
  ];
  console.log(lines.join('\n'));
}

// ───────────────────────────── stopping ─────────────────────────────

/** Stops the children still starting, then the running ones in reverse order; exits with `code`. */
async function shutdown(code: number, reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`stopping: ${reason}`);
  await stopStragglers();
  for (const service of [...services].sort(stopOrder)) await stopService(service);
  log('everything stopped');
  process.exit(code);
}

/** SIGTERM, then SIGKILL to its whole process group if it is still there after the grace period. */
async function stopService({ name, started }: Service): Promise<void> {
  const t0 = Date.now();
  const kill = setTimeout(() => killGroup(started.child.pid, 'SIGKILL'), STOP_GRACE_MS);
  await started.stop();
  clearTimeout(kill);
  console.log(`[start] ${name} stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  try {
    if (pid) process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Children still starting when we stop (not yet in `services`): terminated, and killed if they linger. */
async function stopStragglers(): Promise<void> {
  // Asynchronous on purpose: tsx (our parent) SIGKILLs this process if it does not acknowledge a relayed
  // Ctrl-C within ~60 ms, so the event loop must never block while we stop.
  const { stdout } = await promisify(execFile)('ps', PS_ARGS, { encoding: 'utf8' });
  const running = new Set(services.map((s) => s.started.child.pid));
  const pids = childGroups(stdout).filter((pid) => !running.has(pid));
  pids.forEach((pid) => killGroup(pid, 'SIGTERM'));
  const deadline = Date.now() + 5000;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(100);
  pids.filter(isAlive).forEach((pid) => killGroup(pid, 'SIGKILL'));
}

function killEverything(signal: string): never {
  console.log(`[start] ${signal} again: killing every child now`);
  childGroups(execFileSync('ps', PS_ARGS, { encoding: 'utf8' })).forEach((pid) => killGroup(pid, 'SIGKILL'));
  process.exit(1);
}

const PS_ARGS = ['-A', '-o', 'pid=,ppid=,pgid='];
/** From `ps` output, our children that lead their own process group: launch()'s, not tsx's esbuild service. */
function childGroups(psOutput: string): number[] {
  return psOutput.trim().split('\n').map((row) => row.trim().split(/\s+/).map(Number))
    .filter(([pid, ppid, pgid]) => ppid === process.pid && pid === pgid).map(([pid]) => pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let firstSignalAt = 0;
function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) {
    firstSignalAt = Date.now();
    void shutdown(0, `${signal} received`);
  } else if (Date.now() - firstSignalAt > 2000) {
    // Not a repeat of the same Ctrl-C: tsx relays it a second time when this process answers it slowly.
    killEverything(signal);
  }
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  // Ctrl-C or SIGTERM from here on stops whatever is already running; another one later kills without waiting.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => onSignal(signal));
  mkdirSync(dataDir, { recursive: true });

  // The three pieces of infrastructure start side by side; the database is prepared as soon as it is up.
  const [databaseUrl, temporalAddress, smtpUrl] = await Promise.all([
    startPostgres().then(async (url) => { await prepareDatabase(url); return url; }),
    startTemporal(),
    startMailCatcher(),
  ]);
  const endpoints = { databaseUrl, temporalAddress, smtpUrl };

  // Then the application, and the summary once the API says every dependency is up.
  const health = await startApplication(endpoints);
  await printSummary(endpoints, health);
}

main().catch((err: Error) => {
  if (stopping) return; // a child interrupted by Ctrl-C: nothing to report
  console.error(`[start] ${err.message}`);
  void shutdown(1, 'start-up failed');
});

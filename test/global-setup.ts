/**
 * Starts the real servers every suite shares, once: PostgreSQL (embedded unless DATABASE_URL is set),
 * the migrations, the Temporal dev server (SQLite file under .data/test, the project's search attributes)
 * and the workflow bundle. Each suite starts its own time-skipping server, SMTP server and partner endpoints.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { migrate, openOrm } from '../db/orm';
import { startProcess } from '../platform/child-process';
import { DEV_SERVER_SQLITE_OPTIONS, temporalCliExecutable } from '../platform/temporal-binaries';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../worker/worker';

/** One folder per run: two runs side by side (a developer's and an editor's) never share files. */
const dataDir = join(__dirname, '..', '.data', 'test', `run-${process.pid}`);

export const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number };
    srv.close(() => resolve(port));
  }).on('error', reject);
});

async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const script = join(__dirname, '..', 'scripts', 'embedded-postgres.mjs');
  const pg = await startProcess('node', [script, join(dataDir, 'pg'), String(await freePort()), 'sprfp_test'], /^READY (\S+)/,
    { name: 'embedded PostgreSQL' });
  (globalThis as Record<string, unknown>).__pg = pg;
  return pg.match[1];
}

export default async function globalSetup(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const [databaseUrl, devServer, bundle] = await Promise.all([
    startPostgres(),
    TestWorkflowEnvironment.createLocal({
      server: { executable: temporalCliExecutable(), dbFilename: join(dataDir, 'temporal.sqlite'), ui: false,
        searchAttributes: ALL_SEARCH_ATTRIBUTES, extraArgs: ['--log-level', 'error', ...DEV_SERVER_SQLITE_OPTIONS] },
    }),
    bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: console.error, debug: () => undefined, trace: () => undefined } }),
  ]);
  const orm = await openOrm(databaseUrl);
  await migrate(orm);
  await orm.close();

  const bundlePath = join(dataDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  (globalThis as Record<string, unknown>).__devServer = devServer;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: devServer.address,
    TEST_TEMPORAL_SQLITE: join(dataDir, 'temporal.sqlite'),
    TEST_WORKFLOW_BUNDLE: bundlePath,
    TEST_DATA_DIR: dataDir,
    // No Prometheus endpoint in the worker and API processes tests start (they would share the default
    // ports); test/metrics.test.ts gives its worker a free port.
    WORKER_METRICS_PORT: '0',
    API_METRICS_PORT: '0',
  });
}

/**
 * The worker process: connects to PostgreSQL, SMTP and Temporal, then runs the workflows and activities
 * of the task queue until SIGINT/SIGTERM (Temporal finishes the tasks in hand first). Its runtime metrics are
 * on WORKER_METRICS_PORT; with WORKFLOW_BUNDLE_PATH it loads a prebuilt bundle instead of bundling at start.
 */
import { setFlagsFromString } from 'node:v8';
import { NativeConnection } from '@temporalio/worker';
import { openOrm } from '../db/orm';
import { loadConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { createMailer } from '../platform/mailer';
import { installWorkerMetrics } from '../platform/metrics/worker-runtime';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  // Read by V8 at each full collection, of the heaps there are and of the workflows' thread the worker starts.
  if (config.WORKER_HEAP_GROWING_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${config.WORKER_HEAP_GROWING_PERCENT}`);
  installWorkerMetrics(config.WORKER_METRICS_PORT, config.METRICS_HOST); // before any connection
  const orm = await openOrm(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    codecKeys: config.TEMPORAL_CODEC_KEYS,
    ...(config.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } } : {}),
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTasks: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    deps: {
      orm,
      mailer: createMailer(config.SMTP_URL),
      mailFrom: config.MAIL_FROM,
      alertMailbox: config.ALERT_MAILBOX,
      opsMailbox: config.OPS_MAILBOX,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      franceTravailOrgId: config.FRANCE_TRAVAIL_ORG_ID,
    },
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS, metricsPort: config.WORKER_METRICS_PORT || null,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS, maxConcurrentWorkflowTasks: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    heapGrowingPercent: config.WORKER_HEAP_GROWING_PERCENT }, 'worker started');
  await worker.run();
  await connection.close();
  await orm.close();
}

main().catch((err) => {
  logger.error({ err }, 'worker stopped on error');
  process.exit(1);
});

/**
 * worker/main.ts for tests that kill a worker process: the same createWorker, activities and options, configured
 * by the environment, but with the run's prebuilt workflow bundle (TEST_WORKFLOW_BUNDLE) instead of webpack at
 * start-up, so a worker starts in seconds. `node --import tsx test/support/bundled-worker.ts`.
 */
import { NativeConnection } from '@temporalio/worker';
import { openOrm } from '../../db/orm';
import { loadConfig } from '../../platform/config';
import { logger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { createWorker } from '../../worker/worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const orm = await openOrm(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, codecKeys: config.TEMPORAL_CODEC_KEYS,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    deps: { orm, mailer: createMailer(config.SMTP_URL), mailFrom: config.MAIL_FROM, alertMailbox: config.ALERT_MAILBOX, opsMailbox: config.OPS_MAILBOX,
      publicBaseUrl: config.PUBLIC_BASE_URL, franceTravailOrgId: config.FRANCE_TRAVAIL_ORG_ID },
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker started');
  await worker.run();
  await connection.close();
  await orm.close();
}

main().catch((err) => {
  logger.error({ err }, 'worker stopped on error');
  process.exit(1);
});

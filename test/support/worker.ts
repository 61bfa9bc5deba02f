/** A real worker for a test: the shared workflow bundle, the real activities with the test's SMTP server. */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createMailer } from '../../platform/mailer';
import type { Config } from '../../platform/config';
import { createWorker } from '../../worker/worker';

export async function startTestWorker(connection: NativeConnection, orm: MikroORM, config: Config): Promise<{ worker: Worker; done: Promise<void> }> {
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    codecKeys: config.TEMPORAL_CODEC_KEYS,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    failWorkflowsOnError: true,
    deps: { orm, mailer: createMailer(config.SMTP_URL), mailFrom: config.MAIL_FROM, alertMailbox: config.ALERT_MAILBOX, opsMailbox: config.OPS_MAILBOX, publicBaseUrl: config.PUBLIC_BASE_URL,
      franceTravailOrgId: config.FRANCE_TRAVAIL_ORG_ID },
  });
  return { worker, done: worker.run() };
}

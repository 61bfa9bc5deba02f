/**
 * A bursary suite on the time-skipping test server: real worker and activities, a PostgreSQL database of its
 * own (the barème copied to the future years it lives in), a real SMTP server and the CROUS's real endpoint.
 * Cases are created with the API's own services.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ApiContext } from '../../api/context';
import { openOrm } from '../../db/orm';
import { dataConverter } from '../../platform/codec-converter';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { testServerExecutable } from '../../platform/temporal-binaries';
import { aideUrgenceWorkflowId } from '../../workflows/aide-urgence/messages';
import { bourseWorkflowId } from '../../workflows/bourse/messages';
import { copyBareme, seedBourseOrgs, type BourseOrgs } from './bourse';
import { createOwnDatabase, type OwnDatabase } from './own-database';
import { testConfig, uniqueQueue } from './config';
import { startPartnerEndpoint, type PartnerEndpoint } from './partner-endpoint';
import { startSmtpCatcher, type SmtpCatcher } from './smtp';
import { startTestWorker } from './worker';

export interface BourseSystem {
  env: TestWorkflowEnvironment;
  orm: MikroORM;
  smtp: SmtpCatcher;
  crous: PartnerEndpoint;
  orgs: BourseOrgs;
  ctx: ApiContext;
  bourse(caseId: string): ReturnType<Client['workflow']['getHandle']>;
  aide(caseId: string): ReturnType<Client['workflow']['getHandle']>;
  rows(sql: string, params?: unknown[]): Promise<any[]>;
  row(sql: string, params?: unknown[]): Promise<any>;
  /** Skips the server's clock to an instant (days pass in milliseconds). */
  skipTo(isoInstant: string): Promise<void>;
  stop(): Promise<void>;
}

export const CROUS_SECRET = 'secret-crous-normandie';

export async function startBourseTimeSkipping(name: string, annees: string[]): Promise<BourseSystem> {
  const [env, smtp, crous, db] = await Promise.all([
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } }),
    startSmtpCatcher(),
    startPartnerEndpoint(CROUS_SECRET),
    createOwnDatabase(name),
  ]);
  await registerSearchAttributes(env.connection, 'default');
  const config = testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue(name), DATABASE_URL: db.url });
  const orm = await openOrm(config.DATABASE_URL);
  await copyBareme(orm, annees);
  const orgs = await seedBourseOrgs(orm, { url: crous.url, secret: CROUS_SECRET });
  const client = new Client({ connection: env.connection, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  const { worker, done } = await startTestWorker(env.nativeConnection, orm, config);
  const rows = async (sql: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(sql, params);
  return {
    env, orm, smtp, crous, orgs,
    ctx: { orm, client, config },
    bourse: (caseId) => client.workflow.getHandle(bourseWorkflowId(caseId)),
    aide: (caseId) => client.workflow.getHandle(aideUrgenceWorkflowId(caseId)),
    rows,
    row: async (sql, params) => (await rows(sql, params))[0],
    async skipTo(isoInstant) {
      const delta = Date.parse(isoInstant) - (await env.currentTimeMs());
      if (delta > 0) await env.sleep(delta);
    },
    async stop() {
      worker.shutdown();
      await done;
      await Promise.all([env.teardown(), smtp.close(), crous.close(), orm.close()]);
      await (db as OwnDatabase).drop();
    },
  };
}

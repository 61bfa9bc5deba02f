/**
 * A suite on the time-skipping test server: real worker and activities, real PostgreSQL, a real SMTP
 * server and France Travail's real endpoint; cases are created with the API's own service.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiContext } from '../../api/context';
import { openOrm } from '../../db/orm';
import { dataConverter } from '../../platform/codec-converter';
import { registerSearchAttributes } from '../../platform/search-attributes';
import { testServerExecutable } from '../../platform/temporal-binaries';
import { parcoursWorkflowId } from '../../workflows/parcours/messages';
import { seedCatalogue, type Catalogue } from './fixtures';
import { startPartnerEndpoint, type PartnerEndpoint } from './partner-endpoint';
import { startSmtpCatcher, type SmtpCatcher } from './smtp';
import { testConfig, uniqueQueue } from './config';
import { startTestWorker } from './worker';

export interface TimeSkippingSystem {
  env: TestWorkflowEnvironment;
  orm: MikroORM;
  smtp: SmtpCatcher;
  franceTravail: PartnerEndpoint;
  catalogue: Catalogue;
  ctx: ApiContext;
  handle(caseId: string): ReturnType<Client['workflow']['getHandle']>;
  row(sql: string, params: unknown[]): Promise<any>;
  rows(sql: string, params: unknown[]): Promise<any[]>;
  stop(): Promise<void>;
}

export const PARTNER_SECRET = 'secret-partenaire-ft';

/** `databaseUrl`: a database of the suite's own (./database.ts) instead of the shared one. */
export async function startTimeSkippingSystem(name: string,
  opts: { franceTravailFailures?: number; sessionStart?: string; databaseUrl?: string } = {}): Promise<TimeSkippingSystem> {
  const [env, smtp, franceTravail] = await Promise.all([
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } }),
    startSmtpCatcher(),
    startPartnerEndpoint(PARTNER_SECRET, opts.franceTravailFailures ?? 0),
  ]);
  await registerSearchAttributes(env.connection, 'default');
  const ftId = randomUUID();
  const config = testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue(name), FRANCE_TRAVAIL_ORG_ID: ftId,
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) });
  const orm = await openOrm(config.DATABASE_URL);
  const catalogue = await seedCatalogue(orm, { franceTravail: franceTravail.url, secret: PARTNER_SECRET }, ftId);
  const client = new Client({ connection: env.connection, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  const { worker, done } = await startTestWorker(env.nativeConnection, orm, config);
  const rows = async (sql: string, params: unknown[]) => orm.em.fork().getConnection().execute(sql, params);
  return {
    env, orm, smtp, franceTravail, catalogue,
    ctx: { orm, client, config },
    handle: (caseId) => client.workflow.getHandle(parcoursWorkflowId(caseId)),
    rows,
    row: async (sql, params) => (await rows(sql, params))[0],
    async stop() {
      worker.shutdown();
      await done;
      await Promise.all([env.teardown(), smtp.close(), franceTravail.close(), orm.close()]);
    },
  };
}

/** Keeps a run's history for test/replay.test.ts (proto3 JSON, the format of `temporal workflow show -o json`). */
export function saveHistory(name: string, history: temporal.api.history.v1.IHistory): void {
  const dir = join(__dirname, '..', '..', '.data', 'histories');
  mkdirSync(dir, { recursive: true });
  const json = temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, { longs: String, enums: String, bytes: String });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(json, null, 1));
}

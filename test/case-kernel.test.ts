/**
 * The case kernel's delays are pinned at the case's start, and its lock really excludes: two updates delivered to a case in the same workflow task (sent
 * together while no worker was polling) run one after the other, and the second is judged on the stage the
 * first left. With `await condition(() => !busy); busy = true`, both passed in the same activation and a
 * case got two decisions.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { createCase } from '../api/parcours/create-case';
import { openOrm } from '../db/orm';
import { codecFromSpec } from '../platform/codec';
import { dataConverter } from '../platform/codec-converter';
import {
  DEFAULT_DELAYS, deciderPositionnement, enregistrerPositionnement, etatQuery, parcoursWorkflowId, planifierPositionnement,
  type ParcoursInput,
} from '../workflows/parcours/messages';
import { testConfig, uniqueQueue } from './support/config';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { startTestWorker } from './support/worker';

const config = () => testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: queue });
const queue = uniqueQueue('kernel-lock');
const CASEWORKER = 'caseworker:agent-lock';
let smtp: SmtpCatcher;
let orm: MikroORM;
let connection: Connection;
let native: NativeConnection;
let client: Client;
let catalogue: Catalogue;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  orm = await openOrm(config().DATABASE_URL);
  connection = await Connection.connect({ address: config().TEMPORAL_ADDRESS });
  native = await NativeConnection.connect({ address: config().TEMPORAL_ADDRESS });
  client = new Client({ connection, dataConverter: dataConverter(config().TEMPORAL_CODEC_KEYS) });
  catalogue = await seedCatalogue(orm);
});

afterAll(async () => {
  await Promise.all([connection?.close(), native?.close(), orm?.close(), smtp?.close()]);
});

test('two decisions sent together: one is applied, the other refused on the stage the first left', async () => {
  let running = await startTestWorker(native, orm, config());
  const { caseId } = await createCase({ orm, client, config: config() }, { person: newPerson(), sessionId: catalogue.session.id,
    actor: CASEWORKER, referentEmail: 'lock@normandie.test' });
  const handle = client.workflow.getHandle(parcoursWorkflowId(caseId));
  await handle.executeUpdate(planifierPositionnement, { args: [{ actor: CASEWORKER, scheduledAt: new Date().toISOString() }] });
  await handle.executeUpdate(enregistrerPositionnement, { args: [{ actor: CASEWORKER, results: { scores: {}, avis: 'favorable' } }] });

  // No worker polls: both updates wait on the server and reach the workflow in one task.
  running.worker.shutdown();
  await running.done;
  const admis = handle.executeUpdate(deciderPositionnement, { args: [{ actor: CASEWORKER, decision: { outcome: 'admis' } }] });
  const refuse = handle.executeUpdate(deciderPositionnement, { args: [{ actor: CASEWORKER, decision: { outcome: 'refuse', reason: 'prerequis_non_atteints' } }] });
  await sleep(1_000);
  running = await startTestWorker(native, orm, config());
  try {
    const outcomes = await Promise.allSettled([admis, refuse]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((rejected.reason as Error).cause).toMatchObject({ type: 'ActionNotAllowed' });
    const state = await handle.query(etatQuery);
    expect(state.history.filter((h) => h.action.startsWith('decision_'))).toHaveLength(1);
  } finally {
    running.worker.shutdown();
    await running.done;
  }
});

test('delays are resolved and pinned in the case\'s input at its start: a default changed later never changes it', async () => {
  const running = await startTestWorker(native, orm, config());
  try {
    const { caseId } = await createCase({ orm, client, config: config() }, { person: newPerson(), sessionId: catalogue.session.id,
      actor: CASEWORKER, referentEmail: 'lock@normandie.test', delays: { positionnementAlertDays: 3 } });
    const history = await client.workflow.getHandle(parcoursWorkflowId(caseId)).fetchHistory();
    const payloads = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    const [decoded] = await codecFromSpec(config().TEMPORAL_CODEC_KEYS).decode(payloads);
    const input = defaultPayloadConverter.fromPayload<ParcoursInput>(decoded);
    expect(Object.keys(input.delays!).sort()).toEqual(Object.keys(DEFAULT_DELAYS).sort());
    expect(input.delays).toMatchObject({ ...DEFAULT_DELAYS, positionnementAlertDays: 3 });
  } finally {
    running.worker.shutdown();
    await running.done;
  }
});

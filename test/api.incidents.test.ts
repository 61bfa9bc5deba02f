/**
 * A case that cannot answer now answers 503 with Retry-After, never hangs; the exact input of the case that
 * once hung is a 400 naming the field; the ops action on incidents is for ops only, and only when there is
 * one. Real API over HTTP, real worker, dev server, PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { UPDATE_ANSWER_MS } from '../api/case/act';
import { eventually } from './support/journey';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { testConfig, uniqueQueue } from './support/config';
import { startSystem, type System } from './support/api';

let sys: System;
let smtp: SmtpCatcher;
let cat: Catalogue;
const t: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  const ftId = randomUUID();
  sys = await startSystem(testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('api-incidents'), FRANCE_TRAVAIL_ORG_ID: ftId }));
  cat = await seedCatalogue(sys.orm, {}, ftId);
  t.caseworker = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  t.ops = await sys.token({ sub: 'ops-1', role: 'ops' });
});

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
});

const sql = (text: string, params: unknown[] = []) => sys.orm.em.fork().getConnection().execute(text, params);
const newCase = async (): Promise<string> => (await sys.call('POST', '/cases', { token: t.caseworker, body: { person: newPerson(), sessionId: cat.session.id } })).body.caseId;

test('the exact input that once hung a case is a 400 naming the field, and the case takes the next action at once', async () => {
  const caseId = await newCase();
  const bad = await sys.call('POST', `/cases/${caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: '0187-03-01T10:00:00+23:42' } });
  expect(bad).toMatchObject({ status: 400, body: { fields: [{ path: 'scheduledAt' }] } });
  const good = await sys.call('POST', `/cases/${caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: '2026-12-01T09:30:00+01:00' } });
  expect(good).toMatchObject({ status: 200, body: { stage: 'positionnement' } });
});

test('an update that cannot finish in a few seconds answers 503 with Retry-After; the action completes once the cause is gone', async () => {
  const caseId = await newCase();
  await sql(`create or replace function refuse_plan() returns trigger language plpgsql as $$
    begin if new.dossier_id = '${caseId}' then raise exception 'panne simulée'; end if; return new; end $$`);
  await sql(`create trigger refuse_plan before insert or update on positionnement for each row execute function refuse_plan()`);
  const started = Date.now();
  try {
    const res = await fetch(`${sys.baseUrl}/cases/${caseId}/positionnement`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.caseworker}` },
      body: JSON.stringify({ scheduledAt: '2026-12-01T09:30:00+01:00' }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(UPDATE_ANSWER_MS + 3_000);
  } finally {
    await sql(`drop trigger if exists refuse_plan on positionnement`);
  }
  // The update went on in the workflow: its next retry finds the database willing.
  const view = await eventually(async () => (await sys.call('GET', `/cases/${caseId}`, { token: t.caseworker })).body,
    (body) => body.stage === 'positionnement', 60_000);
  expect(view.incident).toBeNull();
}, 90_000);

test('the ops action on incidents: ops only, 409 when the case has none', async () => {
  const caseId = await newCase();
  expect((await sys.call('POST', `/cases/${caseId}/incident/reprise`, { token: t.caseworker })).status).toBe(403);
  expect(await sys.call('POST', `/cases/${caseId}/incident/reprise`, { token: t.ops })).toMatchObject({ status: 409 });
  expect((await sys.call('POST', `/cases/${randomUUID()}/incident/reprise`, { token: t.ops })).status).toBe(404);
  const health = await sys.call('GET', '/health');
  expect(health.body).toMatchObject({ status: 'ok', openIncidents: expect.any(Number) });
});

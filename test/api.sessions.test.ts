/**
 * The session catalogue: caseworkers create and edit sessions, providers see theirs only; a session that open
 * cases aim at keeps its dates, and never fewer seats than are held. Real API, real worker, dev server.
 */
import { randomUUID } from 'node:crypto';
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
  sys = await startSystem(testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('sessions') }));
  cat = await seedCatalogue(sys.orm);
  t.caseworker = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  t.organisme = await sys.token({ sub: 'f-1', role: 'organisme', org: cat.organisme.id });
  t.autreOrganisme = await sys.token({ sub: 'f-2', role: 'organisme', org: cat.autreOrganisme.id });
  t.partner = await sys.token({ sub: 'p-1', role: 'partner', org: cat.missionLocale.id });
});

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
});

const body = (over: Record<string, unknown> = {}) => ({ title: 'Titre professionnel Cariste', organismeId: cat.organisme.id, dispositif: 'qualif',
  bassin: 'caen', startDate: '2027-01-04', endDate: '2027-06-30', totalHours: 800, hoursPerWeek: 35, seats: 2, ...over });

test('a caseworker creates and edits a session; a provider sees its own sessions only; others may not write', async () => {
  const created = await sys.call('POST', '/sessions', { token: t.caseworker, body: body() });
  expect(created).toMatchObject({ status: 201, body: { title: 'Titre professionnel Cariste', seats: 2, seatsTaken: 0 } });
  const id = created.body.id;
  const edited = await sys.call('PUT', `/sessions/${id}`, { token: t.caseworker, body: body({ seats: 3, title: 'Cariste CACES 1, 3, 5' }) });
  expect(edited).toMatchObject({ status: 200, body: { id, seats: 3, title: 'Cariste CACES 1, 3, 5' } });

  const mine = await sys.call('GET', '/sessions', { token: t.organisme });
  expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(id);
  expect(new Set(mine.body.items.map((s: { organismeId: string }) => s.organismeId))).toEqual(new Set([cat.organisme.id]));
  expect((await sys.call('GET', '/sessions', { token: t.autreOrganisme })).body.items.map((s: { id: string }) => s.id)).not.toContain(id);

  expect((await sys.call('POST', '/sessions', { token: t.organisme, body: body() })).status).toBe(403);
  expect((await sys.call('PUT', `/sessions/${id}`, { token: t.partner, body: body() })).status).toBe(403);
  expect(await sys.call('POST', '/sessions', { token: t.caseworker, body: body({ organismeId: cat.missionLocale.id }) }))
    .toMatchObject({ status: 400, body: { fields: [{ path: 'organismeId' }] } });
  expect((await sys.call('POST', '/sessions', { token: t.caseworker, body: body({ endDate: '2026-12-31' }) })).status).toBe(400);
  expect((await sys.call('PUT', `/sessions/${randomUUID()}`, { token: t.caseworker, body: body() })).status).toBe(404);
});

async function admit(sessionId: string): Promise<void> {
  const { body: created } = await sys.call('POST', '/cases', { token: t.caseworker, body: { person: newPerson(), sessionId } });
  await sys.call('POST', `/cases/${created.caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: '2026-12-01T09:30:00+01:00' } });
  await sys.call('POST', `/cases/${created.caseId}/positionnement/resultats`, { token: t.caseworker, body: { results: { scores: {}, avis: 'favorable' } } });
  const admitted = await sys.call('POST', `/cases/${created.caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  expect(admitted.body.stage).toBe('admis');
}

test('a session open cases aim at keeps its dates, and never fewer seats than are held', async () => {
  const { body: session } = await sys.call('POST', '/sessions', { token: t.caseworker, body: body({ seats: 2 }) });
  await admit(session.id);
  const moved = await sys.call('PUT', `/sessions/${session.id}`, { token: t.caseworker, body: body({ seats: 2, startDate: '2027-02-01' }) });
  expect(moved.status).toBe(409);
  const renamed = await sys.call('PUT', `/sessions/${session.id}`, { token: t.caseworker, body: body({ seats: 2, title: 'Renommée' }) });
  expect(renamed).toMatchObject({ status: 200, body: { title: 'Renommée', seatsTaken: 1 } }); // the title may change, not the dates
  await admit(session.id);
  const fewer = await sys.call('PUT', `/sessions/${session.id}`, { token: t.caseworker, body: body({ seats: 1 }) });
  expect(fewer).toMatchObject({ status: 409, body: { error: expect.stringContaining('2 places') } });
});

/**
 * Statements as providers send them (issue 9 §3): one case's month, accepted at once into the inbox and recorded
 * by the case right after (the relay), and a whole session's month in one request (JSON array or CSV), a result
 * per line; a bad line does not block the good ones, and the same request sent again changes nothing. Real API
 * over HTTP with its relay, real worker, dev server, PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { loadParcoursCase } from '../api/parcours/case-row';
import { ParcoursDossier, type FormationSession } from '../db/entities';
import { createSession, isoDay, newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { testConfig, uniqueQueue } from './support/config';
import { startSystem, type System } from './support/api';
import { eventually } from './support/journey';

let sys: System;
let smtp: SmtpCatcher;
let cat: Catalogue;
let session: FormationSession;
let cases: string[];
const t: Record<string, string> = {};
const start = isoDay(-75);
const month = start.slice(0, 7); // over: the session began 75 days ago
const line = (caseId: string, unjustifiedAbsenceMinutes = 0) =>
  ({ caseId, period: month, scheduledMinutes: 6300, unjustifiedAbsenceMinutes, indemnitesJournalieresCents: 0 });

async function ok(method: string, path: string, token: string, body?: unknown) {
  const res = await sys.call(method, path, { token, body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A trainee of the session, entered on its first day. */
async function trainee(): Promise<string> {
  const { caseId } = await ok('POST', '/cases', t.caseworker, { person: newPerson(), sessionId: session.id });
  await ok('POST', `/cases/${caseId}/positionnement`, t.caseworker, { scheduledAt: `${start}T09:00:00.000Z` });
  await ok('POST', `/cases/${caseId}/positionnement/resultats`, t.caseworker, { results: { avis: 'favorable' } });
  await ok('POST', `/cases/${caseId}/decision`, t.caseworker, { decision: { outcome: 'admis' } });
  await ok('POST', `/cases/${caseId}/entree`, t.organisme, { entryDate: start });
  return caseId;
}

const stored = async () => sys.orm.em.fork().getConnection().execute(
  `select dossier_id, unjustified_absence_minutes as absences, version from attendance_statement where dossier_id in (?, ?, ?) order by dossier_id`, cases);

const postCsv = async (token: string, sessionId: string, text: string) => {
  const res = await fetch(`${sys.baseUrl}/sessions/${sessionId}/etats-presence`, { method: 'POST', body: text,
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { lignes: { ligne: number; statut: string; resultat?: string }[] } };
};

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  const ftId = randomUUID();
  // One reception at a time: the session's lines, sent 8 at a time, queue for it and none is lost.
  sys = await startSystem(testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('etats'), FRANCE_TRAVAIL_ORG_ID: ftId,
    STATEMENT_RECEPTION_IN_FLIGHT: '1' }));
  cat = await seedCatalogue(sys.orm, {}, ftId);
  t.caseworker = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  t.organisme = await sys.token({ sub: 'f-1', role: 'organisme', org: cat.organisme.id });
  t.autreOrganisme = await sys.token({ sub: 'f-2', role: 'organisme', org: cat.autreOrganisme.id });
  session = await createSession(sys.orm, cat.organisme, start);
  cases = await Promise.all([trainee(), trainee(), trainee()]);
}, 120_000);

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
});

/** Until none of these cases has a statement waiting in the inbox. */
const handedOver = (caseIds: string[]) => eventually(() => sys.orm.em.fork().getConnection().execute(
  `select count(*)::int as n from statement_inbox where dossier_id in (${caseIds.map(() => '?').join(', ')}) and status in ('recu', 'en_cours')`, caseIds),
(rows) => rows[0].n === 0, 60_000);
const followUp = async (caseId: string, token = t.organisme, period = month) => {
  const res = await sys.call('GET', `/cases/${caseId}/etats-presence?period=${period}`, { token });
  return { status: res.status, body: res.body?.items?.[0] ?? res.body };
};

test('one statement is accepted at once, then recorded by the case; the same one again changes nothing', async () => {
  const [first] = cases;
  const body = { period: month, scheduledMinutes: 6300, unjustifiedAbsenceMinutes: 60 };
  const [sent, repeated] = [
    await sys.call('POST', `/cases/${first}/etats-presence`, { token: t.organisme, body }),
    await sys.call('POST', `/cases/${first}/etats-presence`, { token: t.organisme, body }),
  ];
  expect(sent).toMatchObject({ status: 202, body: { caseId: first, period: month, outcome: 'recu' } });
  // Sent again while it waits, or once recorded: either way nothing new.
  expect(repeated.status).toBe(202);
  expect(['recu', 'inchange']).toContain(repeated.body.outcome);
  await handedOver([first]);
  const followed = await followUp(first);
  expect(followed).toMatchObject({ status: 200, body: { enregistre: { ...body, indemnitesJournalieresCents: 0 },
    dernierEnvoi: { statut: 'enregistre', etat: { ...body, indemnitesJournalieresCents: 0 } } } });
  const again = await sys.call('POST', `/cases/${first}/etats-presence`, { token: t.organisme, body });
  expect(again).toMatchObject({ status: 202, body: { outcome: 'inchange', seq: followed.body.dernierEnvoi.seq } });
  expect(await sys.orm.em.fork().getConnection().execute(`select count(*)::int as n from statement_inbox where dossier_id = ?`, [first])).toEqual([{ n: 1 }]);
  // Another provider may not follow it; the case's own provider and caseworkers may.
  expect((await followUp(first, t.autreOrganisme)).status).toBe(403);
  expect((await followUp(first, t.caseworker)).status).toBe(200);
});

test('a newer statement of the month replaces the one still waiting; the newer one sent again adds nothing', async () => {
  const caseId = await trainee();
  const sql = (text: string, params: unknown[]) => sys.orm.em.fork().getConnection().execute(text, params);
  // The relay holds an earlier statement of the month (claimed for an hour): the next ones wait behind it.
  const [held] = await sql(`insert into statement_inbox (dossier_id, period, statement, actor, status, claimed_until)
    values (?, ?, ?::jsonb, ?, 'en_cours', now() + interval '1 hour') returning id`,
  [caseId, month, JSON.stringify({ ...line(caseId), caseId: undefined }), `organisme:${cat.organisme.id}`]);
  const send = (absences: number) => sys.call('POST', `/cases/${caseId}/etats-presence`,
    { token: t.organisme, body: { period: month, scheduledMinutes: 6300, unjustifiedAbsenceMinutes: absences } });
  expect(await send(30)).toMatchObject({ status: 202, body: { outcome: 'recu' } });
  const newer = await send(90);
  expect(newer).toMatchObject({ status: 202, body: { outcome: 'recu' } });
  expect(await send(90)).toEqual(newer);
  const rows = async () => (await sql(`select status || ' ' || (statement->>'unjustifiedAbsenceMinutes') as row from statement_inbox
    where dossier_id = ? order by id`, [caseId])).map((r) => String(r.row));
  expect(await rows()).toEqual(['en_cours 0', 'remplace 30', 'recu 90']);
  // The relay lets the earlier one go: the newer one is handed over and recorded, the replaced one never.
  await sql(`update statement_inbox set status = 'remplace', claimed_until = null where id = ?`, [held.id]);
  await handedOver([caseId]);
  expect(await rows()).toEqual(['remplace 0', 'remplace 30', 'enregistre 90']);
  expect((await followUp(caseId)).body.enregistre).toMatchObject({ unjustifiedAbsenceMinutes: 90 });
});

test('a statement the case refuses when it gets it (the case moved on since it was accepted): the refusal and its reason are shown', async () => {
  const [, , third] = cases;
  // Accepted by an earlier check, refused by the case: a month before the training, as the inbox may hold after an exit.
  const before = isoDay(-200).slice(0, 7);
  await sys.orm.em.fork().getConnection().execute(`insert into statement_inbox (dossier_id, period, statement, actor) values (?, ?, ?::jsonb, ?)`,
    [third, before, JSON.stringify({ period: before, scheduledMinutes: 600, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0 }), `organisme:${cat.organisme.id}`]);
  await handedOver([third]);
  const followed = await followUp(third, t.organisme, before);
  expect(followed).toMatchObject({ status: 200, body: { enregistre: null, dernierEnvoi: { statut: 'refuse', code: 'InvalidArgument' } } });
  expect(followed.body.dernierEnvoi.motif).toMatch(/hors des dates de la formation/);
});

test('a session in one JSON request: a result per line, bad lines refused without blocking the good ones, a repeat changes nothing', async () => {
  const [a, b, c] = cases;
  const batch = [
    line(a), line(b, 30), line(c, 9999), // c: more absences than scheduled minutes
    line(randomUUID()), // not a case of this session
    { ...line(b), period: isoDay(0).slice(0, 7) }, // the current month is not over: the case refuses it
    line(b, 30), // the same case and month twice in one batch
    'pas un objet',
  ];
  const res = await sys.call('POST', `/sessions/${session.id}/etats-presence`, { token: t.organisme, body: batch });
  // A line that is not an object makes the body something else than an array of statements: 400, nothing sent.
  expect(res.status).toBe(400);

  const first = await sys.call('POST', `/sessions/${session.id}/etats-presence`, { token: t.organisme, body: batch.slice(0, 6) });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ sessionId: session.id, recues: 6, acceptees: 2, refusees: 4 });
  expect(first.body.lignes.map((l: { statut: string; resultat?: string; code?: string }) => [l.statut, l.resultat ?? l.code])).toEqual([
    ['accepte', 'recu'], // a: certified alone above with 60 minutes of absence, corrected here to 0
    ['accepte', 'recu'],
    ['refuse', 'InvalidArgument'],
    ['refuse', 'NotInSession'],
    ['refuse', 'InvalidArgument'],
    ['refuse', 'DuplicateLine'],
  ]);
  expect(first.body.lignes[2].motif).toMatch(/absences/);
  expect(first.body.lignes[4].motif).toMatch(/une fois terminé/);
  await handedOver([a, b]);
  expect((await followUp(a)).body.dernierEnvoi.statut).toBe('corrige');
  expect((await followUp(b)).body.dernierEnvoi.statut).toBe('enregistre');
  const rows = await stored();

  const repeat = await sys.call('POST', `/sessions/${session.id}/etats-presence`, { token: t.organisme, body: batch.slice(0, 6) });
  expect(repeat.body.lignes.slice(0, 2).map((l: { resultat: string }) => l.resultat)).toEqual(['inchange', 'inchange']);
  expect(await stored()).toEqual(rows);
});

test('the same as CSV, with its documented header; a wrong header is a 400', async () => {
  const [a, b, c] = cases;
  const csv = ['caseId,period,scheduledMinutes,unjustifiedAbsenceMinutes,indemnitesJournalieresCents',
    `${a},${month},6300,0,0`, `${b},${month},6300,45,`, `${c},${month},6300,douze,0`, ''].join('\r\n');
  const res = await postCsv(t.organisme, session.id, `\uFEFF${csv}`);
  expect(res.status).toBe(200);
  expect(res.body.lignes.map((l) => [l.ligne, l.statut, l.resultat])).toEqual([
    [2, 'accepte', 'inchange'], [3, 'accepte', 'recu'], [4, 'refuse', undefined],
  ]);
  await handedOver([b]);
  expect((await followUp(b)).body).toMatchObject({ enregistre: { unjustifiedAbsenceMinutes: 45 }, dernierEnvoi: { statut: 'corrige' } });
  expect(await postCsv(t.organisme, session.id, 'dossier,mois\nx,y\n')).toMatchObject({ status: 400 });
});

test('a provider certifies only its own sessions; an unknown session is a 404', async () => {
  const batch = [line(cases[0])];
  expect((await sys.call('POST', `/sessions/${session.id}/etats-presence`, { token: t.autreOrganisme, body: batch })).status).toBe(403);
  expect((await sys.call('POST', `/sessions/${randomUUID()}/etats-presence`, { token: t.organisme, body: batch })).status).toBe(404);
  expect((await sys.call('POST', `/sessions/${session.id}/etats-presence`, { token: t.caseworker, body: batch })).status).toBe(403);
  expect((await sys.call('POST', `/sessions/${session.id}/etats-presence`, { token: t.organisme, body: [] })).status).toBe(400);
});

test('the case as the access check, the page and the reception read it (one row, not an ORM load) is the ORM’s case', async () => {
  const { caseId } = await ok('POST', '/cases', t.caseworker, { person: newPerson(), sessionId: session.id, prescripteurId: cat.missionLocale.id });
  await sys.orm.em.fork().getConnection().execute(
    `update dossier set incident_since = now(), incident_workflow_id = 'wf', incident_detail = 'mail' where id = ?`, [caseId]);
  for (const id of [caseId, cases[0]]) {
    const em = sys.orm.em.fork();
    const p = await em.findOneOrFail(ParcoursDossier, { dossier: id }, { populate: ['dossier.person', 'session.organisme', 'prescripteur'] });
    const { id: dossierId, processKind, stage, stageSeq, open, createdAt, incidentSince, incidentWorkflowId, incidentDetail, person } = p.dossier;
    const dossier = { id: dossierId, processKind, stage, stageSeq, open, createdAt, incidentSince, incidentWorkflowId, incidentDetail };
    const identity = { id: person.id, lastName: person.lastName, firstName: person.firstName, email: person.email, phone: person.phone,
      birthDate: person.birthDate, gender: person.gender, postalCode: person.postalCode };
    const s = p.session;
    expect(await loadParcoursCase(em, id)).toEqual({
      dossier: { ...dossier, person: identity },
      entryDate: p.entryDate,
      session: { id: s.id, title: s.title, organisme: { id: s.organisme.id, name: s.organisme.name }, bassin: s.bassin, dispositif: s.dispositif,
        startDate: s.startDate, endDate: s.endDate },
      prescripteur: p.prescripteur ? { id: p.prescripteur.id, name: p.prescripteur.name } : null,
    });
  }
  const withIncident = (await loadParcoursCase(sys.orm.em.fork(), caseId))!;
  expect(withIncident.dossier.incidentSince).toBeInstanceOf(Date);
  expect(withIncident.prescripteur).toEqual({ id: cat.missionLocale.id, name: cat.missionLocale.name });
  expect(await loadParcoursCase(sys.orm.em.fork(), randomUUID())).toBeNull();
});

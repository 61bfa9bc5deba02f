/**
 * Bad inputs and wrong roles get the right status and a clear message, and write nothing: no case,
 * no person, no workflow. Real API over HTTP, real worker, dev server, PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { createSession, isoDay, newPerson, PROCESS_SURNAME_PREFIX, seedCatalogue, type Catalogue } from './support/fixtures';
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
  sys = await startSystem(testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('validation'), FRANCE_TRAVAIL_ORG_ID: ftId }));
  cat = await seedCatalogue(sys.orm, {}, ftId);
  t.caseworker = await sys.token({ sub: 'agent-1', role: 'caseworker' });
  t.ops = await sys.token({ sub: 'ops-1', role: 'ops' });
  t.ml = await sys.token({ sub: 'c-1', role: 'partner', org: cat.missionLocale.id });
  t.ft = await sys.token({ sub: 'c-2', role: 'partner', org: cat.franceTravail.id });
  t.organisme = await sys.token({ sub: 'f-1', role: 'organisme', org: cat.organisme.id });
  t.autreOrganisme = await sys.token({ sub: 'f-2', role: 'organisme', org: cat.autreOrganisme.id });
});

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
});

/** This process's rows only (other suites write at the same time): persons made by newPerson() here. */
const counts = async () => {
  const [row] = await sys.orm.em.fork().getConnection().execute(
    `select (select count(*) from dossier d join person p on p.id = d.person_id where p.last_name like ?)::int as dossiers,
            (select count(*) from person where last_name like ?)::int as persons,
            (select count(*) from person_sensitive s join person p on p.id = s.person_id where p.last_name like ?)::int as sensitive`,
    Array(3).fill(`${PROCESS_SURNAME_PREFIX}%`));
  return row;
};
const createBody = (overrides: Record<string, unknown> = {}) => ({ person: newPerson(), sessionId: cat.session.id, ...overrides });

test('401 without a token or with a forged one', async () => {
  expect((await sys.call('GET', '/cases')).status).toBe(401);
  const forged = await (await import('../api/auth')).issueToken('another-secret-of-at-least-32-characters!!', { sub: 'x', role: 'caseworker' });
  expect(await sys.call('GET', '/cases', { token: forged })).toMatchObject({ status: 401, body: { error: 'jeton invalide ou expiré' } });
});

test('400 with the field errors, and nothing written', async () => {
  const before = await counts();
  const missing = await sys.call('POST', '/cases', { token: t.caseworker, body: { person: { firstName: 'Léa' }, sessionId: 'pas-un-uuid' } });
  expect(missing.status).toBe(400);
  expect(missing.body.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['person.lastName', 'person.birthDate', 'person.email', 'sessionId']));

  const badValues = await sys.call('POST', '/cases', { token: t.caseworker,
    body: createBody({ person: newPerson({ birthDate: '2031-02-30', email: 'pas-un-mail', postalCode: '14' }) }) });
  expect([...new Set(badValues.body.fields.map((f: { path: string }) => f.path))].sort()).toEqual(['person.birthDate', 'person.email', 'person.postalCode']);

  const unknownSession = await sys.call('POST', '/cases', { token: t.caseworker, body: createBody({ sessionId: '00000000-0000-4000-8000-000000000000' }) });
  expect(unknownSession).toMatchObject({ status: 400, body: { fields: [{ path: 'sessionId', message: 'session inconnue' }] } });

  const extra = await sys.call('POST', '/cases', { token: t.caseworker, body: createBody({ role: 'admin' }) });
  expect(extra.status).toBe(400);
  expect((await sys.call('POST', '/cases', { token: t.caseworker, raw: '{"person": ' })).status).toBe(400);
  expect((await sys.call('GET', '/cases?pageSize=1000', { token: t.caseworker })).status).toBe(400);
  expect(await counts()).toEqual(before);
});

test('403 for a role or an organisation that may not, and nothing written', async () => {
  const before = await counts();
  expect((await sys.call('POST', '/cases', { token: t.ml, body: createBody() })).status).toBe(403);
  expect((await sys.call('POST', '/referrals', { token: t.caseworker, body: { reference: 'X', ...createBody() } })).status).toBe(403);
  expect(await counts()).toEqual(before);

  const { body } = await sys.call('POST', '/referrals', { token: t.ml, body: { reference: 'ML-403', ...createBody() } });
  const caseId = body.caseId;
  expect((await sys.call('GET', `/cases/${caseId}`, { token: t.ft })).status).toBe(403);
  expect((await sys.call('GET', `/cases/${caseId}`, { token: t.autreOrganisme })).status).toBe(403);
  expect((await sys.call('POST', `/cases/${caseId}/decision`, { token: t.organisme, body: { decision: { outcome: 'admis' } } })).status).toBe(403);
  expect((await sys.call('POST', `/cases/${caseId}/entree`, { token: t.autreOrganisme, body: { entryDate: cat.session.startDate } })).status).toBe(403);
  expect((await sys.call('POST', '/codec/decode', { token: t.caseworker, body: { payloads: [] } })).status).toBe(403);
  // A partner's list shows its own referrals only; ops see no names.
  const mine = await sys.call('GET', '/cases', { token: t.ft });
  expect(mine.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
  const opsList = await sys.call('GET', `/cases?sessionId=${cat.session.id}`, { token: t.ops });
  expect(opsList.body.items.length).toBeGreaterThan(0);
  expect(opsList.body.items.every((i: { person?: unknown }) => i.person === undefined)).toBe(true);
});

test('404 for an unknown case, 409 for a duplicate referral naming the existing case, nothing written twice', async () => {
  expect((await sys.call('GET', '/cases/00000000-0000-4000-8000-000000000000', { token: t.caseworker })).status).toBe(404);
  expect((await sys.call('GET', '/cases/pas-un-uuid', { token: t.caseworker })).status).toBe(400);

  const person = newPerson();
  const first = await sys.call('POST', '/referrals', { token: t.ml, body: { reference: 'ML-DUP-1', person, sessionId: cat.session.id } });
  expect(first.status).toBe(201);
  const before = await counts();
  // Same person (accents and case aside), same session, another reference: the same open case.
  const again = await sys.call('POST', '/referrals', { token: t.ml, body: { reference: 'ML-DUP-2', sessionId: cat.session.id,
    person: { ...person, lastName: person.lastName.toUpperCase(), firstName: 'CAMILLÉ'.replace('É', 'E') } } });
  expect(again).toMatchObject({ status: 409, body: { caseId: first.body.caseId } });
  const sameReference = await sys.call('POST', '/referrals', { token: t.ml, body: { reference: 'ML-DUP-1', person: newPerson(), sessionId: cat.autreSession.id } });
  expect(sameReference).toMatchObject({ status: 409, body: { caseId: first.body.caseId } });
  const byCaseworker = await sys.call('POST', '/cases', { token: t.caseworker, body: { person, sessionId: cat.session.id } });
  expect(byCaseworker.status).toBe(409);
  expect(await counts()).toEqual(before);
  // Another session is another case for the same person.
  expect((await sys.call('POST', '/cases', { token: t.caseworker, body: { person, sessionId: cat.autreSession.id } })).status).toBe(201);
});

test('409 for an action the stage does not allow, 400 for an impossible entry date; the case does not move', async () => {
  const { body } = await sys.call('POST', '/cases', { token: t.caseworker, body: createBody() });
  const caseId = body.caseId;
  const decideEarly = await sys.call('POST', `/cases/${caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  expect(decideEarly).toMatchObject({ status: 409, body: { code: 'ActionNotAllowed' } });
  expect((await sys.call('POST', `/cases/${caseId}/entree`, { token: t.organisme, body: { entryDate: cat.session.startDate } })).status).toBe(409);

  await sys.call('POST', `/cases/${caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: new Date().toISOString() } });
  const noResults = await sys.call('POST', `/cases/${caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  expect(noResults.status).toBe(409);
  await sys.call('POST', `/cases/${caseId}/positionnement/resultats`, { token: t.caseworker, body: { results: { avis: 'favorable' } } });
  const badRefusal = await sys.call('POST', `/cases/${caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'refuse', reason: 'rqth' } } });
  expect(badRefusal.status).toBe(400); // no refusal reason may be a disability, justice or RSA status
  await sys.call('POST', `/cases/${caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  const future = await sys.call('POST', `/cases/${caseId}/entree`, { token: t.organisme, body: { entryDate: '2099-01-01' } });
  expect(future).toMatchObject({ status: 400, body: { code: 'InvalidArgument' } });
  const view = await sys.call('GET', `/cases/${caseId}`, { token: t.caseworker });
  expect(view.body.stage).toBe('admis');

  await sys.call('POST', `/cases/${caseId}/retrait`, { token: t.caseworker, body: { motif: 'déménagement' } });
  const afterClose = await sys.call('POST', `/cases/${caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: new Date().toISOString() } });
  expect(afterClose.status).toBe(409);
});

test('health names its dependencies; the OpenAPI document comes from the same schemas and has a readable page', async () => {
  const health = await sys.call('GET', '/health');
  expect(health).toMatchObject({ status: 200, body: { status: 'ok', dependencies: { database: 'up', temporal: 'up', smtp: 'up' } } });
  const doc = await sys.call('GET', '/openapi.json');
  expect(doc.body.openapi).toBe('3.1.0');
  expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{caseId}/decision', '/referrals', '/cases/{caseId}/etats-presence']));
  // The body schema of a creation is the zod schema that validates it: its required fields and their formats.
  const person = doc.body.components.schemas.Personne;
  expect(person.required).toEqual(expect.arrayContaining(['lastName', 'firstName', 'birthDate', 'email']));
  const page = await fetch(`${sys.baseUrl}/docs/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('swagger');
});

test('after the entry: pay file, statements, exit and follow-up validate their input and their caller', async () => {
  const start = isoDay(-40);
  const session = await createSession(sys.orm, cat.organisme, start);
  const { body } = await sys.call('POST', '/cases', { token: t.caseworker, body: createBody({ sessionId: session.id }) });
  const caseId = body.caseId;
  await sys.call('POST', `/cases/${caseId}/positionnement`, { token: t.caseworker, body: { scheduledAt: new Date().toISOString() } });
  await sys.call('POST', `/cases/${caseId}/positionnement/resultats`, { token: t.caseworker, body: { results: { avis: 'favorable' } } });
  await sys.call('POST', `/cases/${caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  expect((await sys.call('POST', `/cases/${caseId}/entree`, { token: t.organisme, body: { entryDate: start } })).body.stage).toBe('en_formation');

  const badIban = await sys.call('POST', `/cases/${caseId}/remuneration`, { token: t.caseworker, body: {
    iban: 'FR7630006000011234567890188', rythme: 'temps_plein', profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, rqth: false } } });
  expect(badIban).toMatchObject({ status: 400, body: { fields: [{ path: 'iban', message: 'IBAN invalide' }] } });
  expect((await sys.call('POST', `/cases/${caseId}/remuneration`, { token: t.organisme, body: {} })).status).toBe(403);
  expect(await sys.orm.em.fork().getConnection().execute(`select dossier_id from remuneration_dossier where dossier_id = ? union all select dossier_id from bank_account where dossier_id = ?`, [caseId, caseId])).toEqual([]);

  const month = start.slice(0, 7);
  const tooManyAbsences = await sys.call('POST', `/cases/${caseId}/etats-presence`, { token: t.organisme,
    body: { period: month, scheduledMinutes: 60, unjustifiedAbsenceMinutes: 120 } });
  expect(tooManyAbsences.body.fields[0].path).toBe('unjustifiedAbsenceMinutes');
  const current = await sys.call('POST', `/cases/${caseId}/etats-presence`, { token: t.organisme,
    body: { period: new Date().toISOString().slice(0, 7), scheduledMinutes: 60, unjustifiedAbsenceMinutes: 0 } });
  expect(current).toMatchObject({ status: 400, body: { code: 'InvalidArgument' } }); // a month is certified once over
  expect((await sys.call('POST', `/cases/${caseId}/etats-presence`, { token: t.autreOrganisme,
    body: { period: month, scheduledMinutes: 60, unjustifiedAbsenceMinutes: 0 } })).status).toBe(403);
  expect((await sys.call('POST', `/cases/${caseId}/sortie`, { token: t.ml, body: { kind: 'emploi', exitDate: isoDay(-1) } })).status).toBe(403);
  expect((await sys.call('POST', `/cases/${caseId}/sortie`, { token: t.organisme, body: { kind: 'vacances', exitDate: isoDay(-1) } })).status).toBe(400);
  const future = await sys.call('POST', `/cases/${caseId}/sortie`, { token: t.organisme, body: { kind: 'emploi', exitDate: isoDay(5) } });
  expect(future).toMatchObject({ status: 400, body: { code: 'InvalidArgument' } });
  expect((await sys.call('POST', `/cases/${caseId}/suivi`, { token: t.caseworker, body: { step: '3m', outcome: 'emploi_1mois' } })).status).toBe(409);
  const view = await sys.call('GET', `/cases/${caseId}`, { token: t.caseworker });
  expect(view.body).toMatchObject({ stage: 'en_formation', formation: { entryDate: start, statements: {} } });
});

test('a pay file the rules cannot apply to (15 at entry) is a 400 naming the reason, not a 500', async () => {
  const start = isoDay(-40);
  const session = await createSession(sys.orm, cat.organisme, start);
  const person = newPerson({ birthDate: isoDay(-15 * 365 - 30) });
  const { body } = await sys.call('POST', '/cases', { token: t.caseworker, body: createBody({ person, sessionId: session.id }) });
  for (const [path, payload] of [
    ['positionnement', { scheduledAt: new Date().toISOString() }],
    ['positionnement/resultats', { results: { avis: 'favorable' } }],
    ['decision', { decision: { outcome: 'admis' } }],
  ] as const) await sys.call('POST', `/cases/${body.caseId}/${path}`, { token: t.caseworker, body: payload });
  await sys.call('POST', `/cases/${body.caseId}/entree`, { token: t.organisme, body: { entryDate: start } });
  const pay = await sys.call('POST', `/cases/${body.caseId}/remuneration`, { token: t.caseworker, body: {
    iban: 'FR7630006000011234567890189', rythme: 'temps_plein', profile: { priorWork: { monthsInLast12: 0, monthsInLast24: 0 }, rqth: false } } });
  expect(pay).toMatchObject({ status: 400, body: { code: 'InvalidPayInput' } });
  expect(pay.body.error).toMatch(/16/);
  expect(await sys.orm.em.fork().getConnection().execute(`select dossier_id from remuneration_dossier where dossier_id = ? union all select dossier_id from bank_account where dossier_id = ?`, [body.caseId, body.caseId])).toEqual([]);
});

test('a second referral of a known person completes the record and says so; what differs is kept and named', async () => {
  const person = newPerson();
  const first = await sys.call('POST', '/referrals', { token: t.ml, body: { reference: 'ML-KNOWN-1', person, sessionId: cat.session.id } });
  expect(first).toMatchObject({ status: 201, body: { person: { known: false, added: [], kept: [] } } });
  // Another session, another partner: the same person (accents and case aside), now on RSA, with a phone and another e-mail.
  const second = await sys.call('POST', '/referrals', { token: t.ft, body: { reference: 'FT-KNOWN-1', sessionId: cat.autreSession.id,
    person: { ...person, lastName: person.lastName.toUpperCase(), phone: '06 11 22 33 44', email: `autre.${person.email}` },
    sensitive: { rqth: false, rsa: true, sousMainDeJustice: false, illettrisme: false } } });
  expect(second).toMatchObject({ status: 201, body: { stage: 'reperage', person: { known: true, added: ['phone', 'sensitive.rsa'], kept: ['email'] } } });
  // One person, completed: both cases show the RSA flag and the phone; the recorded e-mail is kept.
  for (const caseId of [first.body.caseId, second.body.caseId]) {
    const view = await sys.call('GET', `/cases/${caseId}`, { token: t.caseworker });
    expect(view.body).toMatchObject({ sensitive: { rsa: true, rqth: false }, person: { email: person.email, phone: '06 11 22 33 44' } });
  }
  const [persons] = await sys.orm.em.fork().getConnection().execute(`select count(*)::int as n from person where last_name = ?`, [person.lastName]);
  expect(persons.n).toBe(1);
  const audit = await sys.orm.em.fork().getConnection().execute(
    `select action, detail from audit_entry where dossier_id = ? and action = 'personne_completee'`, [second.body.caseId]);
  expect(audit).toEqual([{ action: 'personne_completee', detail: { champs: ['phone', 'donnees_sensibles'] } }]);
  // A referral that reports nothing new adds nothing, and never clears a flag.
  const third = await sys.call('POST', '/cases', { token: t.caseworker, body: { person, sessionId: cat.petiteSession.id } });
  expect(third).toMatchObject({ status: 201, body: { person: { known: true, added: [], kept: [] } } });
  expect((await sys.call('GET', `/cases/${third.body.caseId}`, { token: t.caseworker })).body.sensitive.rsa).toBe(true);
});

test('messages for people are in French: validation, roles (with the action), stages (with its public name)', async () => {
  const invalid = await sys.call('POST', '/cases', { token: t.caseworker, body: { person: { lastName: 42 }, sessionId: cat.session.id, role: 'admin' } });
  expect(invalid).toMatchObject({ status: 400, body: { code: 'InvalidRequest', error: 'requête invalide' } });
  const messages = Object.fromEntries(invalid.body.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
  expect(messages).toMatchObject({
    'person.lastName': expect.stringMatching(/^Entrée invalide : chaîne de caractères attendu/),
    'person.email': expect.stringMatching(/^Entrée invalide/),
    '': expect.stringMatching(/^Clé non reconnue : "role"/),
  });
  expect(JSON.stringify(invalid.body.fields)).not.toMatch(/Invalid|expected|Unrecognized|Required/);

  const notYours = await sys.call('POST', '/referrals', { token: t.caseworker, body: { reference: 'X', ...createBody() } });
  expect(notYours).toMatchObject({ status: 403, body: { code: 'Forbidden',
    error: 'votre rôle (chargé·e de parcours) ne permet pas : « Prescrire une personne sur une session (repérage) »' } });

  const { body } = await sys.call('POST', '/cases', { token: t.caseworker, body: createBody() });
  const early = await sys.call('POST', `/cases/${body.caseId}/decision`, { token: t.caseworker, body: { decision: { outcome: 'admis' } } });
  expect(early).toMatchObject({ status: 409, body: { code: 'ActionNotAllowed' } });
  expect(early.body.error).toBe('« Décider après le positionnement » n\'est pas possible à l\'étape « Repérage » (possible à : Positionnement)');
  expect(early.body.error).not.toMatch(/deciderPositionnement|reperage/);
  // What Express refuses before any route (an address it cannot decode, a body in a charset or an encoding it
  // does not read) is the caller's mistake too: a 400, never a 500.
  const token = { authorization: `Bearer ${t.caseworker}`, 'content-type': 'application/json' };
  for (const [path, headers] of [['/cases/%E0%A4%A', token], ['/badges/classes/%E0%A4%A', {}]] as const) {
    expect({ path, status: (await fetch(`${sys.baseUrl}${path}`, { headers })).status }).toEqual({ path, status: 400 });
  }
  for (const headers of [{ ...token, 'content-type': 'application/json; charset=latin-9' }, { ...token, 'content-encoding': 'br' }]) {
    const res = await fetch(`${sys.baseUrl}/cases`, { method: 'POST', headers, body: '{}' });
    expect({ headers, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ headers, status: 400, code: 'InvalidRequest' });
  }
  const nul = await sys.call('GET', '/sessions?bassin=caen%00', { token: t.caseworker });
  expect(nul).toMatchObject({ status: 400, body: { code: 'InvalidRequest', fields: [{ path: 'bassin', message: 'caractère nul (U+0000) interdit' }] } });
});

/** The listed codes of an error schema's `code` (an enum, or an enum beside the pay rules' snake_case codes). */
const codesOf = (code: { enum?: string[]; anyOf?: { enum?: string[] }[] }): string[] => code.enum ?? code.anyOf?.find((c) => c.enum)?.enum ?? [];

test('the OpenAPI document says the truth: required bodies with an example, every status with its codes, real content types, 405', async () => {
  const doc = (await sys.call('GET', '/openapi.json')).body;
  const operations = Object.entries(doc.paths as Record<string, Record<string, any>>)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
  for (const { path, method, op } of operations) {
    const where = `${method.toUpperCase()} ${path}`;
    const statuses = Object.keys(op.responses);
    const isPublic = op.security.length === 0;
    expect({ where, statuses: [400, 503, ...(isPublic ? [] : [401, 403]), ...(path.includes('{') ? [404] : [])].map(String)
      .filter((s) => !statuses.includes(s)) }).toEqual({ where, statuses: [] });
    if (op.requestBody) {
      const [media] = Object.values(op.requestBody.content) as { example?: unknown }[];
      expect({ where, required: op.requestBody.required, example: media.example !== undefined, with413: statuses.includes('413') })
        .toEqual({ where, required: true, example: true, with413: true });
    }
    // A route that changes a case can meet a stage that does not allow it.
    if (method === 'post' && path.startsWith('/cases/{caseId}/')) expect({ where, with409: statuses.includes('409') }).toEqual({ where, with409: true });
    for (const status of statuses.filter((s) => s >= '400' && op.responses[s].content?.['application/json'])) {
      const schema = op.responses[status].content['application/json'].schema;
      const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      if (path === '/health') continue;
      expect({ where, status, codes: codesOf(resolved.properties.code).length > 0 }).toEqual({ where, status, codes: true });
    }
  }
  expect(codesOf(doc.components.schemas.Erreur409.properties.code)).toEqual(expect.arrayContaining(['ActionNotAllowed', 'DuplicateCase', 'CaseClosed']));
  expect(codesOf(doc.components.schemas.Erreur404.properties.code)).toEqual(['ResourceNotFound']);
  expect(doc.paths['/cases/{caseId}/decision'].post.responses['503'].headers).toHaveProperty('Retry-After');
  expect(Object.keys(doc.paths['/badges/issuer'].get.responses['200'].content)).toEqual(['application/ld+json']);
  expect(Object.keys(doc.paths['/badges/assertions/{id}'].get.responses['410'].content)).toEqual(['application/ld+json']);
  expect(Object.keys(doc.paths['/payment-files/{id}/csv'].get.responses['200'].content)).toEqual(['text/csv']);
  expect(Object.keys(doc.paths['/payment-files/{id}/xml'].get.responses['200'].content)).toEqual(['application/xml']);
  expect(doc.paths['/cases'].post['x-roles']).toEqual(['caseworker']);

  // The journey's steps, in order, in the document's description.
  const guide: string = doc.info.description;
  const order = ['GET /sessions', 'POST /referrals', '/positionnement', '/decision', '/entree', '/remuneration', '/etats-presence', '/sortie', '/suivi',
    'POST /payment-files'].map((step) => guide.indexOf(step));
  expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);

  // 405 with Allow on a known path, before authentication; OPTIONS says the same; an unknown path stays 404.
  const del = await fetch(`${sys.baseUrl}/cases`, { method: 'DELETE' });
  expect({ status: del.status, allow: del.headers.get('allow'), body: await del.json() })
    .toMatchObject({ status: 405, allow: 'GET, POST, HEAD, OPTIONS', body: { code: 'MethodNotAllowed' } });
  const put = await fetch(`${sys.baseUrl}/cases/${randomUUID()}/decision`, { method: 'PUT' });
  expect({ status: put.status, allow: put.headers.get('allow') }).toEqual({ status: 405, allow: 'POST, OPTIONS' });
  const options = await fetch(`${sys.baseUrl}/cases/${randomUUID()}`, { method: 'OPTIONS' });
  expect({ status: options.status, allow: options.headers.get('allow') }).toEqual({ status: 204, allow: 'GET, HEAD, OPTIONS' });
  expect((await fetch(`${sys.baseUrl}/nulle-part`, { method: 'DELETE', headers: { authorization: `Bearer ${t.caseworker}` } })).status).toBe(404);
  // 413 over 100 kB, as documented.
  const big = await sys.call('POST', '/cases', { token: t.caseworker, body: { ...createBody(), padding: 'x'.repeat(120_000) } });
  expect(big).toMatchObject({ status: 413, body: { code: 'PayloadTooLarge' } });
});

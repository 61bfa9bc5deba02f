/**
 * Open Badges hosted by the API and the Région's indicators, over HTTP: real API, real worker, dev server,
 * PostgreSQL. Cases are created through POST /cases; their entry, exit and 6-month outcome are then set
 * with SQL (the workflow part that writes them is built elsewhere).
 *
 * The indicator cases live in a year drawn at random in 1950–1999 and are cleared afterwards, so that no
 * other suite's cases (dated around today) fall into the periods asked for.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FormationSession } from '../db/entities';
import { applySecrecy, type StatCell } from '../domain/statistics/secrecy';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { testConfig, uniqueQueue } from './support/config';
import { startSystem, type System } from './support/api';

let sys: System;
let smtp: SmtpCatcher;
let cat: Catalogue;
let rouen: FormationSession;
const t: Record<string, string> = {};
const touched: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  const ftId = randomUUID();
  sys = await startSystem(testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('badges'), FRANCE_TRAVAIL_ORG_ID: ftId }));
  cat = await seedCatalogue(sys.orm, {}, ftId);
  const em = sys.orm.em.fork();
  rouen = em.create(FormationSession, { id: randomUUID(), title: `Préparatoire Rouen ${randomUUID().slice(0, 8)}`, organisme: cat.autreOrganisme,
    dispositif: 'preparatoire', bassin: 'rouen', startDate: cat.session.startDate, endDate: cat.session.endDate, totalHours: 400, hoursPerWeek: 35, seats: 12 });
  await em.flush();
  t.caseworker = await sys.token({ sub: 'agent-b', role: 'caseworker', email: 'agent-b@normandie.test' });
  t.ops = await sys.token({ sub: 'ops-b', role: 'ops' });
  t.partner = await sys.token({ sub: 'c-b', role: 'partner', org: cat.missionLocale.id });
  t.organisme = await sys.token({ sub: 'f-b', role: 'organisme', org: cat.organisme.id });
  t.autreOrganisme = await sys.token({ sub: 'f-b2', role: 'organisme', org: cat.autreOrganisme.id });
});

afterAll(async () => {
  if (sys && touched.length) {
    for (const id of touched) {
      await sql(`update parcours_dossier set entry_date = null, exit_date = null, exit_kind = null, outcome_6m = null where dossier_id = ?`, [id]);
    }
  }
  await sys?.stop();
  await smtp?.close();
});

const sql = (query: string, params: unknown[] = []): Promise<any[]> => (sys.orm.em.fork() as EntityManager).execute(query, params);

async function createCase(sessionId: string, who = trainee(), sensitive?: Record<string, boolean>): Promise<string> {
  const res = await sys.call('POST', '/cases', { token: t.caseworker, body: { person: who, sessionId, ...(sensitive ? { sensitive } : {}) } });
  if (res.status !== 201) throw new Error(`POST /cases: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId;
}

async function setDossier(id: string, cols: { entry?: string; exit?: string; kind?: string; outcome6m?: string | null }): Promise<void> {
  touched.push(id);
  await sql(`update parcours_dossier set entry_date = ?, exit_date = ?, exit_kind = ?, outcome_6m = ? where dossier_id = ?`,
    [cols.entry ?? null, cols.exit ?? null, cols.kind ?? null, cols.outcome6m ?? null, id]);
}

const pathOf = (url: string): string => new URL(url).pathname;

/**
 * newPerson() with a surname drawn from 26^12 letters: the fixture's own marker turns its digits into
 * 'k' and repeats itself over the 35 persons of this suite (same identity: 409 duplicate).
 */
function trainee(overrides: Record<string, string> = {}) {
  const letters = [...randomBytes(12)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return newPerson({ lastName: `Nom${letters}`, email: `camille.${letters}@exemple.test`, ...overrides });
}

describe('Open Badges', () => {
  const award = (caseId: string, skill: string, level = 'je-pratique', token = t.organisme) =>
    sys.call('POST', `/cases/${caseId}/badges`, { token, body: { skill, level } });

  test('awarding: 409 before entry, 403 for another organisme or another role, 400 for an unknown skill', async () => {
    const caseId = await createCase(cat.session.id);
    expect(await award(caseId, 'organiser')).toMatchObject({ status: 409 });
    await setDossier(caseId, { entry: cat.session.startDate });
    expect((await award(caseId, 'organiser', 'je-pratique', t.autreOrganisme)).status).toBe(403);
    expect((await award(caseId, 'organiser', 'je-pratique', t.caseworker)).status).toBe(403);
    expect((await award(caseId, 'organiser', 'je-pratique', t.partner)).status).toBe(403);
    expect((await sys.call('POST', `/cases/${caseId}/badges`, { body: { skill: 'organiser', level: 'je-pratique' } })).status).toBe(401);
    expect((await award(caseId, 'cuisiner')).status).toBe(400);
    expect((await sys.call('POST', `/cases/${caseId}/badges`, { token: t.organisme, body: { skill: 'organiser', level: 'je-pratique', email: 'x@y.fr' } })).status).toBe(400);
    expect((await award(randomUUID(), 'organiser')).status).toBe(404);
    const [{ n }] = await sql('select count(*)::int as n from badge_assertion where dossier_id = ?', [caseId]);
    expect(n).toBe(0);
  });

  test('3 skills of 4 bring the general badge, once; the same award twice is the same assertion (200), one row', async () => {
    const person = trainee();
    const caseId = await createCase(cat.session.id, person);
    await setDossier(caseId, { entry: cat.session.startDate });

    const first = await award(caseId, 'organiser');
    expect(first).toMatchObject({ status: 201, body: { caseId, badge: { badgeKey: 'organiser.je-pratique', created: true, revoked: false }, general: null } });
    const again = await award(caseId, 'organiser');
    expect(again).toMatchObject({ status: 200, body: { badge: { assertionId: first.body.badge.assertionId, created: false } } });

    expect((await award(caseId, 'organiser', 'je-maitrise')).body.general).toBeNull(); // both levels of one skill count once
    expect((await award(caseId, 's-adapter')).body.general).toBeNull();
    const third = await award(caseId, 'communiquer', 'je-maitrise');
    expect(third).toMatchObject({ status: 201, body: { badge: { badgeKey: 'communiquer.je-maitrise' }, general: { badgeKey: 'general', created: true } } });
    const fourth = await award(caseId, 's-integrer');
    expect(fourth.body.general).toMatchObject({ assertionId: third.body.general.assertionId, created: false });

    const rows = await sql('select badge_key, count(*)::int as n from badge_assertion where dossier_id = ? group by badge_key order by badge_key', [caseId]);
    expect(rows).toEqual(['communiquer.je-maitrise', 'general', 'organiser.je-maitrise', 'organiser.je-pratique', 's-adapter.je-pratique', 's-integrer.je-pratique']
      .map((badge_key) => ({ badge_key, n: 1 })));
    const audit = await sql(`select count(*)::int as n from audit_entry where dossier_id = ? and action = 'badge_attribue'`, [caseId]);
    expect(audit[0].n).toBe(6);

    // The general badge's Assertion is public too.
    expect((await sys.call('GET', pathOf(third.body.general.assertionUrl))).body).toMatchObject({ type: 'Assertion', badge: expect.stringMatching(/\/badges\/classes\/general$/) });
  });

  test('the Assertion, its BadgeClass and the issuer are public, hashed recipient only; unknown 404, revoked 410', async () => {
    const person = trainee();
    const caseId = await createCase(cat.session.id, person);
    await setDossier(caseId, { entry: cat.session.startDate });
    const { body } = await award(caseId, 's-adapter', 'je-maitrise');
    const url = body.badge.assertionUrl as string;
    expect(url).toBe(`${sys.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/badges/assertions/${body.badge.assertionId}`);

    const res = await fetch(`${sys.baseUrl}${pathOf(url)}`); // no token
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const text = await res.text();
    const a = JSON.parse(text);
    expect(a).toMatchObject({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: url, verification: { type: 'hosted' },
      recipient: { type: 'email', hashed: true } });
    expect(a.recipient.identity).toBe(`sha256$${createHash('sha256').update(person.email + a.recipient.salt).digest('hex')}`);
    expect(new Date(a.issuedOn).getTime()).toBeGreaterThan(Date.now() - 600_000);
    for (const clear of [person.email, person.lastName, person.firstName, person.birthDate, caseId, cat.session.title]) expect(text).not.toContain(clear);
    expect(a.evidence).toBeUndefined();

    const badgeClass = await sys.call('GET', pathOf(a.badge));
    expect(badgeClass).toMatchObject({ status: 200, body: { type: 'BadgeClass', id: a.badge, criteria: { narrative: expect.any(String) } } });
    const issuer = await sys.call('GET', pathOf(badgeClass.body.issuer));
    expect(issuer).toMatchObject({ status: 200, body: { type: 'Profile', id: badgeClass.body.issuer, email: sys.config.ALERT_MAILBOX } });

    const openapi = (await sys.call('GET', '/openapi.json')).body;
    expect(openapi.paths['/badges/assertions/{id}'].get.security).toEqual([]);
    expect(openapi.paths['/cases/{caseId}/badges'].post.responses).toHaveProperty('201');
    expect(openapi.paths['/indicators'].get.security).toEqual([{ bearer: [] }]);

    expect((await sys.call('GET', '/badges/classes/cuisiner.je-pratique')).status).toBe(404);
    expect((await sys.call('GET', `/badges/assertions/${randomUUID()}`)).status).toBe(404);
    expect((await sys.call('GET', '/badges/assertions/pas-un-uuid')).status).toBe(404);

    await sql('update badge_assertion set revoked = true where id = ?', [body.badge.assertionId]);
    expect(await sys.call('GET', pathOf(url))).toMatchObject({ status: 410, body: { revoked: true, id: url } });
    // A revoked badge is not silently awarded again.
    expect((await award(caseId, 's-adapter', 'je-maitrise')).status).toBe(409);
  });
});

describe('indicators', () => {
  const Y = 1950 + Math.floor(Math.random() * 50);
  const period = `from=${Y}-01-01&to=${Y}-12-31`;
  const secret = { value: null, secret: true };
  const row = (rows: { key: string }[], key: string) => rows.find((r) => r.key === key);

  beforeAll(async () => {
    const young = `${Y - 20}-06-01`;
    const older = `${Y - 40}-06-01`;
    const entry = `${Y}-02-01`;
    const exit = `${Y}-11-30`;
    // Entries of the year: 6 in Caen (5 under 26; they complete), 2 in Le Havre (still in training),
    // 5 in Rouen (men, 2 with RQTH; they drop out).
    for (let i = 0; i < 6; i += 1) {
      await setDossier(await createCase(cat.session.id, trainee({ birthDate: i < 5 ? young : older })), { entry, exit, kind: 'terminee' });
    }
    for (let i = 0; i < 2; i += 1) await setDossier(await createCase(cat.autreSession.id, trainee({ birthDate: older, gender: 'M' })), { entry });
    for (let i = 0; i < 5; i += 1) {
      const sensitive = { rqth: i < 2, rsa: false, sousMainDeJustice: false, illettrisme: false };
      await setDossier(await createCase(rouen.id, trainee({ birthDate: older, gender: 'M' }), sensitive), { entry, exit, kind: 'abandon' });
    }
    // The 6-month cohort: left in September of the year before. 5 in a job, 5 in a subsidised contract,
    // 5 without anything, 3 unknown and 2 not collected: 10 / 15 answered.
    const outcomes = [...Array(5).fill('emploi_1mois'), ...Array(5).fill('contrat_aide'), ...Array(5).fill('aucune'), ...Array(3).fill('non_renseigne'), null, null];
    for (const outcome6m of outcomes) {
      await setDossier(await createCase(cat.session.id, trainee({ birthDate: older })), { entry: `${Y - 1}-01-15`, exit: `${Y - 1}-09-15`, kind: 'terminee', outcome6m });
    }
    // Just outside the cohort: 6 months after exit falls on 30 Dec of the year before, or on 2 Jan of the year
    // after (that one is an exit of the year: a 7th completion in Caen).
    await setDossier(await createCase(cat.session.id, trainee({ birthDate: older })), { entry: `${Y - 1}-01-15`, exit: `${Y - 1}-06-30`, kind: 'terminee', outcome6m: 'emploi_1mois' });
    await setDossier(await createCase(cat.session.id, trainee({ birthDate: older })), { entry: `${Y - 1}-01-15`, exit: `${Y}-07-02`, kind: 'terminee', outcome6m: 'emploi_1mois' });
  });

  test('entries: Caen shows 6, Le Havre (2) is secret, and so is Rouen, or Le Havre would be total minus the rest', async () => {
    const { status, body } = await sys.call('GET', `/indicators?${period}`, { token: t.caseworker });
    expect(status).toBe(200);
    const { entries } = body;
    expect(entries.total).toEqual({ value: 13 });
    expect(entries.breakdowns.bassin).toEqual([
      { key: 'caen', total: { value: 6 } },
      { key: 'le-havre', total: secret },
      { key: 'rouen', total: secret },
    ]);
    expect(entries.breakdowns.dispositif).toEqual([{ key: 'preparatoire', total: { value: 5 } }, { key: 'qualif', total: { value: 8 } }]);
    expect(entries.breakdowns.gender).toEqual([{ key: 'F', total: { value: 6 } }, { key: 'M', total: { value: 7 } }, { key: 'X', total: { value: 0 } }]);
    expect(Object.fromEntries(entries.breakdowns.public.map((r: any) => [r.key, r.total]))).toEqual({
      rqth: secret, rsa: { value: 0 }, sous_main_de_justice: { value: 0 }, illettrisme: { value: 0 }, jeune: { value: 5 },
    });
    expect(body.secrecy).toMatchObject({ threshold: 5, rule: expect.stringContaining('1 à 4') });
    // No personal data: counts and category keys only.
    expect(JSON.stringify(body)).not.toMatch(/@|Zqx|Nom/);
  });

  test('exits by kind, and by bassin with their kinds', async () => {
    const { body: { exits } } = await sys.call('GET', `/indicators?${period}`, { token: t.ops });
    expect(exits.total).toEqual({ value: 12 });
    expect(exits.byKind).toEqual({ terminee: { value: 7 }, emploi: { value: 0 }, abandon: { value: 5 }, exclusion: { value: 0 } });
    expect(row(exits.breakdowns.bassin, 'caen')).toMatchObject({ total: { value: 7 }, byKind: { terminee: { value: 7 }, abandon: { value: 0 } } });
    expect(row(exits.breakdowns.bassin, 'rouen')).toMatchObject({ total: { value: 5 }, byKind: { abandon: { value: 5 } } });
    expect(row(exits.breakdowns.bassin, 'le-havre')).toBeUndefined();
    // 2 RQTH persons dropped out: secret, their row total too.
    expect(row(exits.breakdowns.public, 'rqth')).toMatchObject({ total: secret, byKind: { abandon: secret, terminee: { value: 0 } } });
    expect(row(exits.breakdowns.public, 'jeune')).toMatchObject({ total: { value: 5 }, byKind: { terminee: { value: 5 } } });
  });

  test('employment 6 months after exit: (job + subsidised contract + business creation) / answered', async () => {
    const { body: { outcomes6m } } = await sys.call('GET', `/indicators?${period}`, { token: t.caseworker });
    expect(outcomes6m).toMatchObject({
      total: { value: 20 }, answered: { value: 15 }, emploi: { value: 10 }, emploiRate: { value: 0.667 },
      byOutcome: { emploi_1mois: { value: 5 }, contrat_aide: { value: 5 }, creation_entreprise: { value: 0 }, formation: { value: 0 },
        aucune: { value: 5 }, non_renseigne: { value: 5 } },
    });
    expect(row(outcomes6m.breakdowns.bassin, 'caen')).toMatchObject({ total: { value: 20 }, emploiRate: { value: 0.667 } });
    expect(row(outcomes6m.breakdowns.public, 'jeune')).toMatchObject({ total: { value: 0 }, emploiRate: { value: null } });
  });

  test('caseworkers and ops only; a valid period', async () => {
    expect((await sys.call('GET', `/indicators?${period}`, { token: t.partner })).status).toBe(403);
    expect((await sys.call('GET', `/indicators?${period}`, { token: t.organisme })).status).toBe(403);
    expect((await sys.call('GET', `/indicators?${period}`)).status).toBe(401);
    expect((await sys.call('GET', `/indicators?from=${Y}-12-31&to=${Y}-01-01`, { token: t.caseworker })).status).toBe(400);
    expect((await sys.call('GET', `/indicators?from=${Y}-13-01&to=${Y}-12-31`, { token: t.caseworker })).status).toBe(400);
    expect((await sys.call('GET', '/indicators', { token: t.caseworker })).status).toBe(400);
  });
});

describe('statistical secrecy rule', () => {
  const cell = (n: number): StatCell => ({ n, persons: n, secret: false });

  test('1–4 persons are secret, 0 and 5+ are not; a lone secret part of a published sum takes the smallest other part with it', () => {
    const [total, caen, havre] = [cell(8), cell(6), cell(2)];
    applySecrecy([total, caen, havre], [{ total, parts: [caen, havre] }]);
    // With only two bassins, Caen must be hidden too: 8 - 6 would give Le Havre away.
    expect([total.secret, caen.secret, havre.secret]).toEqual([false, true, true]);

    const cells = [cell(0), cell(1), cell(4), cell(5)];
    applySecrecy(cells, []);
    expect(cells.map((c) => c.secret)).toEqual([false, true, true, false]);
  });

  test('secondary secrecy propagates across the sums it touches until none has a single secret', () => {
    // Two bassins × two kinds, with margins: one small cell forces three more.
    const [a1, a2, b1, b2] = [cell(3), cell(7), cell(6), cell(9)];
    const [a, b, k1, k2, all] = [cell(10), cell(15), cell(9), cell(16), cell(25)];
    const sums = [
      { total: a, parts: [a1, a2] }, { total: b, parts: [b1, b2] },
      { total: k1, parts: [a1, b1] }, { total: k2, parts: [a2, b2] }, { total: all, parts: [a, b] },
    ];
    applySecrecy([a1, a2, b1, b2, a, b, k1, k2, all], sums);
    for (const { total, parts } of sums) expect([total, ...parts].filter((c) => c.secret).length).not.toBe(1);
    expect(a1.secret && a2.secret && b1.secret && b2.secret).toBe(true);
    expect(all.secret).toBe(false);
  });
});

/**
 * A sur-mesure order end to end through HTTP: the API, a worker on the Temporal dev server, PostgreSQL, a
 * real SMTP server and partners' real endpoints (France Travail fails twice then acknowledges). Then who
 * may call what (401/403/404/400/409 on every route of the process), and that a refused request writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { codecFromSpec } from '../platform/codec';
import { Organisation } from '../db/entities';
import { dayOf } from '../domain/dates';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startPartnerEndpoint, type PartnerEndpoint } from './support/partner-endpoint';
import { isTo, startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { besoin, conception, createEntreprise, orderDates, validSiret } from './support/sur-mesure';
import { testConfig, uniqueQueue } from './support/config';
import { startSystem, type System } from './support/api';
import { readModelReads } from './support/read-model';

const SECRET = 'secret-e2e-sm';
const FT_ID = randomUUID();
let sys: System;
let smtp: SmtpCatcher;
let ft: PartnerEndpoint;
let ml: PartnerEndpoint;
let cat: Catalogue;
let entreprise: Organisation;
let autreEntreprise: Organisation;
let capEmploi: Organisation;
const t: Record<string, string> = {};

beforeAll(async () => {
  [smtp, ft, ml] = await Promise.all([startSmtpCatcher(), startPartnerEndpoint(SECRET, 2), startPartnerEndpoint(SECRET, 0)]);
  sys = await startSystem(testConfig({
    SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('sm-e2e'), FRANCE_TRAVAIL_ORG_ID: FT_ID,
    PARCOURS_DELAYS: JSON.stringify({ handoffRetryInitial: '200 milliseconds', handoffRetryMaximum: '1 second', handoffAlertAfter: '1 hour' }),
  }));
  cat = await seedCatalogue(sys.orm, { franceTravail: ft.url, missionLocale: ml.url, secret: SECRET }, FT_ID);
  [entreprise, autreEntreprise] = [await createEntreprise(sys.orm), await createEntreprise(sys.orm, 'Transports du Bocage')];
  const em = sys.orm.em.fork();
  capEmploi = em.create(Organisation, { id: randomUUID(), kind: 'cap_emploi', name: 'Cap emploi Manche', contactEmail: 'cap@partenaire.test',
    webhookUrl: null, webhookSecret: null, siret: null });
  await em.flush();
  const token = sys.token;
  Object.assign(t, {
    entreprise: await token({ sub: 'rh-1', role: 'entreprise', org: entreprise.id }),
    autreEntreprise: await token({ sub: 'rh-2', role: 'entreprise', org: autreEntreprise.id }),
    caseworker: await token({ sub: 'agent-sm', role: 'caseworker', email: 'agent.sm@normandie.test' }),
    chef: await token({ sub: 'chef-1', role: 'chef_service' }),
    finance: await token({ sub: 'fin-1', role: 'finance' }),
    ops: await token({ sub: 'ops-1', role: 'ops' }),
    organisme: await token({ sub: 'formateur', role: 'organisme', org: cat.organisme.id }),
    autreOrganisme: await token({ sub: 'formateur-2', role: 'organisme', org: cat.autreOrganisme.id }),
    ft: await token({ sub: 'conseiller-ft', role: 'partner', org: cat.franceTravail.id }),
    ml: await token({ sub: 'conseiller-ml', role: 'partner', org: cat.missionLocale.id }),
    cap: await token({ sub: 'conseiller-cap', role: 'partner', org: capEmploi.id }),
  });
});

afterAll(async () => {
  await sys?.stop();
  await Promise.all([smtp?.close(), ft?.close(), ml?.close()]);
});

const post = async (path: string, token: string, body: unknown, expected = 200) => {
  const res = await sys.call('POST', path, { token, body });
  if (res.status !== expected) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const get = (path: string, token?: string) => sys.call('GET', path, { token });
const sql = (query: string, params: unknown[] = []) => sys.orm.em.fork().getConnection().execute(query, params);
const today = (): string => dayOf(Date.now());
/** The provider's design as the API takes it (no AFEST part). */
const designBody = (d: ReturnType<typeof orderDates>) => ({ ...conception(d), afest: undefined, programme: 'Soudage TIG et MIG.' });

async function waitUntil<T>(read: () => Promise<T> | T, accept: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the whole order over HTTP: need, instruction, visa, recruitment with the partners, trainees, hiring, service fait', async () => {
  const d = orderDates(today(), 0, 120);
  const need = besoin(entreprise, d);
  const created = await post('/sur-mesure/commandes', t.entreprise, need, 201);
  expect(created).toMatchObject({ stage: 'besoin', manquementsAnterieurs: [] });
  const id: string = created.caseId;
  const base = `/sur-mesure/commandes/${id}`;
  await smtp.waitFor((m) => isTo(need.contact.email)(m) && m.subject === 'Nous avons reçu votre besoin de recrutement');

  await post(`${base}/qualification`, t.caseworker, { ecartCompetences: 'Soudage TIG', certification: { code: 'rncp 35341', niveau: 3 }, organismeId: cat.organisme.id });
  await smtp.waitFor((m) => isTo(cat.organisme.contactEmail)(m) && /à construire/.test(m.subject ?? ''));
  await post(`${base}/co-construction`, t.organisme, { ...designBody(d),
    afest: { analyseActivite: true, tuteur: 'Marc Dubois', phasesReflexives: true, evaluations: true } });
  const fromReadModel = await readModelReads();
  const instruction = (await get(`/cases/${id}`, t.caseworker)).body;
  expect(await readModelReads()).toBe(fromReadModel + 1); // the order's page from PostgreSQL
  expect(instruction).toMatchObject({ process: 'sur_mesure', stage: 'instruction', instruction: { eligibilite: { eligible: true },
    qualification: { certificationCode: 'RNCP35341' } } });
  await post(`${base}/visa`, t.caseworker, { action: 'proposer', montantCents: 30_000_00 });
  await post(`${base}/visa`, t.chef, { action: 'valider' });
  expect((await post(`${base}/visa`, t.finance, { action: 'engager', reference: 'EJ-E2E-1' })).stage).toBe('recrutement');

  // Recruitment: the posts go to France Travail (503, 503, then acknowledged) and the Mission Locale.
  await post(`${base}/recrutement`, t.caseworker, { partenaires: [cat.franceTravail.id, cat.missionLocale.id] });
  await waitUntil(() => ft.received.filter((r) => r.body.type === 'sur_mesure.recrutement').map((r) => r.answered), (a) => a.includes(200));
  const offer = ft.received.find((r) => r.answered === 200)!;
  expect(offer.signatureValid).toBe(true);
  expect(offer.body.data).toMatchObject({ commandeId: id, entreprise: { siret: entreprise.siret }, postes: [{ intitule: 'Soudeur', nombre: 2 }, { nombre: 1 }] });
  await waitUntil(() => ml.received.length, (n) => n >= 1);
  await post(`${base}/reunion-information`, t.caseworker, { date: new Date(Date.now() + 3 * 86_400_000).toISOString(), lieu: 'AFPA Caen' });

  const people = [newPerson(), newPerson(), newPerson()];
  const candidats: string[] = [];
  for (const [i, person] of people.entries()) {
    const res = await post(`${base}/candidats`, i === 2 ? t.ft : t.ml, { reference: `E2E-${i}`, person }, 201);
    candidats.push(res.candidatId);
    await post(`${base}/candidats/${res.candidatId}/positionnement`, t.organisme, { avis: 'favorable' });
  }
  await smtp.waitFor((m) => isTo(people[0].email)(m) && /réunion d'information a lieu/.test(m.text ?? ''));

  // The company chooses from names and the provider's opinion only: no contact details, no birth date.
  const asCompany = (await get(`/cases/${id}`, t.entreprise)).body;
  expect(asCompany.candidats).toHaveLength(3);
  expect(asCompany.candidats[0]).toMatchObject({ nom: people[0].lastName, positionnement: { avis: 'favorable' } });
  expect(JSON.stringify(asCompany.candidats)).not.toContain(people[0].email);
  expect(JSON.stringify(asCompany)).not.toContain(people[0].birthDate);
  // A partner sees its own candidates only.
  expect((await get(`/cases/${id}`, t.ft)).body.candidats.map((c: { reference: string }) => c.reference)).toEqual(['E2E-2']);

  const trainees: string[] = [];
  for (const [i, candidatId] of candidats.entries()) {
    const state = await post(`${base}/candidats/${candidatId}/choix`, t.entreprise, { retenu: true, poste: i === 2 ? 1 : 0 });
    expect(state.stage).toBe('recrutement');
    trainees.push((await sql(`select parcours_dossier_id as id from sur_mesure_candidat where id = ?`, [candidatId]))[0].id);
  }
  // Each trainee is a journey of its own, with its pay; the company never sees it.
  expect((await get(`/cases/${trainees[0]}`, t.entreprise)).status).toBe(403);
  expect((await get(`/cases/${trainees[0]}`, t.ml)).body).toMatchObject({ process: 'parcours', stage: 'admis', person: { lastName: people[0].lastName } });
  for (const trainee of trainees) await post(`/cases/${trainee}/entree`, t.organisme, { entryDate: today() });
  await waitUntil(async () => (await get(`/cases/${id}`, t.caseworker)).body, (b) => b.stage === 'formation'
    && b.stagiaires.every((s: { statut: string }) => s.statut === 'en_formation'));
  for (const trainee of trainees) await post(`/cases/${trainee}/sortie`, t.organisme, { kind: 'terminee', exitDate: today(), certification: 'totale' });
  // The order's side-by-side waits project their deadlines one after the other, milliseconds after the stage's own
  // entry: the page shows the stage first, then every deadline (waitUntil fails if one never comes).
  const expectedKinds = JSON.stringify([...trainees.map((x) => `embauche:${x}`), 'service_fait'].sort());
  await waitUntil(async () => (await get(`/cases/${id}`, t.entreprise)).body,
    (b) => b.stage === 'embauche' && JSON.stringify(b.deadlines.map((x: { kind: string }) => x.kind).sort()) === expectedKinds);

  for (const trainee of trainees) {
    await post(`${base}/stagiaires/${trainee}/embauche`, t.entreprise, { embauche: true,
      contrat: { kind: 'cdi', startDate: d.embauche, durationMonths: null, weeklyHours: 35 } });
  }
  const iban = 'FR7630006000011234567890189';
  const minutes = 540 * 60;
  await post(`${base}/service-fait`, t.organisme, { iban, stagiaires: trainees.map((stagiaireId) => ({ stagiaireId, minutesRealisees: minutes })) });
  expect(await sql(`select p.kind, p.amount_cents::int as cents, b.holder_name, b.iban from payment p join bank_account b on b.dossier_id = p.dossier_id
    where p.dossier_id = ?`, [id])).toEqual([{ kind: 'PRESTATION', cents: 30_000_00, holder_name: cat.organisme.name, iban }]);
  await smtp.waitFor((m) => isTo(cat.organisme.contactEmail)(m) && /Paiement de votre formation/.test(m.subject ?? ''));
  const final = await waitUntil(async () => (await get(`/cases/${id}`, t.caseworker)).body, (b) => b.stage === 'suivi' && b.deadlines.length === 3);
  expect(final.stagiaires.map((s: { embauche: { resultat: string } }) => s.embauche.resultat)).toEqual(['embauche_conforme', 'embauche_conforme', 'embauche_conforme']);
  expect(final.history.map((h: { action: string }) => h.action)).toContain('service_fait');
  expect(final.deadlines.map((x: { kind: string }) => x.kind).sort()).toEqual(trainees.map((x) => `suivi_6_mois:${x}`).sort());

  // Lists: each company its own orders, a partner those it recruits for.
  const listed = async (token: string) => (await get('/sur-mesure/commandes', token)).body.items.map((i: { caseId: string }) => i.caseId);
  expect(await listed(t.entreprise)).toContain(id);
  expect(await listed(t.autreEntreprise)).not.toContain(id);
  expect(await listed(t.ml)).toContain(id);
  expect(await listed(t.cap)).not.toContain(id);
  expect(await listed(t.autreOrganisme)).not.toContain(id);
  expect((await get('/cases?process=sur_mesure', t.ml)).body.items.map((i: { caseId: string }) => i.caseId)).toContain(id);

  // Ops find the order by its search attributes: codes only.
  const query = `SprfpProcess = 'sur_mesure' AND SprfpNafSection = 'C' AND SprfpPostes = '3' AND SprfpBassin = 'caen' AND SprfpStage = 'suivi'`;
  await waitUntil(async () => {
    const found: string[] = [];
    for await (const wf of sys.client.workflow.list({ query })) found.push(wf.workflowId);
    return found;
  }, (found) => found.includes(`sur-mesure-${id}`));
  // The order's history, decrypted, holds ids, codes and dates: no contact, candidate or tutor name.
  const payloads = payloadsOf(await sys.client.workflow.getHandle(`sur-mesure-${id}`).fetchHistory());
  const decoded = (await codecFromSpec(sys.config.TEMPORAL_CODEC_KEYS).decode(payloads)).map((p) => Buffer.from(p.data!).toString()).join('\n');
  expect(decoded).toContain(trainees[0]);
  for (const secret of [need.contact.lastName, need.contact.email, 'Marc Dubois', ...people.flatMap((p) => [p.lastName, p.email])]) {
    expect(decoded).not.toContain(secret);
  }
  // The OpenAPI document describes the process's routes.
  const openapi = (await get('/openapi.json')).body;
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/sur-mesure/commandes', '/sur-mesure/commandes/{caseId}/visa',
    '/sur-mesure/commandes/{caseId}/candidats/{candidatId}/choix', '/sur-mesure/commandes/{caseId}/service-fait', '/sur-mesure/indicateurs']));
});

/** Every payload of a history (inputs, results, update arguments...), search attributes aside. */
function payloadsOf(node: unknown, found: Payload[] = []): Payload[] {
  if (!node || typeof node !== 'object') return found;
  const maybe = node as Payload;
  if (maybe.metadata && maybe.data instanceof Uint8Array) found.push(maybe);
  else for (const [key, value] of Object.entries(node)) if (key !== 'searchAttributes' && !(value instanceof Uint8Array)) payloadsOf(value, found);
  return found;
}

describe('who may call what', () => {
  let id: string;
  let base: string;
  const unknown = `/sur-mesure/commandes/${randomUUID()}`;

  beforeAll(async () => {
    id = (await post('/sur-mesure/commandes', t.entreprise, besoin(entreprise, orderDates(today())), 201)).caseId;
    base = `/sur-mesure/commandes/${id}`;
  });

  /** Every route of the process: a valid body for its role, the role, and the other roles refused. */
  const routes = () => {
    const d = orderDates(today());
    const c = randomUUID();
    const s = randomUUID();
    return [
      { path: '/qualification', role: 'caseworker', other: 'chef', body: { ecartCompetences: 'x', organismeId: cat.organisme.id }, bad: { organismeId: 'x' } },
      { path: '/co-construction', role: 'organisme', other: 'entreprise', body: designBody(d), bad: { programme: 'p' } },
      { path: '/derogation', role: 'caseworker', other: 'organisme', body: { reference: 'D-1' }, bad: {} },
      { path: '/visa', role: 'caseworker', other: 'entreprise', body: { action: 'proposer', montantCents: 100 }, bad: { action: 'voter' } },
      { path: '/annulation', role: 'caseworker', other: 'organisme', body: { motif: 'doublon' }, bad: { motif: '' }, conflictLater: true },
      { path: '/recrutement', role: 'caseworker', other: 'ml', body: { partenaires: [cat.franceTravail.id] }, bad: { partenaires: [] } },
      { path: '/reunion-information', role: 'caseworker', other: 'ft', body: { date: '2099-01-01T09:00:00Z', lieu: 'Caen' }, bad: { date: 'demain' } },
      { path: '/candidats', role: 'ml', other: 'caseworker', body: { reference: 'R', person: newPerson() }, bad: { reference: 'R' }, status: 201 },
      { path: `/candidats/${c}/positionnement`, role: 'organisme', other: 'entreprise', body: { avis: 'favorable' }, bad: { avis: 'bof' }, sub: true },
      { path: `/candidats/${c}/choix`, role: 'entreprise', other: 'organisme', body: { retenu: true }, bad: { retenu: 'oui' }, sub: true },
      { path: `/stagiaires/${s}/embauche`, role: 'entreprise', other: 'organisme', body: { embauche: false, refusParLeStagiaire: false }, bad: { embauche: 'x' }, sub: true },
      { path: `/stagiaires/${s}/suivi-6-mois`, role: 'entreprise', other: 'ml', body: { stillEmployed: 'oui' }, bad: { stillEmployed: 'peut-être' }, sub: true },
      { path: '/service-fait', role: 'organisme', other: 'entreprise', body: { iban: 'FR7630006000011234567890189', stagiaires: [{ stagiaireId: s, minutesRealisees: 1 }] },
        bad: { iban: 'FR00', stagiaires: [] } },
    ];
  };

  test('401 without a token, 403 for another role, 404 for an unknown order, 400 for a bad body, on every route', async () => {
    for (const r of routes()) {
      const where = `${r.path} (${r.role})`;
      expect([where, (await sys.call('POST', `${base}${r.path}`, { body: r.body })).status]).toEqual([where, 401]);
      expect([where, (await sys.call('POST', `${base}${r.path}`, { token: t[r.other], body: r.body })).status]).toEqual([where, 403]);
      expect([where, (await sys.call('POST', `${unknown}${r.path}`, { token: t[r.role], body: r.body })).status]).toEqual([where, 404]);
      expect([where, (await sys.call('POST', `${base}${r.path}`, { token: t[r.role], body: r.bad })).status]).toEqual([where, 400]);
    }
    expect((await sys.call('POST', '/sur-mesure/commandes', { body: {} })).status).toBe(401);
    expect((await sys.call('POST', '/sur-mesure/commandes', { token: t.organisme, body: besoin(entreprise, orderDates(today())) })).status).toBe(403);
    expect((await sys.call('POST', '/sur-mesure/commandes', { token: t.entreprise, body: { siret: '123' } })).status).toBe(400);
    expect((await get('/sur-mesure/commandes')).status).toBe(401);
    expect((await get('/sur-mesure/commandes', t.organisme)).status).toBe(200);
    expect((await get('/sur-mesure/indicateurs?from=2026-01-01&to=2026-12-31')).status).toBe(401);
    expect((await get('/sur-mesure/indicateurs?from=2026-01-01&to=2026-12-31', t.entreprise)).status).toBe(403);
    expect((await get('/sur-mesure/indicateurs?from=2026-12-31&to=2026-01-01', t.caseworker)).status).toBe(400);
  });

  test('403 for another organisation, 409 when the stage does not allow the action', async () => {
    // Another company, another provider, a partner not recruiting for the order: the order is not theirs.
    expect((await get(`/cases/${id}`, t.autreEntreprise)).status).toBe(403);
    expect((await get(`/cases/${id}`, t.entreprise)).status).toBe(200);
    for (const r of routes().filter((x) => ['entreprise', 'organisme', 'ml'].includes(x.role))) {
      const outsider = { entreprise: 'autreEntreprise', organisme: 'autreOrganisme', ml: 'cap' }[r.role as 'entreprise' | 'organisme' | 'ml'];
      expect([r.path, (await sys.call('POST', `${base}${r.path}`, { token: t[outsider], body: r.body })).status]).toEqual([r.path, 403]);
    }
    // At the need, only the qualification (and a cancellation) may happen: everything else is a 409 (404 for a
    // candidate or trainee the order does not have). The provider is not chosen yet: it does not see the order.
    await post(`${base}/qualification`, t.caseworker, { ecartCompetences: 'x', organismeId: cat.organisme.id });
    for (const r of routes().filter((x) => !['/qualification', '/co-construction'].includes(x.path) && !x.conflictLater)) {
      const res = await sys.call('POST', `${base}${r.path}`, { token: t[r.role], body: r.body });
      expect([r.path, res.status]).toEqual([r.path, r.sub ? 404 : r.role === 'ml' ? 403 : 409]);
    }
    expect((await sys.call('POST', `${base}/qualification`, { token: t.caseworker, body: { ecartCompetences: 'x', organismeId: cat.organisme.id } })).status).toBe(409);
    // Finance may not commit what is not proposed yet.
    expect((await sys.call('POST', `${base}/visa`, { token: t.finance, body: { action: 'engager', reference: 'EJ' } })).status).toBe(409);
    expect((await sys.call('POST', `${base}/visa`, { token: t.finance, body: { action: 'valider' } })).status).toBe(403);
  });

  test('a refused request writes nothing: need, candidate, design, service fait', async () => {
    // Other suites write in the same database at the same time: count what this test's requests would have written.
    const count = async (table: string, where: string, params: unknown[]) => Number((await sql(`select count(*) as n from ${table} where ${where}`, params))[0].n);
    const orders = () => count('sur_mesure_commande', 'entreprise_id in (?, ?)', [entreprise.id, autreEntreprise.id]);
    const before = await orders();

    // A SIRET whose key is wrong; then a company that is not the caller's; then an unknown company without its name.
    const bad = { ...besoin(entreprise, orderDates(today())), siret: '20003452800041' };
    const contacts: string[] = [bad.contact.email];
    const refused = await sys.call('POST', '/sur-mesure/commandes', { token: t.entreprise, body: bad });
    expect(refused).toMatchObject({ status: 400, body: { fields: [expect.objectContaining({ path: 'siret', message: expect.stringContaining('SIRET invalide') })] } });
    const notMine = besoin(autreEntreprise, orderDates(today()));
    expect((await sys.call('POST', '/sur-mesure/commandes', { token: t.entreprise, body: notMine })).status).toBe(400);
    const newSiret = validSiret();
    const nameless = { ...besoin(entreprise, orderDates(today())), siret: newSiret };
    expect((await sys.call('POST', '/sur-mesure/commandes', { token: t.caseworker, body: nameless })).status).toBe(400);
    const badRome = besoin(entreprise, orderDates(today()));
    badRome.postes[0].romeCode = 'Z1234';
    expect((await sys.call('POST', '/sur-mesure/commandes', { token: t.entreprise, body: badRome })).body.fields[0].message).toContain('code ROME inconnu');
    contacts.push(notMine.contact.email, nameless.contact.email, badRome.contact.email);
    expect(await orders()).toBe(before);
    expect(await count('person', `email in (${contacts.map(() => '?').join(', ')})`, contacts)).toBe(0);
    expect(await count('organisation', 'siret = ?', [newSiret])).toBe(0);

    // A candidate referred to an order that does not recruit (yet): the person is not kept.
    const fresh = (await post('/sur-mesure/commandes', t.entreprise, besoin(entreprise, orderDates(today())), 201)).caseId;
    await sql(`insert into sur_mesure_partenaire (dossier_id, organisation_id) values (?, ?)`, [fresh, cat.missionLocale.id]);
    const person = newPerson();
    const early = await sys.call('POST', `/sur-mesure/commandes/${fresh}/candidats`, { token: t.ml, body: { reference: 'TROP-TOT', person } });
    expect(early.status).toBe(409);
    expect(await count('person', 'last_name = ?', [person.lastName])).toBe(0);
    expect(await count('sur_mesure_candidat', 'dossier_id = ?', [fresh])).toBe(0);

    // A design before the qualification, a service fait before the training: refused, and nothing stays.
    await sql(`update sur_mesure_commande set organisme_id = ? where dossier_id = ?`, [cat.organisme.id, fresh]);
    const design = await sys.call('POST', `/sur-mesure/commandes/${fresh}/co-construction`, { token: t.organisme, body: designBody(orderDates(today())) });
    expect(design.status).toBe(409);
    expect((await sql(`select programme from sur_mesure_commande where dossier_id = ?`, [fresh]))[0].programme).toBeNull();
    const serviceFait = await sys.call('POST', `/sur-mesure/commandes/${fresh}/service-fait`, { token: t.organisme,
      body: { iban: 'FR7630006000011234567890189', stagiaires: [{ stagiaireId: randomUUID(), minutesRealisees: 60 }] } });
    expect(serviceFait.status).toBe(409);
    expect(await count('bank_account', 'dossier_id = ?', [fresh])).toBe(0);
  });
});

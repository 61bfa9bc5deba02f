/**
 * The bursaries end to end through HTTP: the API, a worker on the Temporal dev server, PostgreSQL (a database
 * of the suite's own: the payment file takes every pending payment of its database), a real SMTP server and
 * the CROUS's real endpoint. Dates follow the real calendar: the training starts this month, so its first
 * instalment is due at once and the others later.
 */
import { randomUUID } from 'node:crypto';
import { anneeDebut, anneeOfDate, moisDeLAnnee } from '../domain/bourse';
import { CSV_COLUMNS } from '../domain/bourse/import-csv';
import { formatMonthFr, parisClock } from '../domain/dates';
import { bourseEtatQuery } from '../workflows/bourse/messages';
import { Organisation } from '../db/entities';
import { copyBareme, demandeBourse, newDse, seedBourseOrgs, type BourseOrgs } from './support/bourse';
import { createOwnDatabase, type OwnDatabase } from './support/own-database';
import { CROUS_SECRET } from './support/bourse-timeskipping';
import { testConfig, uniqueQueue } from './support/config';
import { startPartnerEndpoint, type PartnerEndpoint } from './support/partner-endpoint';
import { isTo, startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { startSystem, type System } from './support/api';
import { readModelReads } from './support/read-model';

const TODAY = new Date().toISOString().slice(0, 10);
const ANNEE = anneeOfDate(TODAY);
const MOIS = TODAY.slice(0, 7);
const NOMBRE_MOIS = Math.min(10, moisDeLAnnee(ANNEE).filter((m) => m >= MOIS).length);
/** A year whose barème is not published (ten years on). */
const ANNEE_SANS_BAREME = `${anneeDebut(ANNEE) + 10}-${anneeDebut(ANNEE) + 11}`;
const REGION_IBAN = 'FR7630006000011234567890189';

let db: OwnDatabase;
let sys: System;
let smtp: SmtpCatcher;
let crous: PartnerEndpoint;
let orgs: BourseOrgs & { autreCrous: Organisation; troisiemeInstitut: Organisation };
const t: Record<string, string> = {};
const cases: Record<string, string> = {};

const ligne = (overrides: Record<string, unknown> = {}) =>
  demandeBourse(orgs.institut.id, { annee: ANNEE, premierMois: MOIS, nombreMois: NOMBRE_MOIS, ...overrides } as never);

beforeAll(async () => {
  [smtp, crous, db] = await Promise.all([startSmtpCatcher(), startPartnerEndpoint(CROUS_SECRET), createOwnDatabase('bourse_api')]);
  sys = await startSystem(testConfig({ SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('bourse-api'), DATABASE_URL: db.url, PAYING_AGENT_IBAN: REGION_IBAN }));
  await copyBareme(sys.orm, [ANNEE]);
  const base = await seedBourseOrgs(sys.orm, { url: crous.url, secret: CROUS_SECRET });
  const more = await seedBourseOrgs(sys.orm);
  orgs = { ...base, autreCrous: more.crous, troisiemeInstitut: more.institut };
  Object.assign(t, {
    caseworker: await sys.token({ sub: 'agent-7', role: 'caseworker', email: 'agent7@normandie.test' }),
    crous: await sys.token({ sub: 'crous-1', role: 'crous', org: orgs.crous.id }),
    autreCrous: await sys.token({ sub: 'crous-2', role: 'crous', org: orgs.autreCrous.id }),
    institut: await sys.token({ sub: 'ifsi-1', role: 'institut', org: orgs.institut.id }),
    autreInstitut: await sys.token({ sub: 'ifas-1', role: 'institut', org: orgs.autreInstitut.id }),
    commission: await sys.token({ sub: 'membre-1', role: 'commission' }),
    ops: await sys.token({ sub: 'ops-1', role: 'ops' }),
    finance: await sys.token({ sub: 'comptable-1', role: 'finance' }),
  });
}, 120_000);

afterAll(async () => {
  await sys?.stop();
  await Promise.all([smtp?.close(), crous?.close()]);
  await db?.drop();
});

const rows = (sql: string, params: unknown[] = []) => sys.orm.em.fork().getConnection().execute(sql, params);
const count = async (dses: string[]): Promise<number> =>
  (await rows(`select count(*)::int as n from bourse_dossier where dse in (${dses.map(() => '?').join(', ')})`, dses))[0].n;

function csvOf(lines: Record<string, unknown>[]): string {
  const flat = (d: any) => [d.dse, d.annee, d.person.lastName, d.person.firstName, d.person.birthDate, d.person.gender, d.person.email, '',
    d.person.postalCode, d.institutId, d.formation, d.premierMois, d.nombreMois, d.revenuBrutGlobalEuros, d.elementsDeCharge.distanceKm,
    d.elementsDeCharge.enfantsACharge, d.elementsDeCharge.enfantsEnseignementSuperieur, d.elementsDeCharge.handicapReconnuCdaph ? 'oui' : 'non',
    d.elementsDeCharge.prochesAides, d.iban, ''].join(',');
  return [CSV_COLUMNS.join(','), ...lines.map(flat)].join('\n');
}

async function postCsv(text: string, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sys.baseUrl}/bourses/import`, { method: 'POST', body: text, headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

test('a CROUS batch (JSON, then CSV): good lines create their cases, bad lines are reported in French, repeated lines create nothing twice', async () => {
  const good = ligne();
  // The same student's application for a later year: a new case, linked to this one.
  const sansBareme = ligne({ annee: ANNEE_SANS_BAREME, premierMois: `${anneeDebut(ANNEE_SANS_BAREME)}-09`, nombreMois: 10, person: good.person });
  const sansMail = { ...ligne(), person: { ...ligne().person, email: undefined }, iban: 'FR7630006000011234567890180', formation: 'pilote' };
  const horsAnnee = ligne({ premierMois: `${anneeDebut(ANNEE)}-08` });
  const institutInconnu = ligne({ institutId: randomUUID() });
  const memeEtudiant = { ...ligne(), person: good.person }; // another DSE for the same student and year
  const batch = [good, sansBareme, sansMail, horsAnnee, institutInconnu, good, memeEtudiant];

  expect((await sys.call('POST', '/bourses/import', { body: batch })).status).toBe(401);
  expect((await sys.call('POST', '/bourses/import', { token: t.caseworker, body: batch })).status).toBe(403);
  expect((await sys.call('POST', '/bourses/import', { token: t.crous, body: { lignes: batch } })).status).toBe(400);
  expect((await sys.call('POST', '/bourses/import', { token: t.crous, body: [] })).status).toBe(400);
  expect(await count(batch.map((l: any) => l.dse).filter(Boolean))).toBe(0);

  const first = await sys.call('POST', '/bourses/import', { token: t.crous, body: batch });
  expect(first.status).toBe(200);
  expect(first.body.recues).toBe(7);
  expect(first.body.importees.map((l: any) => [l.ligne, l.dse])).toEqual([[1, good.dse], [2, sansBareme.dse]]);
  cases.good = first.body.importees[0].caseId;
  cases.sansBareme = first.body.importees[1].caseId;
  expect(first.body.dejaImportees).toEqual([{ ligne: 6, dse: good.dse, caseId: cases.good }]);
  const reasons = Object.fromEntries(first.body.rejetees.map((r: any) => [r.ligne, r.erreurs]));
  expect(Object.keys(reasons)).toEqual(['3', '4', '5', '7']);
  expect(reasons[3]).toEqual(expect.arrayContaining([{ champ: 'person.email', message: 'champ obligatoire' }, { champ: 'iban', message: 'IBAN invalide' },
    { champ: 'formation', message: expect.stringMatching(/^formation inconnue/) }]));
  expect(reasons[4]).toEqual([{ champ: 'premierMois', message: `${anneeDebut(ANNEE)}-08 n'est pas dans l'année universitaire ${ANNEE}` }]);
  expect(reasons[5]).toEqual([{ champ: 'institutId', message: 'institut inconnu' }]);
  expect(reasons[7]).toEqual([{ champ: 'person', message: `cet étudiant a déjà un dossier de bourse ouvert pour cette année universitaire (dossier ${cases.good})` }]);
  expect(await count(batch.map((l: any) => l.dse))).toBe(2);

  // The same batch again: nothing new, every good line answers with its case.
  const again = await sys.call('POST', '/bourses/import', { token: t.crous, body: batch });
  expect(again.body.importees).toEqual([]);
  expect(again.body.dejaImportees.map((l: any) => [l.ligne, l.caseId])).toEqual([[1, cases.good], [2, cases.sansBareme], [6, cases.good]]);
  expect(again.body.rejetees).toHaveLength(4);
  expect(await count(batch.map((l: any) => l.dse))).toBe(2);

  // CSV: a good line, a line with a word for a number, a line with a missing column; a wrong header is refused whole.
  const csvGood = ligne();
  const text = `${csvOf([csvGood, { ...ligne(), nombreMois: 'douze' }])}\n${newDse()},${ANNEE},Nom\n`;
  const csv = await postCsv(text, t.crous);
  expect(csv.status).toBe(200);
  expect(csv.body.importees.map((l: any) => [l.ligne, l.dse])).toEqual([[2, csvGood.dse]]);
  expect(csv.body.rejetees).toEqual([
    { ligne: 3, dse: expect.any(String), erreurs: [{ champ: 'nombreMois', message: 'nombre entier attendu' }] },
    { ligne: 4, dse: null, erreurs: [{ champ: '(ligne)', message: `${CSV_COLUMNS.length} colonnes attendues, 3 lues` }] },
  ]);
  cases.csv = csv.body.importees[0].caseId;
  expect(await postCsv(`dse;annee\n1;2`, t.crous)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^en-tête CSV attendu/) } });
  const audit = await rows(`select actor, detail from audit_entry where action = 'import_lot' and actor = ? order by at`, [`crous:${orgs.crous.id}`]);
  expect(audit.map((a: any) => a.detail)).toEqual([
    { processus: 'bourse', recues: 7, importees: 2, dejaImportees: 1, rejetees: 4 },
    { processus: 'bourse', recues: 7, importees: 0, dejaImportees: 3, rejetees: 4 },
    { processus: 'bourse', recues: 3, importees: 1, dejaImportees: 0, rejetees: 2 }]);

  // A caseworker creates one too; the same DSE again is a 409 naming the case.
  const own = ligne();
  const created = await sys.call('POST', '/bourses', { token: t.caseworker, body: { demande: own } });
  expect(created).toMatchObject({ status: 201, body: { stage: 'instruction' } });
  expect(await sys.call('POST', '/bourses', { token: t.caseworker, body: { demande: own } }))
    .toMatchObject({ status: 409, body: { caseId: created.body.caseId, error: 'ce numéro DSE a déjà un dossier pour cette année universitaire' } });
});

test('the case shows the computation; a year without its barème cannot be decided (409, why); the award is mailed, told to the CROUS, and paid in the payment file', async () => {
  // The échelon is computed by the workflow right after the import.
  const view = await waitFor(async () => {
    const v = await sys.call('GET', `/cases/${cases.good}`, { token: t.caseworker });
    return v.body.bourse.calcul ? v : null;
  });
  expect(view.body.bourse.calcul).toMatchObject({ echelon: '3', points: 3, plafondEuros: 22_716, annuelCents: 3_828_00, mensualiteCents: 382_80, verified: false });
  expect(view.body.bourse.calcul.lignes).toEqual(expect.arrayContaining([
    'Total : 3 points de charge.', 'Plafond de l\'échelon 3 pour 3 points : 22\u00a0716\u00a0€. Le revenu ne le dépasse pas : échelon 3.']));
  expect(view.body.bourse.demande).toMatchObject({ revenuBrutGlobalEuros: 20_000 });
  const asCrous = await sys.call('GET', `/cases/${cases.good}`, { token: t.crous });
  expect(asCrous.body.bourse.demande).toBeUndefined();
  expect(JSON.stringify(asCrous.body)).not.toContain('20000');
  const asOps = await sys.call('GET', `/cases/${cases.good}`, { token: t.ops });
  expect(asOps.body.person).toBeUndefined();
  expect(asOps.body.bourse.dse).toBeUndefined();
  expect((await sys.call('GET', `/cases/${cases.good}`, { token: t.autreCrous })).status).toBe(403);

  const missing = await sys.call('POST', `/cases/${cases.sansBareme}/bourse/decision`, { token: t.caseworker, body: { decision: { outcome: 'attribuee' } } });
  expect(missing).toMatchObject({ status: 409, body: { code: 'ParameterMissing',
    error: `décision impossible : le barème de l'année ${ANNEE_SANS_BAREME} n'est pas encore chargé (plafonds de ressources)` } });
  const later = await sys.call('GET', `/cases/${cases.sansBareme}`, { token: t.caseworker });
  expect(later.body.bourse.calculErreur).toContain(ANNEE_SANS_BAREME);
  expect(later.body.bourse.autresAnnees).toEqual([{ caseId: cases.good, annee: ANNEE, decision: null }]);
  expect(await rows(`select precedent_id from bourse_dossier where dossier_id = ?`, [cases.sansBareme])).toEqual([{ precedent_id: cases.good }]);

  const decided = await sys.call('POST', `/cases/${cases.good}/bourse/decision`, { token: t.caseworker, body: { decision: { outcome: 'attribuee' } } });
  expect(decided).toMatchObject({ status: 200, body: { stage: 'attribuee' } });
  const [person] = await rows(`select p.email from person p join dossier d on d.person_id = p.id where d.id = ?`, [cases.good]);
  const mail = await smtp.waitFor((m) => isTo(person.email)(m) && /vous recevez une bourse/.test(m.subject ?? ''));
  expect(mail.text).toContain(`- ${formatMonthFr(MOIS)} : 382,80\u00a0€`);
  const event = await waitFor(() => crous.received.find((r) => r.body.type === 'bourse.attribution' && r.body.data.dossierId === cases.good));
  expect(event.signatureValid).toBe(true);
  const paid = await waitFor(async () => (await rows(`select reference, period from payment where dossier_id = ? and kind = 'BOURSE'`, [cases.good]))[0]);
  expect(paid.period).toBe(MOIS);

  // One payment file for every process: finance builds it, the instalment is in it with the student's IBAN.
  expect((await sys.call('POST', '/payment-files', { token: t.caseworker, body: { executionDate: parisClock().today } })).status).toBe(403);
  const file = await sys.call('POST', '/payment-files', { token: t.finance, body: { executionDate: parisClock().today } });
  expect(file.status).toBe(201);
  const csv = await fetch(`${sys.baseUrl}/payment-files/${file.body.id}/csv`, { headers: { authorization: `Bearer ${t.finance}` } }).then((r) => r.text());
  expect(csv.split('\n').filter((l) => l.includes(paid.reference))).toHaveLength(1);
});

test('the institute reports an absence of its own student, then the justification; every new route checks role, organisation and input, and writes nothing on a bad request', async () => {
  const id = cases.good;
  const snapshot = async () => ({
    db: (await rows(`select (select count(*) from dossier)::int as dossiers, (select count(*) from bourse_dossier)::int as bourses,
      (select count(*) from aide_urgence_dossier)::int as aides, (select count(*) from payment)::int as payments,
      (select count(*) from overpayment)::int as indus, (select count(*) from bourse_remise)::int as remises,
      (select max(updated_at) from bourse_demande) as demande`))[0],
    journal: (await sys.client.workflow.getHandle(`bourse-${id}`).query(bourseEtatQuery)).history.length,
  });
  const before = await snapshot();
  const unknown = randomUUID();
  const absence = { type: 'absence_non_justifiee', date: TODAY };
  const routes: [string, string, Record<string, unknown> | undefined, string, string][] = [
    // method, path, a valid body, a token of a role that may, a token of a role that may not
    ['POST', `/cases/${id}/bourse/pieces-demandees`, { pieces: ['avis_imposition'] }, t.caseworker, t.institut],
    ['POST', `/cases/${id}/bourse/pieces`, {}, t.caseworker, t.crous],
    ['POST', `/cases/${id}/bourse/decision`, { decision: { outcome: 'attribuee' } }, t.caseworker, t.commission],
    ['POST', `/cases/${id}/bourse/evenements`, absence, t.institut, t.crous],
    ['POST', `/cases/${id}/bourse/justificatif`, { justifieLe: TODAY }, t.institut, t.ops],
    ['POST', `/cases/${id}/bourse/sortie`, { date: TODAY }, t.institut, t.finance],
    ['POST', `/cases/${id}/bourse/remise`, {}, t.caseworker, t.institut],
    ['POST', `/cases/${id}/aides-urgence`, { montantDemandeCents: 100_00, situation: 'x' }, t.caseworker, t.commission],
    ['POST', `/cases/${id}/aide-urgence/evaluation`, { evaluation: 'x' }, t.caseworker, t.commission],
    ['POST', `/cases/${id}/aide-urgence/avance`, { montantCents: 100_00 }, t.caseworker, t.crous],
    ['POST', `/cases/${id}/aide-urgence/decision`, { decision: { outcome: 'refusee', motif: 'situation_non_urgente' } }, t.commission, t.caseworker],
  ];
  for (const [method, path, body, allowed, refused] of routes) {
    expect([path, (await sys.call(method, path, { body })).status]).toEqual([path, 401]);
    expect([path, (await sys.call(method, path, { token: refused, body })).status]).toEqual([path, 403]);
    expect([path, (await sys.call(method, path.replace(id, unknown), { token: allowed, body })).status]).toEqual([path, 404]);
    expect([path, (await sys.call(method, path.replace(id, 'pas-un-id'), { token: allowed, body })).status]).toEqual([path, 400]);
    expect([path, (await sys.call(method, path, { token: allowed, body: { ...body, inconnu: true } })).status]).toEqual([path, 400]);
  }
  // Another institute, another CROUS: 403 on this student's case.
  expect((await sys.call('POST', `/cases/${id}/bourse/evenements`, { token: t.autreInstitut, body: absence })).status).toBe(403);
  // 409: what the stage (or the kind of case) does not allow.
  const conflicts: [string, Record<string, unknown>, string][] = [
    [`/cases/${id}/bourse/decision`, { decision: { outcome: 'attribuee' } }, t.caseworker],
    [`/cases/${id}/bourse/pieces-demandees`, { pieces: ['avis_imposition'] }, t.caseworker],
    [`/cases/${id}/bourse/justificatif`, { justifieLe: TODAY }, t.institut],
    [`/cases/${id}/bourse/remise`, {}, t.caseworker],
    [`/cases/${id}/aide-urgence/evaluation`, { evaluation: 'x' }, t.caseworker],
    [`/cases/${id}/aide-urgence/avance`, { montantCents: 100_00 }, t.caseworker],
  ];
  for (const [path, body, token] of conflicts) expect([path, (await sys.call('POST', path, { token, body })).status]).toEqual([path, 409]);
  expect(await snapshot()).toEqual(before);

  // The institute's report: the instalments are held, the student told.
  const suspended = await sys.call('POST', `/cases/${id}/bourse/evenements`, { token: t.institut, body: absence });
  expect(suspended).toMatchObject({ status: 200, body: { stage: 'suspendue' } });
  const [person] = await rows(`select p.email from person p join dossier d on d.person_id = p.id where d.id = ?`, [id]);
  await smtp.waitFor((m) => isTo(person.email)(m) && m.subject === 'Votre bourse est suspendue');
  const fromReadModel = await readModelReads();
  const asInstitut = await sys.call('GET', `/cases/${id}`, { token: t.institut });
  expect(await readModelReads()).toBe(fromReadModel + 1); // the page from PostgreSQL, not a query of the workflow
  expect(asInstitut.body).toMatchObject({ stage: 'suspendue', bourse: { evenement: { type: 'absence_non_justifiee', date: TODAY } } });
  expect(asInstitut.body.bourse.echeancier[0]).toEqual({ rang: 1, mois: MOIS, echeance: `${MOIS}-01`, statut: 'verse' });
  expect(asInstitut.body.person.birthDate).toBeUndefined();
  expect((await sys.call('POST', `/cases/${id}/bourse/evenements`, { token: t.institut, body: absence })).status).toBe(409);
  const resumed = await sys.call('POST', `/cases/${id}/bourse/justificatif`, { token: t.institut, body: { justifieLe: TODAY } });
  expect(resumed).toMatchObject({ status: 200, body: { stage: 'attribuee' } });

  // Lists: an institute its students, a CROUS what it sent.
  const mine = await sys.call('GET', `/bourses?annee=${ANNEE}`, { token: t.institut });
  expect(mine.body.items.map((i: any) => i.caseId)).toEqual(expect.arrayContaining([cases.good, cases.csv]));
  expect((await sys.call('GET', `/bourses?annee=${ANNEE}`, { token: t.autreInstitut })).body.items).toEqual([]);
  expect((await sys.call('GET', '/bourses', { token: t.autreCrous })).body.total).toBe(0);
  expect((await sys.call('GET', '/bourses', { token: t.commission })).status).toBe(403);
  expect((await sys.call('GET', '/bourses?pageSize=1000', { token: t.caseworker })).status).toBe(400);
});

test('an emergency aid: the commission sees no identity and decides; indicators by échelon, institute and programme under statistical secrecy', async () => {
  const created = await sys.call('POST', `/cases/${cases.good}/aides-urgence`, { token: t.caseworker,
    body: { montantDemandeCents: 800_00, situation: 'Loyer impayé depuis deux mois.' } });
  expect(created).toMatchObject({ status: 201, body: { stage: 'demande' } });
  const aideId = created.body.caseId;
  expect((await sys.call('GET', `/cases/${aideId}`, { token: t.commission })).status).toBe(403); // not sent to it yet
  await sys.call('POST', `/cases/${aideId}/aide-urgence/evaluation`, { token: t.caseworker, body: { evaluation: 'Étudiante sans ressources ce mois.', propositionCents: 800_00 } });
  const [person] = await rows(`select p.last_name, p.first_name, p.email, to_char(p.birth_date, 'YYYY-MM-DD') as birth, b.dse from person p
    join dossier d on d.person_id = p.id join bourse_dossier b on b.dossier_id = d.id where d.id = ?`, [cases.good]);
  const list = await sys.call('GET', '/aides-urgence/commission', { token: t.commission });
  const fromReadModel = await readModelReads();
  const page = await sys.call('GET', `/cases/${aideId}`, { token: t.commission });
  expect(await readModelReads()).toBe(fromReadModel + 1);
  expect(list.body.items).toEqual([expect.objectContaining({ caseId: aideId, numero: expect.stringMatching(/^AU-\d{6}$/), montantDemandeCents: 800_00 })]);
  expect(page.body).toMatchObject({ stage: 'commission', aideUrgence: { evaluation: 'Étudiante sans ressources ce mois.', propositionCents: 800_00 } });
  for (const secret of [person.last_name, person.email, person.birth, person.dse, 'Loyer impayé']) {
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(page.body)).not.toContain(secret);
  }
  const decided = await sys.call('POST', `/cases/${aideId}/aide-urgence/decision`, { token: t.commission,
    body: { decision: { outcome: 'accordee', montantCents: 800_00 } } });
  expect(decided).toMatchObject({ status: 200, body: { stage: 'accordee' } });
  await smtp.waitFor((m) => isTo(person.email)(m) && m.subject === 'Votre aide d’urgence est accordée');
  expect((await rows(`select kind, amount_cents::int as cents from payment where dossier_id = ?`, [aideId]))).toEqual([{ kind: 'AIDE_URGENCE', cents: 800_00 }]);
  const asCaseworker = await sys.call('GET', `/cases/${aideId}`, { token: t.caseworker });
  expect(asCaseworker.body).toMatchObject({ person: { lastName: person.last_name }, aideUrgence: { situation: 'Loyer impayé depuis deux mois.' } });

  // Holders: 4 more at this institute (5 in all), 1 at another: a cell of 1 is secret, and then the only other cell of that
  // breakdown too (else it could be subtracted from the total); the échelon breakdown and the total are published.
  const lignes = [...Array(4)].map(() => ligne()).concat([ligne({ institutId: orgs.autreInstitut.id, formation: 'aide_soignant' })]);
  const imported = await sys.call('POST', '/bourses/import', { token: t.crous, body: lignes });
  expect(imported.body.importees).toHaveLength(5);
  const decisions: number[] = [];
  for (const { caseId } of imported.body.importees as { caseId: string }[]) { // one after another, as a caseworker decides
    decisions.push((await sys.call('POST', `/cases/${caseId}/bourse/decision`, { token: t.caseworker, body: { decision: { outcome: 'attribuee' } } })).status);
  }
  expect(decisions).toEqual(Array(5).fill(200));
  expect((await sys.call('GET', `/bourses/indicateurs?annee=${ANNEE}`, { token: t.institut })).status).toBe(403);
  expect((await sys.call('GET', '/bourses/indicateurs?annee=2026', { token: t.caseworker })).status).toBe(400);
  const holders = [cases.good, ...imported.body.importees.map((l: any) => l.caseId)];
  await waitFor(async () => (await rows(`select count(*)::int as n from payment where kind = 'BOURSE' and dossier_id in (${holders.map(() => '?').join(', ')})`,
    holders))[0].n === 6);
  const stats = await sys.call('GET', `/bourses/indicateurs?annee=${ANNEE}`, { token: t.ops });
  const byInstitut = Object.fromEntries(stats.body.parInstitut.map((r: any) => [r.key, r]));
  expect(byInstitut[orgs.autreInstitut.id]).toEqual(expect.objectContaining({ boursiers: { value: null, secret: true }, verseCents: { value: null, secret: true } }));
  expect(byInstitut[orgs.institut.id]).toEqual(expect.objectContaining({ boursiers: { value: null, secret: true } })); // secondary secrecy
  expect(stats.body.parFormation.map((r: any) => r.boursiers)).toEqual([{ value: null, secret: true }, { value: null, secret: true }]);
  expect(stats.body.parEchelon).toEqual([expect.objectContaining({ key: '3', boursiers: { value: 6 }, verseCents: { value: 6 * 382_80 } })]);
  expect(stats.body.total).toMatchObject({ boursiers: { value: 6 }, verseCents: { value: 6 * 382_80 }, induCents: { value: 0 } });
  expect(await rows(`select actor from audit_entry where action = 'lecture_indicateurs'`)).toEqual([{ actor: 'ops:ops-1' }]);
});

async function waitFor<T>(read: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

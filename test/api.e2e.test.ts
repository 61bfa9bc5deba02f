/**
 * End to end through HTTP: the API, a worker on the Temporal dev server, PostgreSQL, a real SMTP server
 * and partners' real HTTP endpoints (France Travail fails twice then acknowledges; the Mission Locale
 * never does). Then the proof that no personal data is stored in clear by Temporal.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { toWire } from '../api/routes/codec';
import { codecFromSpec } from '../platform/codec';
import { parcoursWorkflowId } from '../workflows/parcours/messages';
import { newPerson, seedCatalogue, type Catalogue } from './support/fixtures';
import { startPartnerEndpoint, type PartnerEndpoint } from './support/partner-endpoint';
import { isTo, startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { testConfig, uniqueQueue } from './support/config';
import { startSystem, type System } from './support/api';

const SECRET = 'secret-e2e';
const FT_ID = randomUUID();
let sys: System;
let smtp: SmtpCatcher;
let ft: PartnerEndpoint;
let ml: PartnerEndpoint;
let cat: Catalogue;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  [smtp, ft, ml] = await Promise.all([startSmtpCatcher(), startPartnerEndpoint(SECRET, 2), startPartnerEndpoint(SECRET, Infinity)]);
  sys = await startSystem(testConfig({
    SMTP_URL: smtp.url,
    TEMPORAL_TASK_QUEUE: uniqueQueue('e2e'),
    FRANCE_TRAVAIL_ORG_ID: FT_ID,
    PARCOURS_DELAYS: JSON.stringify({ handoffRetryInitial: '200 milliseconds', handoffRetryMaximum: '1 second', handoffAlertAfter: '4 seconds' }),
  }));
  cat = await seedCatalogue(sys.orm, { franceTravail: ft.url, missionLocale: ml.url, secret: SECRET }, FT_ID);
  tokens.caseworker = await sys.token({ sub: 'agent-7', role: 'caseworker', email: 'agent7@normandie.test' });
  tokens.ops = await sys.token({ sub: 'ops-1', role: 'ops' });
  tokens.ml = await sys.token({ sub: 'conseiller-3', role: 'partner', org: cat.missionLocale.id });
  tokens.organisme = await sys.token({ sub: 'formateur-1', role: 'organisme', org: cat.organisme.id });
});

afterAll(async () => {
  await sys?.stop();
  await Promise.all([smtp?.close(), ft?.close(), ml?.close()]);
});

test('a referral goes through positionnement and entry over HTTP; mails are received; handoffs are retried, acknowledged or alerted', async () => {
  const person = newPerson();
  const created = await sys.call('POST', '/referrals', { token: tokens.ml, body: {
    reference: 'ML-E2E-1', person, sensitive: { rqth: true, rsa: false, sousMainDeJustice: false, illettrisme: false }, sessionId: cat.session.id } });
  expect(created).toMatchObject({ status: 201, body: { stage: 'reperage' } });
  const caseId: string = created.body.caseId;

  const scheduledAt = new Date(Date.now() + 86_400_000).toISOString();
  expect((await sys.call('POST', `/cases/${caseId}/positionnement`, { token: tokens.caseworker, body: { scheduledAt } })).body.stage).toBe('positionnement');
  await sys.call('POST', `/cases/${caseId}/positionnement/resultats`, { token: tokens.caseworker, body: { results: { scores: { calcul: 64 }, avis: 'favorable' } } });
  expect((await sys.call('POST', `/cases/${caseId}/decision`, { token: tokens.caseworker, body: { decision: { outcome: 'admis' } } })).body.stage).toBe('admis');
  const entry = await sys.call('POST', `/cases/${caseId}/entree`, { token: tokens.organisme, body: { entryDate: cat.session.startDate } });
  expect(entry).toMatchObject({ status: 200, body: { stage: 'en_formation' } });

  // Mails, in plain French, to the person and the prescriber.
  const admis = await smtp.waitFor((m) => isTo(person.email)(m) && /place en formation est réservée/.test(m.subject ?? ''));
  expect(admis.text).toContain('La formation est gratuite pour vous.');
  // The prescriber gets its own words, and the trainee's replies reach the adviser.
  const toPrescriber = await smtp.waitFor((m) => isTo(cat.missionLocale.contactEmail)(m) && /est admis·e en formation/.test(m.subject ?? ''));
  expect(toPrescriber.text).toContain('que vous avez orientée');
  expect(admis.replyTo?.value[0].address).toBe(admis.text!.match(/\(([^)]+@[^)]+)\)|: (\S+@\S+)\./)?.slice(1).find(Boolean));
  await smtp.waitFor((m) => isTo(person.email)(m) && m.subject === 'Bienvenue en formation');

  // France Travail: 503, 503, then 200, one event id, signed.
  await waitUntil(() => ft.received.some((r) => r.answered === 200));
  expect(ft.received.map((r) => r.answered)).toEqual([503, 503, 200]);
  expect(new Set(ft.received.map((r) => r.eventId)).size).toBe(1);
  expect(ft.received.every((r) => r.signatureValid)).toBe(true);
  // Mission Locale never acknowledges: the referent is alerted, and the deliveries go on.
  const alert = await smtp.waitFor((m) => isTo('instruction.sprfp@normandie.fr')(m) && /Notification non reçue/.test(m.subject ?? ''), 30_000);
  expect(alert.text).toContain('Mission Locale');
  expect(ml.received.length).toBeGreaterThan(1);

  // The partner lists its notifications.
  const notifications = await sys.call('GET', '/notifications', { token: tokens.ml });
  expect(notifications.body.items).toEqual([expect.objectContaining({ type: 'parcours.entree_formation', status: 'pending',
    payload: expect.objectContaining({ data: expect.objectContaining({ dossierId: caseId, referencePrescripteur: 'ML-E2E-1' }) }) })]);

  // Each role sees what it needs.
  const asCaseworker = await sys.call('GET', `/cases/${caseId}`, { token: tokens.caseworker });
  expect(asCaseworker.body).toMatchObject({ stage: 'en_formation', sensitive: { rqth: true }, person: { lastName: person.lastName } });
  expect(asCaseworker.body.history.map((h: { action: string }) => h.action)).toEqual(
    ['creation', 'positionnement_planifie', 'positionnement_resultats', 'decision_admis', 'entree_confirmee']);
  const asPartner = await sys.call('GET', `/cases/${caseId}`, { token: tokens.ml });
  expect(asPartner.body.person.lastName).toBe(person.lastName);
  expect(asPartner.body.sensitive).toBeUndefined();
  const asOps = await sys.call('GET', `/cases/${caseId}`, { token: tokens.ops });
  expect(asOps.body.person).toBeUndefined();
  expect(asOps.body.sensitive).toBeUndefined();
  const audit = await sys.orm.em.fork().getConnection().execute(
    `select actor from audit_entry where dossier_id = ? and action = 'lecture_donnees_sensibles'`, [caseId]);
  expect(audit).toEqual([{ actor: 'caseworker:agent-7' }]);

  // Ops find the case in Temporal by its search attributes, which hold no personal data.
  const query = `SprfpStage = 'en_formation' AND SprfpBassin = 'caen' AND SprfpOrganisme = '${cat.organisme.id}'`;
  await waitUntil(async () => (await sys.client.workflow.count(query)).count >= 1);
  const listed = [];
  for await (const wf of sys.client.workflow.list({ query })) listed.push(wf.workflowId);
  expect(listed).toContain(parcoursWorkflowId(caseId));

  // No personal data in clear in Temporal: neither in the raw history nor in the dev server's SQLite file.
  const raw = new Client({ connection: await Connection.connect({ address: sys.config.TEMPORAL_ADDRESS }) });
  const payloads = payloadsOf(await raw.workflow.getHandle(parcoursWorkflowId(caseId)).fetchHistory());
  await raw.connection.close();
  expect(payloads.length).toBeGreaterThan(10);
  // Only the SDK's own version markers (the patch id, written by Temporal's core, not our data) are plain.
  const plain = payloads.filter((p) => Buffer.from(p.metadata!.encoding!).toString() !== 'binary/encrypted');
  expect(plain.map((p) => JSON.parse(Buffer.from(p.data!).toString()))).toEqual([
    { id: 'projection-echeance', deprecated: false }, { id: 'case-writes-2026', deprecated: false },
    { id: 'parcours-part2-remuneration', deprecated: false }]);
  expect(payloads.length - plain.length).toBeGreaterThan(10);
  const clear = payloads.map((p) => Buffer.from(p.data!).toString('latin1')).join('\n');
  const decoded = (await codecFromSpec(sys.config.TEMPORAL_CODEC_KEYS).decode(payloads)).map((p) => Buffer.from(p.data!).toString()).join('\n');
  expect(decoded).toContain(caseId); // the same bytes, decrypted, do hold the case: the search below can fail
  for (const secret of [person.lastName, person.email, caseId]) expect(clear).not.toContain(secret);
  // The file and its write-ahead log (DEV_SERVER_SQLITE_OPTIONS): what the server wrote to disk.
  const file = process.env.TEST_TEMPORAL_SQLITE!;
  const sqlite = [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');
  expect(sqlite).toContain(parcoursWorkflowId(caseId)); // the file is the right one: ids are in clear there
  for (const secret of [person.lastName, person.email]) expect(sqlite).not.toContain(secret);

  // The codec endpoint (the Web UI's remote codec) decodes for ops only.
  const wire = payloads.slice(0, 1).map(toWire);
  expect((await sys.call('POST', '/codec/decode', { token: tokens.ml, body: { payloads: wire } })).status).toBe(403);
  const viaEndpoint = await sys.call('POST', '/codec/decode', { token: tokens.ops, body: { payloads: wire } });
  expect(Buffer.from(viaEndpoint.body.payloads[0].data, 'base64').toString()).toContain(caseId);
});

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Every payload of a history (inputs, results, update arguments, markers...), wherever it sits, except
 * search attributes: those are plain by design (ids and codes only, checked by the list query above).
 */
function payloadsOf(node: unknown, found: Payload[] = []): Payload[] {
  if (!node || typeof node !== 'object') return found;
  const maybe = node as Payload;
  if (maybe.metadata && maybe.data instanceof Uint8Array) found.push(maybe);
  else {
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'searchAttributes' && !(value instanceof Uint8Array)) payloadsOf(value, found);
    }
  }
  return found;
}

/**
 * Part 1 of the trainee journey on the time-skipping test server: the days of the deadlines are skipped,
 * not waited. Real PostgreSQL, real SMTP server, real partner endpoint.
 */
import { createCase } from '../api/parcours/create-case';
import {
  confirmerEntree, deciderPositionnement, enregistrerPositionnement, etatQuery, planifierPositionnement, retirer,
} from '../workflows/parcours/messages';
import { handoffStatusQuery, handoffWorkflowId } from '../workflows/partner-handoff/messages';
import { newPerson } from './support/fixtures';
import { expectReadModelInStep } from './support/read-model';
import { saveHistory, startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';
import { isTo } from './support/smtp';

let sys: TimeSkippingSystem;
let env: TimeSkippingSystem['env'];
let smtp: TimeSkippingSystem['smtp'];
let franceTravail: TimeSkippingSystem['franceTravail'];
let catalogue: TimeSkippingSystem['catalogue'];
let ctx: TimeSkippingSystem['ctx'];
let orm: TimeSkippingSystem['orm'];

const caseworker = 'caseworker:agent-12';
const delays = { handoffRetryInitial: '100 milliseconds', handoffRetryMaximum: '1 second', handoffAlertAfter: '72 hours' } as const;

beforeAll(async () => {
  sys = await startTimeSkippingSystem('parcours-ts', { franceTravailFailures: 2 });
  ({ env, smtp, franceTravail, catalogue, ctx, orm } = sys);
});

afterAll(() => sys?.stop());

const handle = (caseId: string) => sys.handle(caseId);
const dbRow = (sql: string, params: unknown[]) => sys.row(sql, params);

test('repérage → alert after 15 idle days → positionnement → admis → entrée: mails, seat, contract, France Travail handoff retried until acknowledged', async () => {
  const person = newPerson();
  const { caseId } = await createCase(ctx, { person, sessionId: catalogue.session.id, prescripteurId: catalogue.missionLocale.id,
    prescripteurReference: 'ML-2026-0001', referentEmail: 'agent12@normandie.test', actor: caseworker, delays });
  expect((await handle(caseId).query(etatQuery)).stage).toBe('reperage');

  // Nobody plans the positionnement: after 15 days (skipped), the referent is alerted, once.
  await env.sleep('16 days');
  const alert = await smtp.waitFor((m) => isTo('agent12@normandie.test')(m) && /en attente/.test(m.subject ?? ''));
  expect(alert.text).toContain('planifier le positionnement');
  expect((await handle(caseId).query(etatQuery)).deadlines).toEqual([expect.objectContaining({ kind: 'positionnement', status: 'alerted' })]);

  const scheduledAt = new Date(Date.now() + 17 * 86_400_000).toISOString();
  let state = await handle(caseId).executeUpdate(planifierPositionnement, { args: [{ actor: caseworker, scheduledAt }] });
  expect(state.stage).toBe('positionnement');
  expect(state.deadlines[0]).toMatchObject({ kind: 'positionnement', status: 'pending' });
  await smtp.waitFor((m) => isTo(person.email)(m) && m.subject === 'Votre rendez-vous de positionnement');

  await handle(caseId).executeUpdate(enregistrerPositionnement, { args: [{ actor: caseworker, results: { scores: { francais: 72 }, avis: 'favorable' } }] });
  state = await handle(caseId).executeUpdate(deciderPositionnement, { args: [{ actor: caseworker, decision: { outcome: 'admis' } }] });
  expect(state.stage).toBe('admis');
  await smtp.waitFor((m) => isTo(person.email)(m) && /place en formation est réservée/.test(m.subject ?? ''));
  await smtp.waitFor((m) => isTo(catalogue.missionLocale.contactEmail)(m) && /est admis·e en formation/.test(m.subject ?? ''));
  expect(await dbRow('select session_id from seat_reservation where dossier_id = ?', [caseId])).toEqual({ session_id: catalogue.session.id });

  const today = state.history[state.history.length - 1].at.slice(0, 10);
  state = await handle(caseId).executeUpdate(confirmerEntree, { args: [{ actor: `organisme:${catalogue.organisme.id}`, entryDate: today }] });
  expect(state.stage).toBe('en_formation');
  expect(state.history.map((h) => h.action)).toEqual([
    'creation', 'positionnement_planifie', 'positionnement_resultats', 'decision_admis', 'entree_confirmee',
  ]);
  expect(await dbRow('select entry_date::text, text_version from contrat_engagement where dossier_id = ?', [caseId]))
    .toEqual({ entry_date: today, text_version: '2026-01' });
  expect(await dbRow('select stage, stage_seq from dossier where id = ?', [caseId])).toEqual({ stage: 'en_formation', stage_seq: 5 });
  expect((await dbRow('select count(*)::int as n from audit_entry where dossier_id = ? and seq is not null', [caseId])).n).toBe(5);
  await expectReadModelInStep(sys.rows, handle(caseId), etatQuery, caseId); // the case page's read model, part 1 over

  // France Travail answers 503 twice, then 200: three posts of ONE event, each signed.
  const ftEvent = await dbRow(`select event_id from partner_event where dossier_id = ? and organisation_id = ?`, [caseId, catalogue.franceTravail.id]);
  const status = await ctx.client.workflow.getHandle(handoffWorkflowId(ftEvent.event_id)).result();
  expect(status).toMatchObject({ acknowledged: true, alerted: false });
  expect(franceTravail.received.map((r) => r.answered)).toEqual([503, 503, 200]);
  expect(new Set(franceTravail.received.map((r) => r.body.id))).toEqual(new Set([ftEvent.event_id]));
  expect(franceTravail.received.every((r) => r.signatureValid)).toBe(true);
  expect(franceTravail.received[2].body).toMatchObject({ type: 'parcours.entree_formation', version: 1,
    data: { dossierId: caseId, personne: { nom: person.lastName } } });

  // The Mission Locale has no endpoint: after 72 h without acknowledgement the referent is alerted.
  const mlEvent = await dbRow(`select event_id from partner_event where dossier_id = ? and organisation_id = ?`, [caseId, catalogue.missionLocale.id]);
  await env.sleep('73 hours');
  await smtp.waitFor((m) => isTo('agent12@normandie.test')(m) && /Notification non reçue/.test(m.subject ?? ''));
  expect(await ctx.client.workflow.getHandle(handoffWorkflowId(mlEvent.event_id)).query(handoffStatusQuery))
    .toMatchObject({ acknowledged: false, alerted: true });

  // Every mail of the case was sent once, even though activities may retry.
  const keys = await orm.em.fork().getConnection().execute(`select count(*)::int as n, count(distinct message_id)::int as d from sent_mail where dossier_id = ?`, [caseId]);
  expect(keys[0].n).toBe(keys[0].d);
  expect(smtp.mails.filter((m) => isTo(person.email)(m) && m.subject === 'Bienvenue en formation')).toHaveLength(1);

  // Keep this run's history: test/replay.test.ts replays it (and the committed ones) against the current code.
  saveHistory('parcours-part1-journey', await handle(caseId).fetchHistory());
});

test('a full session refuses the admission (409 type), a withdrawal frees the seat, a refusal closes with its reason', async () => {
  const first = await createCase(ctx, { person: newPerson(), sessionId: catalogue.petiteSession.id, actor: caseworker, referentEmail: 'agent12@normandie.test', delays });
  const second = await createCase(ctx, { person: newPerson(), sessionId: catalogue.petiteSession.id, actor: caseworker, referentEmail: 'agent12@normandie.test', delays });
  for (const { caseId } of [first, second]) {
    await handle(caseId).executeUpdate(planifierPositionnement, { args: [{ actor: caseworker, scheduledAt: new Date().toISOString() }] });
    await handle(caseId).executeUpdate(enregistrerPositionnement, { args: [{ actor: caseworker, results: { scores: {}, avis: 'favorable' } }] });
  }
  await handle(first.caseId).executeUpdate(deciderPositionnement, { args: [{ actor: caseworker, decision: { outcome: 'admis' } }] });
  await expect(handle(second.caseId).executeUpdate(deciderPositionnement, { args: [{ actor: caseworker, decision: { outcome: 'admis' } }] }))
    .rejects.toMatchObject({ cause: { type: 'SessionFull' } });
  expect((await handle(second.caseId).query(etatQuery)).stage).toBe('positionnement');

  const closed = await handle(first.caseId).executeUpdate(retirer, { args: [{ actor: caseworker, motif: 'a trouvé un emploi' }] });
  expect(closed).toMatchObject({ stage: 'clos', closure: { reason: 'desistement' } });
  expect(await handle(first.caseId).result()).toMatchObject({ stage: 'clos' });
  expect(await dbRow('select open, closed_reason from dossier where id = ?', [first.caseId])).toEqual({ open: false, closed_reason: 'desistement' });

  // The freed seat goes to the second case.
  expect((await handle(second.caseId).executeUpdate(deciderPositionnement, { args: [{ actor: caseworker, decision: { outcome: 'admis' } }] })).stage).toBe('admis');

  const third = await createCase(ctx, { person: newPerson(), sessionId: catalogue.session.id, actor: caseworker, referentEmail: 'agent12@normandie.test', delays });
  await handle(third.caseId).executeUpdate(planifierPositionnement, { args: [{ actor: caseworker, scheduledAt: new Date().toISOString() }] });
  await expect(handle(third.caseId).executeUpdate(deciderPositionnement, { args: [{ actor: caseworker, decision: { outcome: 'admis' } }] }))
    .rejects.toMatchObject({ cause: { type: 'ActionNotAllowed' } });
  await handle(third.caseId).executeUpdate(enregistrerPositionnement, { args: [{ actor: caseworker, results: { scores: {}, avis: 'defavorable' } }] });
  const refused = await handle(third.caseId).executeUpdate(deciderPositionnement, {
    args: [{ actor: caseworker, decision: { outcome: 'refuse', reason: 'prerequis_non_atteints' } }] });
  expect(refused).toMatchObject({ stage: 'clos', closure: { reason: 'refuse', detail: 'prerequis_non_atteints' } });
});

test('admitted but no entry confirmed: the referent is alerted 2 days after the first day; a redirection moves the case to another session', async () => {
  const { caseId } = await createCase(ctx, { person: newPerson(), sessionId: catalogue.session.id, actor: caseworker, referentEmail: 'agent-entree@normandie.test', delays });
  await handle(caseId).executeUpdate(planifierPositionnement, { args: [{ actor: caseworker, scheduledAt: new Date().toISOString() }] });
  await handle(caseId).executeUpdate(enregistrerPositionnement, { args: [{ actor: caseworker, results: { scores: {}, avis: 'reserve' } }] });
  const state = await handle(caseId).executeUpdate(deciderPositionnement, {
    args: [{ actor: caseworker, decision: { outcome: 'reoriente', sessionId: catalogue.autreSession.id } }] });
  expect(state.stage).toBe('admis');
  expect(state.history.at(-1)).toMatchObject({ action: 'decision_reoriente', detail: { sessionId: catalogue.autreSession.id } });
  expect(await dbRow('select session_id from parcours_dossier where dossier_id = ?', [caseId])).toEqual({ session_id: catalogue.autreSession.id });

  await env.sleep('4 days');
  const alert = await smtp.waitFor((m) => isTo('agent-entree@normandie.test')(m) && /en attente/.test(m.subject ?? ''));
  expect(alert.text).toContain('confirmation de l’entrée');
});

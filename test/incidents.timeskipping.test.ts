/**
 * No case may get stuck (issue 8 §2). On the time-skipping server, with the real worker, PostgreSQL and SMTP:
 * - the exact input that once hung a case forever (scheduledAt in year 0187, offset +23:42) is refused by the
 *   workflow's validator, and the database's own refusal of such data is a business failure, never a retry;
 * - an activity that keeps failing (here a PostgreSQL trigger refuses the write) ends its bounded retries and
 *   becomes an incident: the case shows it, the referent and ops are told once, and the ops action (signal)
 *   makes it try again once the cause is gone; the case never fails;
 * - a partner handoff that can never be delivered fails visibly (the workflow fails) after alerting the referent.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ActivityExecuteInput } from '@temporalio/worker';
import { createActivities } from '../activities';
import { activityFailureInterceptor } from '../activities/case/failure-interceptor';
import { loadCaseFor } from '../api/case/access';
import { caseView } from '../api/case/view';
import { createCase } from '../api/parcours/create-case';
import { Organisation } from '../db/entities';
import { createMailer } from '../platform/mailer';
import { partnerHandoff } from '../workflows';
import { handoffWorkflowId } from '../workflows/partner-handoff/messages';
import { reprendreApresIncident } from '../workflows/case/messages';
import { enregistrerPositionnement, etatQuery, parcoursWorkflowId, planifierPositionnement } from '../workflows/parcours/messages';
import { eventually } from './support/journey';
import { newPerson } from './support/fixtures';
import { startPartnerEndpoint } from './support/partner-endpoint';
import { isTo } from './support/smtp';
import { startTimeSkippingSystem, type TimeSkippingSystem } from './support/timeskipping';

let sys: TimeSkippingSystem;
const CASEWORKER = 'caseworker:agent-incidents';
const REFERENT = 'referent-incidents@normandie.test';
const EXACT_INPUT = '0187-03-01T10:00:00+23:42';

beforeAll(async () => {
  sys = await startTimeSkippingSystem('incidents-ts');
});
afterAll(() => sys?.stop());

const newCase = async (): Promise<string> => (await createCase(sys.ctx, { person: newPerson(), sessionId: sys.catalogue.session.id,
  actor: CASEWORKER, referentEmail: REFERENT })).caseId;

test('the exact input of the stuck case: refused at once by the workflow, and the next action goes through', async () => {
  const caseId = await newCase();
  const update = sys.handle(caseId).executeUpdate(planifierPositionnement, { args: [{ actor: CASEWORKER, scheduledAt: EXACT_INPUT }] });
  const refused = await update.then(() => null, (err: unknown) => err);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((refused as Error).cause).toMatchObject({ type: 'InvalidArgument' });
  const state = await sys.handle(caseId).executeUpdate(planifierPositionnement, { args: [{ actor: CASEWORKER, scheduledAt: '2026-12-01T09:30:00+01:00' }] });
  expect(state.stage).toBe('positionnement');
});

test('an impossible date reaching an activity, or the database, fails it for good (InvalidArgument), with no value in the message', async () => {
  const caseId = await newCase();
  const { savePositionnementPlan, recordContrat } = createActivities({ orm: sys.orm, mailer: createMailer(sys.ctx.config.SMTP_URL), mailFrom: 'x@y.test',
    alertMailbox: REFERENT, opsMailbox: 'ops@normandie.test', publicBaseUrl: 'http://localhost' });
  const { inbound } = activityFailureInterceptor();
  const input = { args: [], headers: {} } as ActivityExecuteInput;
  const refused = await inbound.execute!(input, () => savePositionnementPlan({ caseId, scheduledAt: EXACT_INPUT })).catch((e: unknown) => e);
  expect(refused).toMatchObject({ type: 'InvalidArgument', nonRetryable: true });
  // Bypassing every validation on purpose: PostgreSQL itself refuses 30 February (SQLSTATE 22008).
  const failure = await inbound.execute!(input, () => recordContrat({ caseId, entryDate: '2026-02-30', confirmedBy: 'organisme:x', signedAt: new Date().toISOString() }))
    .catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: 'InvalidArgument', nonRetryable: true });
  expect((failure as Error).message).not.toContain('2026-02-30');
});

test('an activity that keeps failing: incident shown, referent and ops told once, repaired by the ops signal; the case goes on', async () => {
  const caseId = await newCase();
  await sys.rows(`create or replace function refuse_positionnement() returns trigger language plpgsql as $$
    begin if new.dossier_id = '${caseId}' then raise exception 'panne simulée'; end if; return new; end $$`, []);
  await sys.rows(`create trigger refuse_positionnement before insert or update on positionnement for each row execute function refuse_positionnement()`, []);
  try {
    const pending = sys.handle(caseId).executeUpdate(planifierPositionnement, { args: [{ actor: CASEWORKER, scheduledAt: '2026-12-01T09:30:00+01:00' }] });
    pending.catch(() => undefined);
    await sys.env.sleep('20 minutes'); // the bounded retries (about 5 minutes of backoff) run out
    const incident = await eventually(() => sys.row(`select incident_since, incident_detail, incident_workflow_id from dossier where id = ?`, [caseId]),
      (row) => row.incident_since !== null);
    expect(incident.incident_detail).toMatch(/^savePositionnementPlan : /);
    expect(incident.incident_workflow_id).toBe(parcoursWorkflowId(caseId));
    await sys.smtp.waitFor((m) => isTo(REFERENT)(m) && /Incident sur le dossier/.test(m.subject ?? ''));
    await sys.smtp.waitFor((m) => isTo(sys.ctx.config.OPS_MAILBOX)(m) && /Incident sur le dossier/.test(m.subject ?? ''));
    const em = sys.orm.em.fork();
    const view = await caseView(em as never, sys.ctx.client, { sub: 'ops-1', role: 'ops' }, await loadCaseFor(em as never, { sub: 'ops-1', role: 'ops' }, caseId));
    expect(view.incident).toMatchObject({ detail: expect.stringMatching(/^savePositionnementPlan/) });
    expect((await sys.handle(caseId).query(etatQuery)).stage).toBe('reperage'); // nothing half-done
  } finally {
    await sys.rows(`drop trigger if exists refuse_positionnement on positionnement`, []);
  }
  await sys.handle(caseId).signal(reprendreApresIncident);
  await eventually(() => sys.row(`select incident_since from dossier where id = ?`, [caseId]), (row) => row.incident_since === null);
  await eventually(async () => (await sys.handle(caseId).query(etatQuery)).stage, (stage) => stage === 'positionnement');
  // The case goes on as usual, and its alerts went out once each.
  const state = await sys.handle(caseId).executeUpdate(enregistrerPositionnement, { args: [{ actor: CASEWORKER, results: { scores: {}, avis: 'favorable' } }] });
  expect(state.history.map((h) => h.action)).toEqual(['creation', 'positionnement_planifie', 'positionnement_resultats']);
  expect(sys.smtp.to(sys.ctx.config.OPS_MAILBOX).filter((m) => (m.subject ?? '').includes(caseId))).toHaveLength(1);
});

test('a handoff no retry can deliver (the partner answers 410 Gone): the referent is alerted and the handoff fails visibly', async () => {
  const caseId = await newCase();
  const gone = await startPartnerEndpoint('secret-gone', Infinity, 410);
  try {
    const em = sys.orm.em.fork();
    const partner = em.create(Organisation, { id: randomUUID(), kind: 'mission_locale', name: 'Mission Locale fermée', contactEmail: 'ml-fermee@partenaire.test',
      webhookUrl: gone.url, webhookSecret: 'secret-gone' });
    await em.flush();
    const eventId = randomUUID();
    const handoff = await sys.ctx.client.workflow.start(partnerHandoff, {
      workflowId: handoffWorkflowId(eventId), taskQueue: sys.ctx.config.TEMPORAL_TASK_QUEUE,
      args: [{ eventId, caseId, type: 'parcours.entree_formation', target: { organisationId: partner.id }, occurredAt: new Date().toISOString(),
        alertAfter: '72 hours', retryInitial: '1 second', retryMaximum: '1 minute' }],
    });
    const failure = await handoff.result().then(() => null, (err: Error) => err);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as Error).cause).toMatchObject({ type: 'Undeliverable' });
    await sys.smtp.waitFor((m) => isTo(REFERENT)(m) && /Notification non reçue par Mission Locale fermée/.test(m.subject ?? ''));
    expect(gone.received).toHaveLength(1); // never retried
  } finally {
    await gone.close();
  }
});

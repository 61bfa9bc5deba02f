/**
 * What the chaos run must find once the faults are over, from the records themselves (the ledger, sent_mail,
 * the SMTP server, Temporal):
 *   - exactly one MENSUEL payment per case for the month, and none twice;
 *   - every amount exactly what the pure pay rules give (domain/remuneration, same inputs);
 *   - one statement mail per case, by Message-ID, received by the SMTP server;
 *   - no workflow failed, terminated or timed out; none stuck (a workflow task failing again and again, an
 *     activity still pending, an incident on its case).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { computeMonthlyRemuneration } from '../domain/remuneration';
import { DEFAULT_REMUNERATION_PARAMETERS } from '../domain/remuneration/parameters';
import { parcoursWorkflowId } from '../workflows/parcours/messages';
import type { MessageIdSink } from './message-id-sink';
import type { Seeded } from './payrun-setup';
import { payRunCalendar } from './payrun-setup';
import { forEachBounded } from './util';

/** The statement of case number i: absences vary, so amounts differ from case to case. */
export const statementOf = (i: number, period: string) =>
  ({ period, scheduledMinutes: 8400, unjustifiedAbsenceMinutes: (i % 7) * 90, indemnitesJournalieresCents: 0 });

export function expectedNetCents(seeded: Seeded, i: number, period: string): number {
  const { entryDate } = payRunCalendar();
  const s = statementOf(i, period);
  return computeMonthlyRemuneration({
    month: period, decision: seeded.decision, trainingStart: entryDate, trainingEnd: seeded.cases[i].session.endDate, rythme: 'temps_plein',
    scheduledMinutes: s.scheduledMinutes, unjustifiedAbsenceMinutes: s.unjustifiedAbsenceMinutes, indemnitesJournalieresCents: 0,
  }, DEFAULT_REMUNERATION_PARAMETERS).netCents;
}

export interface ChaosFindings {
  payments: number;
  cases_without_payment: number;
  duplicate_payments: number;
  wrong_amounts: number;
  statement_mails: number;
  cases_without_statement_mail: number;
  duplicate_statement_mail_rows: number;
  mails_resent_same_message_id: number;
  failed_workflows: number;
  stuck_workflows: number;
  /** The stuck ones (at most 5), with what they wait for. */
  stuck: Busy[];
  incidents: number;
}

/** Longer than an activity's start-to-close (at most 1 minute) and its first retries: a killed attempt has been retried by then. */
const SETTLE_MS = 180_000;

export async function checkChaos(orm: MikroORM, client: Client, seeded: Seeded, period: string, sink: MessageIdSink): Promise<ChaosFindings> {
  const em = orm.em.fork();
  const payments: { dossier_id: string; n: number; cents: string }[] = await em.execute(`select p.dossier_id, count(*)::int as n, max(p.amount_cents)::text as cents
    from payment p join dossier d on d.id = p.dossier_id where d.created_by = ? and p.kind = 'MENSUEL' and p.period = ? group by p.dossier_id`,
  [seeded.createdBy, period]);
  const byCase = new Map(payments.map((p) => [p.dossier_id, p]));
  const wrong = seeded.cases.filter((c, i) => {
    const row = byCase.get(c.caseId);
    return row !== undefined && Number(row.cents) !== expectedNetCents(seeded, i, period);
  });
  const mails: { dossier_id: string; message_id: string }[] = await em.execute(`select m.dossier_id, m.message_id from sent_mail m
    join dossier d on d.id = m.dossier_id where d.created_by = ? and m.template = 'releve_mensuel' and m.status = 'sent'`, [seeded.createdBy]);
  const mailsByCase = new Map<string, string[]>();
  for (const m of mails) mailsByCase.set(m.dossier_id, [...(mailsByCase.get(m.dossier_id) ?? []), m.message_id]);
  const [incidents] = await em.execute(`select count(*)::int as n from dossier where created_by = ? and incident_since is not null`, [seeded.createdBy]);
  const { failed, stuck } = await workflowHealth(client, seeded, SETTLE_MS);
  return {
    payments: payments.reduce((sum, p) => sum + p.n, 0),
    cases_without_payment: seeded.cases.filter((c) => !byCase.has(c.caseId)).length,
    duplicate_payments: payments.filter((p) => p.n > 1).length,
    wrong_amounts: wrong.length,
    statement_mails: mails.filter((m) => sink.received.has(m.message_id)).length,
    cases_without_statement_mail: seeded.cases.filter((c) => !(mailsByCase.get(c.caseId) ?? []).some((id) => sink.received.has(id))).length,
    duplicate_statement_mail_rows: [...mailsByCase.values()].filter((ids) => ids.length > 1).length,
    mails_resent_same_message_id: [...sink.received.values()].filter((n) => n > 1).length,
    failed_workflows: failed,
    stuck_workflows: stuck.length,
    stuck: stuck.slice(0, 5),
    incidents: incidents.n,
  };
}

/** A workflow still busy at the check: its id and what it waits for (no personal data: ids and activity names). */
export interface Busy { workflowId: string; workflowTaskAttempt: number; pendingActivities: string[] }

/**
 * Every case's workflow: running (it waits for next month), no workflow task retried, no activity pending. A
 * workflow busy at the first look may only be finishing an attempt whose worker was killed (up to an activity's
 * start-to-close timeout, then its retry): it is looked at again until `settleMs` has passed, and only one still
 * busy then counts as stuck, named with what it waits for.
 */
export async function workflowHealth(client: Client, seeded: Seeded, settleMs: number): Promise<{ failed: number; stuck: Busy[] }> {
  let failed = 0;
  let pending = seeded.cases.map((c) => parcoursWorkflowId(c.caseId));
  let busy: Busy[] = [];
  const until = Date.now() + settleMs;
  for (;;) {
    busy = [];
    await forEachBounded(pending, 16, async (workflowId) => {
      const { status, raw } = await client.workflow.getHandle(workflowId).describe();
      if (status.name !== 'RUNNING' && status.name !== 'COMPLETED' && status.name !== 'CONTINUED_AS_NEW') failed += 1;
      else if ((raw.pendingWorkflowTask?.attempt ?? 0) > 1 || (raw.pendingActivities?.length ?? 0) > 0) {
        busy.push({ workflowId, workflowTaskAttempt: raw.pendingWorkflowTask?.attempt ?? 0,
          pendingActivities: (raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} attempt ${a.attempt} ${a.lastFailure?.message ?? ''}`.trim()) });
      }
    });
    pending = busy.map((b) => b.workflowId);
    if (busy.length === 0 || Date.now() > until) return { failed, stuck: busy };
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

/**
 * What the case page shows, read through the API's services: the access check (loadCaseFor), the case view
 * (caseView, without the sensitive data: they are shown on request), then the records of the case the role may
 * see: payments and overpayments, mails and partner events (caseworkers; a partner its own events).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth';
import { loadCaseFor } from '../../case/access';
import { caseView } from '../../case/view';
import type { ApiContext } from '../../context';
import { workflowIdOf } from '../../../domain/case/process';
import { consoleActionOf, type Choices } from './actions';
import { assignmentOf } from './assignment';

export interface CaseRecords {
  payments: { reference: string; kind: string; period: string | null; amount_cents: string; payment_file_id: string | null; issued_at: Date }[];
  overpayments: { reference: string; period: string | null; amount_cents: string; reason: string; status: string }[];
  mails: { template: string; status: string; sent_at: Date | null }[];
  events: { event_id: string; type: string; version: number; status: string; organisation: string; created_at: Date; acknowledged_at: Date | null }[];
}

export type CaseViewData = Awaited<ReturnType<typeof caseView>> & Record<string, unknown>;

export interface CasePageData {
  view: CaseViewData;
  records: CaseRecords;
  assignment: { assignedTo: string | null; followed: boolean } | null;
  version: { workflowType: string; startedAt: string; historyLength: number } | null;
  /** Options from the database of the forms shown (organisations...), by action. */
  choices: Record<string, Choices>;
}

export async function loadCasePage(ctx: ApiContext, principal: Principal, caseId: string): Promise<CasePageData> {
  const em = ctx.orm.em.fork() as EntityManager;
  const loaded = await loadCaseFor(em, principal, caseId);
  const view = await caseView(em, ctx.client, principal, loaded, { sensitive: false }) as CaseViewData;
  const caseworker = principal.role === 'caseworker';
  const forms = view.allowedActions.map((a) => consoleActionOf(view.process, a.action)).filter((a) => a?.choices && a.roles.includes(principal.role));
  const [records, assignment, version, choices] = await Promise.all([
    recordsOf(em, principal, caseId),
    caseworker ? assignmentOf(em, principal, caseId) : null,
    caseworker ? versionOf(ctx, workflowIdOf(loaded.process.definition, caseId)) : null,
    Promise.all(forms.map(async (a) => [a!.action, await a!.choices!(ctx.orm.em.fork() as EntityManager)] as const)),
  ]);
  return { view, records, assignment, version, choices: Object.fromEntries(choices) };
}

async function recordsOf(em: EntityManager, principal: Principal, caseId: string): Promise<CaseRecords> {
  const none: CaseRecords = { payments: [], overpayments: [], mails: [], events: [] };
  if (principal.role === 'partner') {
    return { ...none, events: await em.execute(`select e.event_id, e.type, e.version, e.status, o.name as organisation, e.created_at, e.acknowledged_at
      from partner_event e join organisation o on o.id = e.organisation_id where e.dossier_id = ? and e.organisation_id = ? order by e.created_at`, [caseId, principal.org]) };
  }
  if (principal.role !== 'caseworker') return none;
  const [payments, overpayments, mails, events] = await Promise.all([
    em.execute('select reference, kind, period, amount_cents, payment_file_id, issued_at from payment where dossier_id = ? order by issued_at, reference', [caseId]),
    em.execute('select reference, period, amount_cents, reason, status from overpayment where dossier_id = ? order by created_at', [caseId]),
    em.execute('select template, status, sent_at from sent_mail where dossier_id = ? order by sent_at nulls last', [caseId]),
    em.execute(`select e.event_id, e.type, e.version, e.status, o.name as organisation, e.created_at, e.acknowledged_at
      from partner_event e join organisation o on o.id = e.organisation_id where e.dossier_id = ? order by e.created_at`, [caseId]),
  ]);
  return { payments, overpayments, mails, events } as CaseRecords;
}

/** The version of the process the case runs: its workflow type and when its current run began. */
async function versionOf(ctx: ApiContext, workflowId: string): Promise<CasePageData['version']> {
  const d = await ctx.client.workflow.getHandle(workflowId).describe();
  return { workflowType: d.type, startedAt: d.startTime.toISOString(), historyLength: d.historyLength };
}

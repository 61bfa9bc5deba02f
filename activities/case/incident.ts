/**
 * The incidents of cases (workflows/case/incidents.ts): projected on the case row, where the case page, the
 * health check and ops' lists read them, and told once to the referent and to ops.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier, PartnerEvent } from '../../db/entities';
import { logger } from '../../platform/logger';
import type { ActivityDeps } from '../deps';
import { mailActivities } from './mail';
import type { CaseProcessModule } from './process-module';

export interface IncidentReport {
  workflowId: string;
  activityType: string;
  /** The failure's message: an activity's error, never personal data (activities put ids in them). */
  reason: string;
  /** true: the incident begins (or goes on); false: the failing call is being tried again. */
  open: boolean;
}

const UUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The case of a workflow: `<process>-<case id>`, or `handoff-<event id>` whose event names its case. */
async function caseOf(em: EntityManager, workflowId: string): Promise<string | null> {
  const id = UUID_AT_END.exec(workflowId)?.[1];
  if (!id) return null;
  if (await em.count(Dossier, { id })) return id;
  return (await em.findOne(PartnerEvent, { eventId: id }))?.dossierId ?? null;
}

export function incidentActivities(deps: ActivityDeps, modules: ReadonlyMap<string, CaseProcessModule>) {
  const mail = mailActivities(deps, modules);
  return {
    async recordIncident(report: IncidentReport): Promise<void> {
      const em = deps.orm.em.fork() as EntityManager;
      const caseId = await caseOf(em, report.workflowId);
      if (!caseId) return void logger.error({ workflowId: report.workflowId, activityType: report.activityType }, 'incident without a case');
      if (!report.open) {
        await em.nativeUpdate(Dossier, { id: caseId, incidentWorkflowId: report.workflowId }, { incidentSince: null, incidentWorkflowId: null, incidentDetail: null });
        return;
      }
      await em.nativeUpdate(Dossier, { id: caseId, incidentSince: null }, {
        incidentSince: new Date(), incidentWorkflowId: report.workflowId, incidentDetail: `${report.activityType} : ${report.reason}`.slice(0, 400),
      });
      const { incidentSince } = await em.findOneOrFail(Dossier, { id: caseId }, { fields: ['incidentSince'] });
      logger.warn({ caseId, workflowId: report.workflowId, activityType: report.activityType }, 'case incident');
      await alert(mail.sendMail, caseId, report, incidentSince!.toISOString());
    },
  };
}

/** Once per incident (the key holds its start): the referent and ops. A mail server down must not stop the report. */
async function alert(send: ReturnType<typeof mailActivities>['sendMail'], caseId: string, report: IncidentReport, since: string): Promise<void> {
  for (const to of ['referent', 'ops']) {
    try {
      await send({ key: `${report.workflowId}:incident:${since}:${to}`, caseId, template: 'alerte_incident', to,
        params: { what: report.activityType, since } });
    } catch (err) {
      logger.warn({ caseId, to, err: (err as Error).message }, 'incident alert not sent');
    }
  }
}

/**
 * The ops action on an incident (docs/RUNNING.md, "Incidents"): once the cause is fixed (the database or the
 * mail server is back, a bug is deployed away), ops tell the stuck workflow to try its activity again now.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { reprendreApresIncident } from '../../workflows/case/messages';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { routeDefiner } from '../route';
import { CaseParams } from '../schemas';
import { loadCaseFor } from './access';

const Resumed = z.object({ caseId: z.string().uuid(), workflowId: z.string(), detail: z.string() }).meta({ id: 'RepriseIncident' });

export function incidentRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'post', path: '/cases/:caseId/incident/reprise', tag: 'Exploitation',
    summary: 'Relancer l’opération bloquée d’un dossier en incident (après correction de la cause)', roles: ['ops'], params: CaseParams,
    ok: { status: 202, schema: Resumed, description: 'Le dossier réessaie son opération ; l’incident disparaît quand elle réussit' } },
  async ({ params, principal }) => {
    const { dossier } = await loadCaseFor(ctx.orm.em.fork() as EntityManager, principal, params.caseId);
    if (!dossier.incidentWorkflowId) throw new HttpError(409, 'ce dossier n’a pas d’incident en cours');
    await ctx.client.workflow.getHandle(dossier.incidentWorkflowId).signal(reprendreApresIncident);
    return { caseId: dossier.id, workflowId: dossier.incidentWorkflowId, detail: dossier.incidentDetail ?? '' };
  });
}

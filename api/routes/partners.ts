/** Partners (and every organisation that receives handoff events): read and acknowledge their notifications. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { PartnerEvent } from '../../db/entities';
import { acquitter, handoffWorkflowId } from '../../workflows/partner-handoff/messages';
import type { Principal } from '../auth';
import type { ApiContext } from '../context';
import { WorkflowNotFoundError } from '@temporalio/client';
import { forbidden, HttpError, notFound } from '../errors';
import { routeDefiner } from '../route';
import { EventParams, NotificationListSchema, NotificationsQuery } from '../schemas';
import { z } from 'zod';

const orgOf = (p: Principal): string => {
  if (p.role !== 'partner') throw forbidden();
  return p.org;
};

/**
 * The handoff workflow must hear of the acknowledgement, or it would alert the referent for nothing. A handoff
 * already finished has nothing to hear; any other failure is a 503 the partner retries (the route is idempotent).
 */
async function tellHandoff(ctx: ApiContext, eventId: string): Promise<void> {
  try {
    await ctx.client.workflow.getHandle(handoffWorkflowId(eventId)).signal(acquitter);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    throw new HttpError(503, 'accusé enregistré, mais le suivi de l’événement n’a pu être prévenu : renvoyez le même accusé dans un moment');
  }
}

export function partnerRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;
  const route = routeDefiner(router, registry);

  route({ method: 'get', path: '/notifications', tag: 'Partenaires', summary: 'Les notifications (événements) adressées à mon organisation',
    roles: ['partner'], query: NotificationsQuery, ok: { status: 200, schema: NotificationListSchema, description: 'Événements' } },
  async ({ query, principal }) => {
    const events = await em().find(PartnerEvent, { organisation: orgOf(principal), ...(query.status ? { status: query.status } : {}) },
      { orderBy: { createdAt: 'asc', eventId: 'asc' }, limit: 500 });
    return {
      items: events.map((e) => ({ eventId: e.eventId, type: e.type, version: e.version, status: e.status, attempts: e.attempts,
        createdAt: e.createdAt.toISOString(), payload: e.payload })),
    };
  });

  route({ method: 'post', path: '/notifications/:eventId/ack', tag: 'Partenaires', summary: 'Accuser réception d’un événement',
    roles: ['partner'], params: EventParams, designates: { eventId: 'partner_event' }, ok: { status: 200, schema: z.object({ eventId: z.string(), status: z.string() }), description: 'Acquitté' } },
  ({ params, principal }) => acknowledgeEvent(ctx, principal, params.eventId));
}

/** A partner acknowledges an event addressed to its organisation (the API's route and the console's page). */
export async function acknowledgeEvent(ctx: ApiContext, principal: Principal, eventId: string): Promise<{ eventId: string; status: string }> {
  const manager = ctx.orm.em.fork() as EntityManager;
  const event = await manager.findOne(PartnerEvent, { eventId });
  if (!event) throw notFound('événement');
  if (event.organisation.id !== orgOf(principal)) throw forbidden('cet événement est adressé à une autre organisation');
  if (event.status !== 'acknowledged') {
    event.status = 'acknowledged';
    event.acknowledgedAt = new Date();
    await manager.flush();
  }
  await tellHandoff(ctx, event.eventId);
  return { eventId: event.eventId, status: event.status };
}

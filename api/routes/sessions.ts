/** The catalogue of training sessions, which callers need to refer and admit people. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { FormationSession } from '../../db/entities';
import type { ApiContext } from '../context';
import { routeDefiner } from '../route';

const SessionsQuery = z.object({ bassin: z.string().max(60).optional(), dispositif: z.string().max(40).optional() }).strict();
const SessionList = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), organismeId: z.string(), organisme: z.string(), dispositif: z.string(),
    bassin: z.string(), startDate: z.string(), endDate: z.string(), totalHours: z.number(), seats: z.number() })),
}).meta({ id: 'Sessions' });

export function sessionRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'get', path: '/sessions', tag: 'Catalogue', summary: 'Sessions de formation',
    roles: ['caseworker', 'partner', 'organisme', 'ops'], query: SessionsQuery, ok: { status: 200, schema: SessionList, description: 'Sessions' } },
  async ({ query }) => {
    const sessions = await (ctx.orm.em.fork() as EntityManager).find(FormationSession, query, { populate: ['organisme'], orderBy: { startDate: 'asc' }, limit: 500 });
    return { items: sessions.map((s) => ({ id: s.id, title: s.title, organismeId: s.organisme.id, organisme: s.organisme.name,
      dispositif: s.dispositif, bassin: s.bassin, startDate: s.startDate, endDate: s.endDate, totalHours: s.totalHours, seats: s.seats })) };
  });
}

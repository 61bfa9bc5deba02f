/** GET /sur-mesure/indicateurs?from=&to=: the sur-mesure figures, by NAF section and bassin, under statistical secrecy. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { writeAudit } from '../../../activities/case/audit';
import { actorOf } from '../../auth';
import type { ApiContext } from '../../context';
import { routeDefiner } from '../../route';
import { isoDate } from '../../schemas';
import { indicateursReport } from './report';

const Query = z.object({ from: isoDate, to: isoDate }).strict().refine((q) => q.from <= q.to, { message: 'from doit précéder to', path: ['to'] });
const Cell = z.object({ value: z.number().nullable(), secret: z.literal(true).optional() });
const Figures = {
  commandes: Cell, postesEngages: Cell, stagiaires: Cell, controles: Cell, embauchesConformes: Cell,
  tauxEmbaucheConforme: Cell.describe('Part 0–1, 3 décimales'),
};
const Report = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  secrecy: z.object({ threshold: z.number() }),
  definitions: z.record(z.string(), z.string()),
  ...Figures,
  breakdowns: z.object({ nafSection: z.array(z.object({ key: z.string(), ...Figures })), bassin: z.array(z.object({ key: z.string(), ...Figures })) }),
}).meta({ id: 'IndicateursSurMesure' });

export function indicateurRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'get', path: '/sur-mesure/indicateurs', tag: 'Indicateurs',
    summary: 'Sur-mesure : commandes, postes engagés, stagiaires, embauches conformes (nombre et taux), par section NAF et bassin',
    roles: ['caseworker', 'chef_service', 'ops'], query: Query, ok: { status: 200, schema: Report, description: 'Indicateurs de la période' } },
  async ({ query, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const report = await indicateursReport(em, query.from, query.to);
    await writeAudit(em, { operation: 'lecture_indicateurs', actor: actorOf(principal), detail: { process: 'sur_mesure', from: query.from, to: query.to } });
    return report;
  });
}

/**
 * GET /indicators?from=&to=: the figures the Région reports (entries, exits, employment 6 months after
 * exit), for caseworkers and ops. Counts only, under statistical secrecy: no person can be singled out.
 * The aggregation is in api/indicators/.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { apiDate } from '../../dates';
import { writeAudit } from '../../../activities/case/audit';
import { actorOf } from '../../auth';
import type { ApiContext } from '../../context';
import { routeDefiner } from '../../route';
import { indicatorsReport, SECRECY_RULE } from './report';

const isoDate = apiDate();

const IndicatorsQuery = z.object({
  from: isoDate.describe('Début de la période (inclus), AAAA-MM-JJ'),
  to: isoDate.describe('Fin de la période (incluse), AAAA-MM-JJ'),
}).strict().refine((q) => q.from <= q.to, { message: 'from doit précéder to', path: ['to'] });

const Cell = z.object({ value: z.number().nullable(), secret: z.literal(true).optional() })
  .meta({ id: 'CaseStatistique', description: SECRECY_RULE });
const Breakdowns = <T extends z.ZodRawShape>(shape: T) => {
  const row = z.object({ key: z.string(), ...shape });
  return z.object({ dispositif: z.array(row), bassin: z.array(row), gender: z.array(row), public: z.array(row) });
};
const EntriesShape = { total: Cell };
const ExitsShape = { total: Cell, byKind: z.record(z.string(), Cell) };
const OutcomesShape = { total: Cell, answered: Cell, emploi: Cell, emploiRate: Cell.describe('Part 0–1, 3 décimales'), byOutcome: z.record(z.string(), Cell) };

const Indicators = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  secrecy: z.object({ threshold: z.number(), rule: z.string() }),
  definitions: z.record(z.string(), z.string()),
  entries: z.object({ ...EntriesShape, breakdowns: Breakdowns(EntriesShape) }),
  exits: z.object({ ...ExitsShape, breakdowns: Breakdowns(ExitsShape) }),
  outcomes6m: z.object({ ...OutcomesShape, breakdowns: Breakdowns(OutcomesShape) }),
}).meta({ id: 'Indicateurs' });

export function indicatorRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'get', path: '/indicators', tag: 'Indicateurs',
    summary: 'Indicateurs de la Région : entrées, sorties, emploi à 6 mois (secret statistique)',
    roles: ['caseworker', 'ops'], query: IndicatorsQuery, ok: { status: 200, schema: Indicators, description: 'Indicateurs de la période' } },
  async ({ query, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const report = await indicatorsReport(em, query.from, query.to);
    // Aggregates of sensitive data (RQTH, RSA, justice, illettrisme): the read is logged like any other.
    await writeAudit(em, { operation: 'lecture_indicateurs', actor: actorOf(principal), detail: { from: query.from, to: query.to } });
    return report;
  });
}

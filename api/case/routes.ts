/** The routes every process shares: the list of the cases a caller may see, and one case's page. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { ROLES, type Principal } from '../auth';
import type { ApiContext } from '../context';
import { PROCESS_APIS, processViewSchema } from '../processes';
import { routeDefiner } from '../route';
import { CaseParams } from '../schemas';
import { loadCaseFor } from './access';
import { incidentRoutes } from './incident-routes';
import { caseView } from './view';
import { visibleCasesWhere } from './visible';

export const ListCasesQuery = z.object({
  process: z.enum(PROCESS_APIS.map((p) => p.definition.kind) as [string, ...string[]]).optional(),
  stage: z.string().max(40).optional(),
  sessionId: z.string().uuid().optional(),
  bassin: z.string().max(60).optional(),
  dispositif: z.string().max(40).optional(),
  organismeId: z.string().uuid().optional(),
  prescripteurId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
type ListQuery = z.infer<typeof ListCasesQuery>;

export const CaseListSchema = z.object({
  items: z.array(z.object({ caseId: z.string(), process: z.string(), stage: z.string(), open: z.boolean(), createdAt: z.string(),
    person: z.object({ lastName: z.string(), firstName: z.string() }).optional() }).catchall(z.unknown())),
  page: z.number(), pageSize: z.number(), total: z.number(),
}).meta({ id: 'ListeDossiers' });

interface ListRow { id: string; process_kind: string; stage: string; open: boolean; created_at: Date; last_name: string; first_name: string; total: string }

export function caseRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);

  route({ method: 'get', path: '/cases', tag: 'Dossiers', summary: 'Lister les dossiers visibles (filtres, pagination)',
    roles: ['caseworker', 'partner', 'organisme', 'ops'], query: ListCasesQuery,
    ok: { status: 200, schema: CaseListSchema, description: 'Une page de dossiers' } },
  async ({ query, principal }) => {
    const { sql, params } = listSql(principal, query);
    const rows = await (ctx.orm.em.fork() as EntityManager).execute<ListRow[]>(sql, params);
    return {
      items: rows.map((r) => ({
        caseId: r.id, process: r.process_kind, stage: r.stage, open: r.open, createdAt: new Date(r.created_at).toISOString(),
        ...(principal.role === 'ops' ? {} : { person: { lastName: r.last_name, firstName: r.first_name } }),
      })),
      page: query.page, pageSize: query.pageSize, total: Number(rows[0]?.total ?? 0),
    };
  });

  route({ method: 'get', path: '/cases/:caseId', tag: 'Dossiers', summary: 'Voir un dossier : étape, historique, échéances, actions possibles',
    roles: ROLES.filter((r) => r !== 'finance'), params: CaseParams,
    ok: { status: 200, schema: processViewSchema(), description: 'Le dossier, selon le rôle' } },
  async ({ params, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    return caseView(em, ctx.client, principal, await loadCaseFor(em, principal, params.caseId));
  });

  incidentRoutes(router, registry, ctx);
}

/** One query: each process contributes its visible cases (its scope for the caller, its own filters). */
function listSql(principal: Principal, query: ListQuery): { sql: string; params: unknown[] } {
  const { where, params } = visibleCasesWhere(principal, query);
  return {
    sql: `select d.id, d.process_kind, d.stage, d.open, d.created_at, p.last_name, p.first_name, count(*) over () as total
          from dossier d join person p on p.id = d.person_id where ${where}
          order by d.created_at desc, d.id limit ? offset ?`,
    params: [...params, query.pageSize, (query.page - 1) * query.pageSize],
  };
}

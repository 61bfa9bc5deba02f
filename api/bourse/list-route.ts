/**
 * GET /bourses: the bursary cases a caller may see, with the bursary's own filters (year, programme,
 * institute, stage). An institute sees its students, a CROUS the applications it sent, caseworkers and ops all
 * of them (ops without names).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import type { Principal } from '../auth';
import type { ApiContext } from '../context';
import { routeDefiner } from '../route';
import { BourseList, ListQuery } from './schemas';

function scope(principal: Principal): { where: string; params: unknown[] } {
  if (principal.role === 'institut') return { where: 'b.institut_id = ?', params: [principal.org] };
  if (principal.role === 'crous') return { where: 'b.crous_id = ?', params: [principal.org] };
  return { where: 'true', params: [] };
}

export function bourseListRoute(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'get', path: '/bourses', tag: 'Bourses', summary: 'Lister les dossiers de bourse visibles (filtres, pagination)',
    roles: ['caseworker', 'ops', 'institut', 'crous'], query: ListQuery, ok: { status: 200, schema: BourseList, description: 'Une page de dossiers' } },
  async ({ query, principal }) => {
    const { where, params } = scope(principal);
    const filters: string[] = [where];
    const add = (condition: string, value: unknown): void => void (value !== undefined && (filters.push(condition), params.push(value)));
    add('b.annee = ?', query.annee);
    add('d.stage = ?', query.stage);
    add('b.formation = ?', query.formation);
    add('b.institut_id = ?', query.institutId);
    const rows = await (ctx.orm.em.fork() as EntityManager).execute(
      `select d.id, b.dse, b.annee, b.institut_id, b.formation, d.stage, d.open, b.decision, b.etat_versements, p.last_name, p.first_name,
              count(*) over () as total
       from bourse_dossier b join dossier d on d.id = b.dossier_id join person p on p.id = d.person_id
       where ${filters.join(' and ')} order by d.created_at desc, d.id limit ? offset ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]);
    return {
      items: rows.map((r) => ({
        caseId: r.id, ...(principal.role === 'ops' ? {} : { dse: r.dse }), annee: r.annee, institutId: r.institut_id, formation: r.formation, stage: r.stage, open: r.open,
        decision: r.decision, etatVersements: r.etat_versements,
        ...(principal.role === 'ops' ? {} : { person: { lastName: r.last_name, firstName: r.first_name } }),
      })),
      page: query.page, pageSize: query.pageSize, total: Number(rows[0]?.total ?? 0),
    };
  });
}

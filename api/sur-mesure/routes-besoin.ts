/** The need: a company (or a caseworker for it) opens an order; every party lists the orders it may see. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { SUR_MESURE } from '../../domain/sur-mesure/process';
import { actorOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { routeDefiner } from '../route';
import { createCommande } from './create-commande';
import { commandeScope } from './access';
import { CommandeCreated, CreateCommandeBody } from './schemas';

const TAG = 'Sur-mesure';

const ListQuery = z.object({
  stage: z.enum(Object.keys(SUR_MESURE.stages) as [string, ...string[]]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

const CommandeList = z.object({
  items: z.array(z.object({ caseId: z.string(), stage: z.string(), stageLabel: z.string(), createdAt: z.string(), bassin: z.string(),
    nafSection: z.string(), postes: z.number(), entreprise: z.object({ id: z.string(), raisonSociale: z.string() }),
    organisme: z.string().nullable(),
    devisCents: z.number().nullable().optional().describe('Staff and finance only'), engagementCents: z.number().nullable().optional() })),
  page: z.number(), pageSize: z.number(), total: z.number(),
}).meta({ id: 'ListeCommandes' });

interface Row { id: string; stage: string; created_at: Date; bassin: string; naf_section: string; postes_total: number; entreprise_id: string;
  entreprise: string; organisme: string | null; devis_cents: string | null; engagement_cents: string | null; total: string }

const cents = (v: string | null): number | null => (v === null ? null : Number(v));

export function besoinRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);

  route({ method: 'post', path: '/sur-mesure/commandes', tag: TAG, summary: 'Exprimer un besoin de recrutement (ouvre une commande)',
    roles: ['entreprise', 'caseworker'], body: CreateCommandeBody, ok: { status: 201, schema: CommandeCreated, description: 'Commande ouverte' },
    errors: { 409: 'Ce SIRET est déjà celui d’une autre organisation' } },
  async ({ body, principal }) => {
    if (principal.role === 'entreprise' && body.referentEmail) throw new HttpError(400, 'requête invalide', { fields: [{ path: 'referentEmail', message: 'réservé au chargé de mission' }] });
    const referentEmail = body.referentEmail ?? (principal.role === 'caseworker' ? principal.email : undefined);
    const created = await createCommande(ctx, { body: { ...body, referentEmail }, principal, actor: actorOf(principal) });
    return { ...created, stage: 'besoin' };
  });

  route({ method: 'get', path: '/sur-mesure/commandes', tag: TAG, summary: 'Lister les commandes visibles (les siennes pour une entreprise, un organisme, un partenaire)',
    roles: ['entreprise', 'organisme', 'partner', 'caseworker', 'chef_service', 'finance', 'ops'], query: ListQuery,
    ok: { status: 200, schema: CommandeList, description: 'Une page de commandes' } },
  async ({ query, principal }) => {
    const everything = ['caseworker', 'finance', 'ops'].includes(principal.role);
    const amounts = ['caseworker', 'chef_service', 'finance'].includes(principal.role);
    const scope = everything ? { where: 'true', params: [] } : commandeScope(principal) ?? { where: 'false', params: [] };
    const rows = await (ctx.orm.em.fork() as EntityManager).execute<Row[]>(
      `select d.id, d.stage, d.created_at, s.bassin, s.naf_section, s.postes_total, e.id as entreprise_id, e.name as entreprise, o.name as organisme,
              s.devis_cents, s.engagement_cents, count(*) over () as total
       from sur_mesure_commande s join dossier d on d.id = s.dossier_id join organisation e on e.id = s.entreprise_id
       left join organisation o on o.id = s.organisme_id
       where (${scope.where}) ${query.stage ? 'and d.stage = ?' : ''}
       order by d.created_at desc, d.id limit ? offset ?`,
      [...scope.params, ...(query.stage ? [query.stage] : []), query.pageSize, (query.page - 1) * query.pageSize]);
    return {
      items: rows.map((r) => ({ caseId: r.id, stage: r.stage, stageLabel: SUR_MESURE.stages[r.stage as keyof typeof SUR_MESURE.stages] ?? r.stage,
        createdAt: new Date(r.created_at).toISOString(), bassin: r.bassin, nafSection: r.naf_section, postes: r.postes_total,
        entreprise: { id: r.entreprise_id, raisonSociale: r.entreprise }, organisme: r.organisme,
        ...(amounts ? { devisCents: cents(r.devis_cents), engagementCents: cents(r.engagement_cents) } : {}) })),
      page: query.page, pageSize: query.pageSize, total: Number(rows[0]?.total ?? 0),
    };
  });
}

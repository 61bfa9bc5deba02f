/** Caseworkers create and follow cases; partners and training providers see and act on their own. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { Dossier } from '../../db/entities';
import {
  confirmerEntree, deciderPositionnement, enregistrerPositionnement, planifierPositionnement, retirer,
} from '../../workflows/parcours/messages';
import { actorOf, type Principal } from '../auth';
import { loadCaseFor, scopeOf } from '../cases/access';
import { act } from '../cases/act';
import { caseView } from '../cases/case-view';
import { createCase } from '../cases/create-case';
import type { ApiContext } from '../context';
import { forbidden } from '../errors';
import { routeDefiner } from '../route';
import {
  CaseCreated, CaseListSchema, CaseParams, CaseStateSchema, CaseViewSchema, CreateCaseBody, DecisionBody, EntreeBody,
  ListCasesQuery, PlanifierBody, ResultatsBody, RetraitBody,
} from '../schemas';

export function caseRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;
  const route = routeDefiner(router, registry);

  route({ method: 'post', path: '/cases', tag: 'Dossiers', summary: 'Créer un dossier (repérage)', roles: ['caseworker'],
    body: CreateCaseBody, ok: { status: 201, schema: CaseCreated, description: 'Dossier créé, parcours démarré' } },
  async ({ body, principal }) => {
    const { caseId } = await createCase(ctx, { ...body, referentEmail: body.referentEmail ?? emailOf(principal), actor: actorOf(principal) });
    return { caseId, stage: 'reperage' };
  });

  route({ method: 'get', path: '/cases', tag: 'Dossiers', summary: 'Lister les dossiers visibles (filtres, pagination)',
    roles: ['caseworker', 'partner', 'organisme', 'ops'], query: ListCasesQuery,
    ok: { status: 200, schema: CaseListSchema, description: 'Une page de dossiers' } },
  async ({ query, principal }) => {
    const { page, pageSize, stage, sessionId, bassin, dispositif, organismeId, prescripteurId } = query;
    const where = {
      ...scopeOf(principal),
      ...(stage ? { stage } : {}),
      ...(prescripteurId && principal.role !== 'partner' ? { prescripteur: prescripteurId } : {}),
      session: {
        ...(scopeOf(principal).session as object | undefined),
        ...(sessionId ? { id: sessionId } : {}), ...(bassin ? { bassin } : {}), ...(dispositif ? { dispositif } : {}),
        ...(organismeId && principal.role !== 'organisme' ? { organisme: organismeId } : {}),
      },
    };
    const [rows, total] = await em().findAndCount(Dossier, where, {
      populate: ['person'], orderBy: { createdAt: 'desc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize,
    });
    return {
      items: rows.map((d) => ({
        caseId: d.id, stage: d.stage, sessionId: d.session.id, open: d.open, createdAt: d.createdAt.toISOString(),
        ...(principal.role === 'ops' ? {} : { person: { lastName: d.person.lastName, firstName: d.person.firstName } }),
      })),
      page, pageSize, total,
    };
  });

  route({ method: 'get', path: '/cases/:caseId', tag: 'Dossiers', summary: 'Voir un dossier : étape, historique, échéances',
    roles: ['caseworker', 'partner', 'organisme', 'ops'], params: CaseParams,
    ok: { status: 200, schema: CaseViewSchema, description: 'Le dossier, selon le rôle' } },
  async ({ params, principal }) => {
    const manager = em();
    return caseView(manager, ctx.client, principal, await loadCaseFor(manager, principal, params.caseId));
  });

  const stateOk = { status: 200, schema: CaseStateSchema, description: 'Nouvel état du parcours' };

  route({ method: 'post', path: '/cases/:caseId/positionnement', tag: 'Positionnement', summary: 'Planifier le positionnement',
    roles: ['caseworker'], params: CaseParams, body: PlanifierBody, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, planifierPositionnement, { actor: actorOf(principal), scheduledAt: body.scheduledAt }));

  route({ method: 'post', path: '/cases/:caseId/positionnement/resultats', tag: 'Positionnement', summary: 'Enregistrer les résultats',
    roles: ['caseworker'], params: CaseParams, body: ResultatsBody, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, enregistrerPositionnement, { actor: actorOf(principal), results: body.results }));

  route({ method: 'post', path: '/cases/:caseId/decision', tag: 'Positionnement', summary: 'Décider : admis, réorienté ou refusé',
    roles: ['caseworker'], params: CaseParams, body: DecisionBody, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, deciderPositionnement, { actor: actorOf(principal), decision: body.decision }));

  route({ method: 'post', path: '/cases/:caseId/entree', tag: 'Entrée en formation', summary: 'Confirmer l’entrée (organisme, premier jour)',
    roles: ['organisme'], params: CaseParams, body: EntreeBody, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, confirmerEntree, { actor: actorOf(principal), entryDate: body.entryDate }));

  route({ method: 'post', path: '/cases/:caseId/retrait', tag: 'Dossiers', summary: 'Désistement avant l’entrée : clôt le dossier et libère la place',
    roles: ['caseworker', 'partner'], params: CaseParams, body: RetraitBody, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, retirer, { actor: actorOf(principal), motif: body.motif }));
}

function emailOf(principal: Principal): string | undefined {
  if (principal.role !== 'caseworker') throw forbidden();
  return principal.email;
}

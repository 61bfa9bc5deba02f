/**
 * Who may see and act on an order: caseworkers, the head of service and ops every order; a company its own
 * (never another's); the provider the orders it designs; a partner the orders it recruits for; finance acts
 * on the commitment only. Actions go to the order's workflow as updates (the core's `act`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import { Dossier, SurMesureCommande, SurMesurePartenaire } from '../../db/entities';
import { SUR_MESURE } from '../../domain/sur-mesure/process';
import { surMesureWorkflowId, type SurMesureState } from '../../workflows/sur-mesure/messages';
import type { Principal } from '../auth';
import type { ListScope } from '../case/process-api';
import { loadCaseFor } from '../case/access';
import { stateView } from '../case/view';
import type { ApiContext } from '../context';
import { HttpError, notFound } from '../errors';

export interface LoadedCommande {
  commande: SurMesureCommande;
  /** Organisations asked to recruit for the order. */
  partenaires: string[];
}

export async function loadCommande(em: EntityManager, caseId: string): Promise<LoadedCommande | null> {
  const commande = await em.findOne(SurMesureCommande, { dossier: caseId }, { populate: ['entreprise', 'organisme', 'session', 'dossier.person'] });
  if (!commande) return null;
  const partenaires = (await em.find(SurMesurePartenaire, { commande: caseId })).map((p) => p.organisation.id);
  return { commande, partenaires };
}

/** The roles beyond caseworker and ops (which the core lets see everything). */
export function mayAccessCommande(principal: Principal, { commande, partenaires }: LoadedCommande): boolean {
  switch (principal.role) {
    case 'chef_service':
      return true;
    case 'entreprise':
      return commande.entreprise.id === principal.org;
    case 'organisme':
      return commande.organisme?.id === principal.org;
    case 'partner':
      return partenaires.includes(principal.org);
    default:
      return false;
  }
}

/** The orders of a caller's organisation (the satellite is aliased `s`). */
export function commandeScope(principal: Principal): ListScope | null {
  switch (principal.role) {
    case 'chef_service':
      return { where: 'true', params: [] };
    case 'entreprise':
      return { where: 's.entreprise_id = ?', params: [principal.org] };
    case 'organisme':
      return { where: 's.organisme_id = ?', params: [principal.org] };
    case 'partner':
      return { where: 'exists (select 1 from sur_mesure_partenaire p where p.dossier_id = s.dossier_id and p.organisation_id = ?)', params: [principal.org] };
    default:
      return null;
  }
}

/** The order a caller may act on (404 unknown, 403 another's, 409 not an order), before anything is written. */
export async function commandeFor(ctx: ApiContext, principal: Principal, caseId: string): Promise<LoadedCommande> {
  const em = ctx.orm.em.fork() as EntityManager;
  if (principal.role === 'finance') {
    const dossier = await em.findOne(Dossier, { id: caseId });
    if (!dossier) throw notFound('dossier');
    if (dossier.processKind !== SUR_MESURE.kind) throw notAnOrder();
    return (await loadCommande(em, caseId))!;
  }
  const { process, satellite } = await loadCaseFor<LoadedCommande>(em, principal, caseId);
  if (process.definition.kind !== SUR_MESURE.kind) throw notAnOrder();
  return satellite;
}

const notAnOrder = (): HttpError => new HttpError(409, `cette action ne s'applique qu'à une commande sur-mesure`);

/** Sends the update to the order's workflow; its answer is the case's new state. */
export async function updateCommande<A>(ctx: ApiContext, caseId: string, update: UpdateDefinition<SurMesureState, [A]>, arg: A) {
  return stateView(await ctx.client.workflow.getHandle(surMesureWorkflowId(caseId)).executeUpdate(update, { args: [arg] }));
}

/** Access, then the update (finance reaches orders here only: the core keeps it away from cases). */
export async function actOnCommande<A>(ctx: ApiContext, principal: Principal, caseId: string, update: UpdateDefinition<SurMesureState, [A]>, arg: A) {
  await commandeFor(ctx, principal, caseId);
  return updateCommande(ctx, caseId, update, arg);
}

/**
 * What people typed that the workflow must not hold (names) is written in a transaction that spans the
 * update: a refused update rolls it back, so a bad request leaves nothing. The update's own activities
 * must not need these rows (they are not committed yet).
 */
export async function withRecords<T>(ctx: ApiContext, write: (em: EntityManager) => Promise<void>, then: () => Promise<T>): Promise<T> {
  return ctx.orm.em.fork().transactional(async (em) => {
    await write(em as EntityManager);
    await em.flush();
    return then();
  });
}

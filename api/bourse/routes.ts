/**
 * The bursary routes: a caseworker creates an application, asks for documents, records them, decides; the
 * institute (its own students only) reports an absence, a missed exam session, a justification or an exit;
 * a caseworker grants a remission of an overpayment. Every action is an update of the case's workflow.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import type { Router } from 'express';
import type { z } from 'zod';
import { BourseDemande } from '../../db/entities';
import { BOURSE } from '../../domain/bourse/process';
import {
  accorderRemise, declarerSortieBourse, deciderBourse, demanderPieces, enregistrerPieces, justifierAbsence, signalerEvenement, type BourseState,
} from '../../workflows/bourse/messages';
import { actorOf, type Principal } from '../auth';
import { loadCaseFor } from '../case/access';
import { act } from '../case/act';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { routeDefiner } from '../route';
import { CaseCreated, CaseParams, CaseStateSchema } from '../schemas';
import { createBourse } from './create';
import {
  CreationBody, DecisionBody, EvenementBody, JustificatifBody, PiecesDemandeesBody, PiecesRecuesBody, RemiseBody, SortieBody,
} from './schemas';

const TAG = 'Bourses';
const ok = { status: 200, schema: CaseStateSchema, description: 'Nouvel état du dossier de bourse' };

const fieldError = (champ: string, message: string): HttpError => new HttpError(400, 'requête invalide', { fields: [{ path: champ, message }] });

/**
 * The documents received (the API's route and the console's form): the corrected income and points de charge are
 * written on the application, then the workflow recomputes the échelon; if it refuses (stage), the application is
 * put back as it was, nothing half-written.
 */
export async function recordPieces(ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof PiecesRecuesBody>) {
  const em = ctx.orm.em.fork() as EntityManager;
  await loadCaseFor(em, principal, caseId);
  const demande = await em.findOne(BourseDemande, { dossier: caseId });
  if (!demande) throw new HttpError(409, `cette action ne s'applique pas à ce dossier : ce n'est pas une demande de bourse`);
  const previous = { ...demande };
  const actor = actorOf(principal);
  Object.assign(demande, body.elementsDeCharge ?? {}, body.revenuBrutGlobalEuros === undefined ? {} : { revenuBrutGlobalEuros: body.revenuBrutGlobalEuros },
    { updatedBy: actor });
  await em.flush();
  try {
    return await act(ctx, principal, caseId, enregistrerPieces, { actor }, BOURSE.kind);
  } catch (err) {
    Object.assign(demande, previous);
    await em.flush();
    throw err;
  }
}

export function bourseRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const on = <A>(principal: Principal, caseId: string, update: UpdateDefinition<BourseState, [A]>, arg: A) =>
    act(ctx, principal, caseId, update, arg, BOURSE.kind);

  route({ method: 'post', path: '/bourses', tag: TAG, summary: 'Créer une demande de bourse (chargé de parcours)', roles: ['caseworker'],
    body: CreationBody, ok: { status: 201, schema: CaseCreated, description: 'Dossier créé, instruction démarrée' },
    errors: { 409: 'Une demande de cet étudiant (même numéro DSE) existe déjà pour cette année universitaire' } },
  async ({ body, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const [institut] = await em.execute(`select 1 from organisation where id = ? and kind = 'institut_formation_sanitaire_sociale'`, [body.demande.institutId]);
    if (!institut) throw fieldError('demande.institutId', 'institut inconnu');
    if (body.crousId && !(await em.execute(`select 1 from organisation where id = ? and kind = 'crous'`, [body.crousId])).length) {
      throw fieldError('crousId', 'CROUS inconnu');
    }
    const { caseId } = await createBourse(ctx, body.demande, { source: 'agent', crousId: body.crousId ?? null, actor: actorOf(principal),
      referentEmail: body.referentEmail ?? (principal.role === 'caseworker' ? principal.email : undefined) });
    return { caseId, stage: BOURSE.initialStage };
  });

  route({ method: 'post', path: '/cases/:caseId/bourse/pieces-demandees', tag: TAG, summary: 'Demander des pièces à l’étudiant (avec une date limite)',
    roles: ['caseworker'], params: CaseParams, body: PiecesDemandeesBody, ok },
  ({ params, body, principal }) => on(principal, params.caseId, demanderPieces, { actor: actorOf(principal), ...body }));

  route({ method: 'post', path: '/cases/:caseId/bourse/pieces', tag: TAG,
    summary: 'Enregistrer les pièces reçues (revenu et points de charge corrigés) : l’échelon est recalculé',
    roles: ['caseworker'], params: CaseParams, body: PiecesRecuesBody, ok },
  ({ params, body, principal }) => recordPieces(ctx, principal, params.caseId, body));

  route({ method: 'post', path: '/cases/:caseId/bourse/decision', tag: TAG,
    summary: 'Décider : attribution (échéancier, sans double financement) ou refus motivé ; 409 si le barème de l’année manque',
    roles: ['caseworker'], params: CaseParams, body: DecisionBody, ok },
  ({ params, body, principal }) => on(principal, params.caseId, deciderBourse, { actor: actorOf(principal), decision: body.decision }));

  route({ method: 'post', path: '/cases/:caseId/bourse/evenements', tag: TAG,
    summary: 'Signaler une absence non justifiée ou une première session d’examen manquée : les mensualités sont suspendues',
    roles: ['institut', 'caseworker'], params: CaseParams, body: EvenementBody, ok },
  ({ params, body, principal }) => on(principal, params.caseId, signalerEvenement, { actor: actorOf(principal), ...body }));

  route({ method: 'post', path: '/cases/:caseId/bourse/justificatif', tag: TAG,
    summary: 'Enregistrer le justificatif : dans le délai, la bourse reprend et les mois retenus sont versés',
    roles: ['institut', 'caseworker'], params: CaseParams, body: JustificatifBody, ok },
  ({ params, body, principal }) => on(principal, params.caseId, justifierAbsence, { actor: actorOf(principal), ...body }));

  route({ method: 'post', path: '/cases/:caseId/bourse/sortie', tag: TAG,
    summary: 'Déclarer la sortie de formation : plus de mensualité après ce mois, les mois suivants déjà versés sont un indu',
    roles: ['institut', 'caseworker'], params: CaseParams, body: SortieBody, ok },
  ({ params, body, principal }) => on(principal, params.caseId, declarerSortieBourse, { actor: actorOf(principal), ...body }));

  route({ method: 'post', path: '/cases/:caseId/bourse/remise', tag: TAG, summary: 'Accorder une remise (totale ou partielle) de l’indu',
    roles: ['caseworker'], params: CaseParams, body: RemiseBody, ok },
  ({ params, body, principal }) => on(principal, params.caseId, accorderRemise, { actor: actorOf(principal), ...body }));
}

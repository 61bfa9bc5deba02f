/** The trainee journey before the entry: caseworkers open cases, partners refer people, positionnement, entry, withdrawal. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import {
  confirmerEntree, deciderPositionnement, enregistrerPositionnement, planifierPositionnement, retirer,
} from '../../workflows/parcours/messages';
import { PARCOURS } from '../../domain/parcours/stages';
import { actorOf, type Principal } from '../auth';
import { act } from '../case/act';
import type { ApiContext } from '../context';
import { forbidden } from '../errors';
import { routeDefiner } from '../route';
import { CaseCreated, CaseParams, CaseStateSchema } from '../schemas';
import { createCase } from './create-case';
import { CreateCaseBody, DecisionBody, EntreeBody, EXAMPLES, PlanifierBody, ReferralBody, ResultatsBody, RetraitBody } from './schemas';

const DUPLICATE = { 409: 'Doublon : la personne a déjà un dossier ouvert sur cette session, ou cette référence de prescription existe (caseId)' };

export function parcoursRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);

  route({ method: 'post', path: '/cases', tag: 'Dossiers', summary: 'Créer un dossier (repérage)', roles: ['caseworker'],
    body: CreateCaseBody, example: EXAMPLES.createCase, errors: DUPLICATE,
    ok: { status: 201, schema: CaseCreated, description: 'Dossier créé, parcours démarré ; `person` dit si la personne était connue et ce qui a été ajouté' } },
  async ({ body, principal }) => {
    const own = principal.role === 'caseworker' ? principal : null;
    const referentEmail = body.referentEmail ?? emailOf(principal);
    // The caseworker who opens a case follows it, unless another mailbox is named: then no name is known.
    const referentName = body.referentEmail && body.referentEmail !== own?.email ? undefined : own?.name;
    const { caseId, person } = await createCase(ctx, { ...body, referentEmail, referentName, actor: actorOf(principal) });
    return { caseId, stage: 'reperage', person };
  });

  route({ method: 'post', path: '/referrals', tag: 'Partenaires', summary: 'Prescrire une personne sur une session (repérage)',
    roles: ['partner'], body: ReferralBody, example: EXAMPLES.referral, errors: DUPLICATE,
    ok: { status: 201, schema: CaseCreated, description: 'Dossier créé ; `person` dit si la personne était connue et ce qui a été ajouté' } },
  async ({ body, principal }) => {
    if (principal.role !== 'partner') throw forbidden();
    const { caseId, person } = await createCase(ctx, {
      person: body.person, sensitive: body.sensitive, sessionId: body.sessionId,
      prescripteurId: principal.org, prescripteurReference: body.reference, actor: actorOf(principal),
    });
    return { caseId, stage: 'reperage', person };
  });

  const stateOk = { status: 200, schema: CaseStateSchema, description: 'Nouvel état du parcours' };

  route({ method: 'post', path: '/cases/:caseId/positionnement', tag: 'Positionnement', summary: 'Planifier le positionnement',
    roles: ['caseworker'], params: CaseParams, body: PlanifierBody, example: EXAMPLES.planifier, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, planifierPositionnement, { actor: actorOf(principal), scheduledAt: body.scheduledAt }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/positionnement/resultats', tag: 'Positionnement', summary: 'Enregistrer les résultats',
    roles: ['caseworker'], params: CaseParams, body: ResultatsBody, example: EXAMPLES.resultats, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, enregistrerPositionnement, { actor: actorOf(principal), results: body.results }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/decision', tag: 'Positionnement', summary: 'Décider : admis, réorienté ou refusé',
    roles: ['caseworker'], params: CaseParams, body: DecisionBody, example: EXAMPLES.decision, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, deciderPositionnement, { actor: actorOf(principal), decision: body.decision }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/entree', tag: 'Entrée en formation', summary: 'Confirmer l’entrée (organisme, premier jour)',
    roles: ['organisme'], params: CaseParams, body: EntreeBody, example: EXAMPLES.entree, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, confirmerEntree, { actor: actorOf(principal), entryDate: body.entryDate }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/retrait', tag: 'Dossiers', summary: 'Désistement avant l’entrée : clôt le dossier et libère la place',
    roles: ['caseworker', 'partner'], params: CaseParams, body: RetraitBody, example: EXAMPLES.retrait, ok: stateOk },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, retirer, { actor: actorOf(principal), motif: body.motif }, PARCOURS.kind));
}

function emailOf(principal: Principal): string | undefined {
  if (principal.role !== 'caseworker') throw forbidden();
  return principal.email;
}

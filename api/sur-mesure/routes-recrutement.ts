/**
 * Recruitment: the caseworker asks partners to recruit and plans the information meeting; partners refer
 * candidates; the provider positions them; the company retains (a trainee journey opens) or not.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { z } from 'zod';
import { choisirCandidat, lancerRecrutement, planifierReunion, positionnerCandidat } from '../../workflows/sur-mesure/messages';
import { actorOf, type Principal } from '../auth';
import type { ApiContext } from '../context';
import { routeDefiner } from '../route';
import { CaseStateSchema } from '../schemas';
import { actOnCommande, commandeFor, updateCommande } from './access';
import { assertCandidat, referCandidate } from './candidats';
import { CandidatBody, CandidatCreated, CandidatParams, ChoixBody, CommandeParams, PositionnementBody, RecrutementBody, ReunionBody } from './schemas';

const TAG = 'Sur-mesure : recrutement';
const ok = { status: 200, schema: CaseStateSchema, description: 'Nouvel état de la commande' };

/** The services behind the routes (the API's and the console's forms). */
export const launchRecruitment = (ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof RecrutementBody>) =>
  actOnCommande(ctx, principal, caseId, lancerRecrutement, { actor: actorOf(principal), partenaires: body.partenaires });

export const planMeeting = (ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof ReunionBody>) =>
  actOnCommande(ctx, principal, caseId, planifierReunion, { actor: actorOf(principal), at: body.date, lieu: body.lieu });

export async function positionCandidate(ctx: ApiContext, principal: Principal, caseId: string, candidatId: string, body: z.infer<typeof PositionnementBody>) {
  await commandeFor(ctx, principal, caseId);
  await assertCandidat(ctx, caseId, candidatId);
  return updateCommande(ctx, caseId, positionnerCandidat, { actor: actorOf(principal), candidatId,
    positionnement: { avis: body.avis, psychotechnique: body.psychotechnique ?? null } });
}

export async function chooseCandidate(ctx: ApiContext, principal: Principal, caseId: string, candidatId: string, body: z.infer<typeof ChoixBody>) {
  await commandeFor(ctx, principal, caseId);
  await assertCandidat(ctx, caseId, candidatId);
  return updateCommande(ctx, caseId, choisirCandidat, { actor: actorOf(principal), candidatId, retenu: body.retenu, poste: body.poste });
}

export function recrutementRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const base = '/sur-mesure/commandes/:caseId';

  route({ method: 'post', path: `${base}/recrutement`, tag: TAG, summary: 'Demander aux partenaires (France Travail, Mission Locale, Cap emploi) de recruter',
    roles: ['caseworker'], params: CommandeParams, body: RecrutementBody, ok },
  ({ params, body, principal }) => launchRecruitment(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/reunion-information`, tag: TAG, summary: 'Planifier la réunion d’information des candidats',
    roles: ['caseworker'], params: CommandeParams, body: ReunionBody, ok },
  ({ params, body, principal }) => planMeeting(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/candidats`, tag: TAG, summary: 'Proposer un candidat (partenaire recrutant pour la commande)',
    roles: ['partner'], params: CommandeParams, body: CandidatBody, ok: { status: 201, schema: CandidatCreated, description: 'Candidat proposé' } },
  ({ params, body, principal }) => referCandidate(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/candidats/:candidatId/positionnement`, tag: TAG,
    summary: 'Enregistrer le positionnement d’un candidat (et les tests psychotechniques si le programme les exige)',
    roles: ['organisme'], params: CandidatParams, body: PositionnementBody, ok, designates: { candidatId: 'sur_mesure_candidate' } },
  ({ params, body, principal }) => positionCandidate(ctx, principal, params.caseId, params.candidatId, body));

  route({ method: 'post', path: `${base}/candidats/:candidatId/choix`, tag: TAG,
    summary: 'Retenir ou non un candidat (entreprise) : un candidat retenu entre dans un parcours de formation lié à la commande',
    roles: ['entreprise'], params: CandidatParams, body: ChoixBody, ok, designates: { candidatId: 'sur_mesure_candidate' } },
  ({ params, body, principal }) => chooseCandidate(ctx, principal, params.caseId, params.candidatId, body));
}

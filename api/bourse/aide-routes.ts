/**
 * Emergency aids: a caseworker opens one on a student's bursary case (its own case, same person), records the
 * social assessment (which sends it to the commission) or grants an urgent advance alone; the commission
 * (role commission: no identity ever) lists what awaits it and decides.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { AideUrgenceDossier } from '../../db/entities';
import { AIDE_URGENCE } from '../../domain/bourse/aide-urgence-process';
import { formationLabel } from '../../domain/bourse/formations';
import { accorderAvance, deciderCommission, enregistrerEvaluation } from '../../workflows/aide-urgence/messages';
import { actorOf, type Principal } from '../auth';
import { loadCaseFor } from '../case/access';
import { act } from '../case/act';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { routeDefiner } from '../route';
import { CaseCreated, CaseParams, CaseStateSchema } from '../schemas';
import { createAide } from './aide-create';
import { AideCreationBody, AideDecisionBody, AvanceBody, EvaluationBody } from './schemas';

const TAG = 'Aides d’urgence';
const ok = { status: 200, schema: CaseStateSchema, description: 'Nouvel état de l’aide' };

const CommissionList = z.object({
  items: z.array(z.object({
    caseId: z.string(), numero: z.string(), annee: z.string(), formation: z.string(), montantDemandeCents: z.number(),
    evaluation: z.string(), aidesDejaAccordeesCents: z.number().describe('Cette année, pour cet étudiant'),
  })),
}).meta({ id: 'AidesEnCommission', description: 'Sans nom, sans date de naissance, sans numéro DSE' });

/** Opening an aid is an action on the student's bursary case: a route of the bursary process. */
export function aideOpeningRoute(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;

  route({ method: 'post', path: '/cases/:caseId/aides-urgence', tag: TAG, summary: 'Ouvrir une demande d’aide d’urgence sur le dossier de bourse d’un étudiant',
    roles: ['caseworker'], params: CaseParams, body: AideCreationBody, ok: { status: 201, schema: CaseCreated, description: 'Demande ouverte' } },
  async ({ params, body, principal }) => {
    await loadCaseFor(em(), principal, params.caseId);
    const { caseId } = await createAide(ctx, params.caseId, { ...body, actor: actorOf(principal) });
    return { caseId, stage: AIDE_URGENCE.initialStage };
  });
}

/**
 * The social assessment (the API's route and the console's form): its text stays in PostgreSQL (the commission reads
 * it there), the proposal goes to the workflow, which sends the aid to the commission; if the workflow refuses, the
 * text is put back as it was.
 */
export async function recordEvaluation(ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof EvaluationBody>) {
  const manager = ctx.orm.em.fork() as EntityManager;
  await loadCaseFor(manager, principal, caseId);
  const aide = await manager.findOne(AideUrgenceDossier, { dossier: caseId });
  if (!aide) throw new HttpError(409, 'cette action ne s’applique qu’à une aide d’urgence');
  const previous = aide.evaluation;
  aide.evaluation = body.evaluation;
  await manager.flush();
  try {
    return await act(ctx, principal, caseId, enregistrerEvaluation, { actor: actorOf(principal), propositionCents: body.propositionCents }, AIDE_URGENCE.kind);
  } catch (err) {
    aide.evaluation = previous;
    await manager.flush();
    throw err;
  }
}

export function aideRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;

  route({ method: 'post', path: '/cases/:caseId/aide-urgence/evaluation', tag: TAG, summary: 'Enregistrer l’évaluation sociale (sans nom) et saisir la commission',
    roles: ['caseworker'], params: CaseParams, body: EvaluationBody, ok },
  ({ params, body, principal }) => recordEvaluation(ctx, principal, params.caseId, body));

  route({ method: 'post', path: '/cases/:caseId/aide-urgence/avance', tag: TAG, summary: 'Accorder une avance en urgence sans la commission (plafond : paramètre daté)',
    roles: ['caseworker'], params: CaseParams, body: AvanceBody, ok },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, accorderAvance, { actor: actorOf(principal), montantCents: body.montantCents }, AIDE_URGENCE.kind));

  route({ method: 'post', path: '/cases/:caseId/aide-urgence/decision', tag: TAG, summary: 'Décision de la commission (accordée avec un montant, ou refusée avec un motif)',
    roles: ['commission'], params: CaseParams, body: AideDecisionBody, ok },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, deciderCommission, { actor: actorOf(principal), decision: body.decision }, AIDE_URGENCE.kind));

  route({ method: 'get', path: '/aides-urgence/commission', tag: TAG, summary: 'Les demandes qui attendent la commission, sans identité',
    roles: ['commission'], ok: { status: 200, schema: CommissionList, description: 'Demandes anonymes' } },
  async () => {
    const rows = await em().execute(
      `select a.dossier_id, a.numero, a.annee, b.formation, a.montant_demande_cents, a.evaluation,
         (select coalesce(sum(o.montant_accorde_cents), 0) from aide_urgence_dossier o join dossier od on od.id = o.dossier_id
           where od.person_id = d.person_id and o.annee = a.annee and o.decision = 'accordee') as deja
       from aide_urgence_dossier a join dossier d on d.id = a.dossier_id join bourse_dossier b on b.dossier_id = a.bourse_id
       where d.stage = 'commission' order by a.numero`);
    return { items: rows.map((r) => ({ caseId: r.dossier_id, numero: r.numero, annee: r.annee, formation: formationLabel(r.formation),
      montantDemandeCents: Number(r.montant_demande_cents), evaluation: r.evaluation ?? '', aidesDejaAccordeesCents: Number(r.deja) })) };
  });
}

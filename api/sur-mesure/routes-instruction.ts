/**
 * From the need to the commitment: qualification (caseworker), co-construction (the order's provider),
 * a derogation of length (caseworker), the visa levels (caseworker proposes, head of service validates,
 * records the commission's vote, sends back or refuses; finance records the commitment), cancellation.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { z } from 'zod';
import { SurMesureCommande } from '../../db/entities';
import type { VisaRole } from '../../domain/sur-mesure/visa';
import { annuler, coConstruire, enregistrerDerogation, qualifier, viser, type Conception, type VisaInput } from '../../workflows/sur-mesure/messages';
import { actorOf, type Principal, type Role } from '../auth';
import type { ApiContext } from '../context';
import { forbidden } from '../errors';
import { routeDefiner } from '../route';
import { CaseStateSchema } from '../schemas';
import { actOnCommande, commandeFor, updateCommande, withRecords } from './access';
import { CoConstructionBody, CommandeParams, DerogationBody, MotifBody, QualificationBody, VisaBody } from './schemas';

const TAG = 'Sur-mesure : instruction';
const ok = { status: 200, schema: CaseStateSchema, description: 'Nouvel état de la commande' };

/** Who acts at which visa step; the head of service records the commission's vote for its secretariat. */
const VISA_BY_ROLE: Partial<Record<Role, { role: VisaRole; actions: readonly z.infer<typeof VisaBody>['action'][] }>> = {
  caseworker: { role: 'instructeur', actions: ['proposer'] },
  chef_service: { role: 'chef_service', actions: ['valider', 'voter', 'renvoyer', 'rejeter'] },
  finance: { role: 'finances', actions: ['engager', 'renvoyer'] },
};

function visaInput(body: z.infer<typeof VisaBody>): VisaInput {
  switch (body.action) {
    case 'proposer': return { kind: 'proposer', amountCents: body.montantCents };
    case 'valider': return { kind: 'valider' };
    case 'voter': return { kind: 'voter', vote: body.vote, commission: body.commission };
    case 'engager': return { kind: 'engager', engagementReference: body.reference };
    case 'renvoyer': return { kind: 'renvoyer', reason: body.motif };
    case 'rejeter': return { kind: 'rejeter', reason: body.motif };
  }
}

function visaRoleOf(principal: Principal, action: z.infer<typeof VisaBody>['action']): VisaRole {
  const allowed = VISA_BY_ROLE[principal.role];
  if (!allowed?.actions.includes(action)) throw forbidden(`votre rôle ne permet pas l’action « ${action} » du visa`);
  return allowed.role;
}

const conceptionOf = (b: z.infer<typeof CoConstructionBody>): Conception => ({
  heuresCentre: b.heuresCentre, heuresEntreprise: b.heuresEntreprise, dateDebut: b.dateDebut, dateFin: b.dateFin, devisCents: b.devisCents,
  psychotechnique: b.psychotechnique,
  afest: b.afest ? { analyseActivite: b.afest.analyseActivite, tuteurDesigne: Boolean(b.afest.tuteur?.trim()), phasesReflexives: b.afest.phasesReflexives,
    evaluations: b.afest.evaluations } : null,
});

/** The services behind the routes (the API's and the console's forms): access, what stays in PostgreSQL, the update. */
export const qualifyCommande = (ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof QualificationBody>) =>
  actOnCommande(ctx, principal, caseId, qualifier, {
    actor: actorOf(principal), organismeId: body.organismeId, ecartCompetences: body.ecartCompetences,
    certificationCode: body.certification?.code ?? null, certificationLevel: body.certification?.niveau ?? null,
  });

export async function coConstruct(ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof CoConstructionBody>) {
  await commandeFor(ctx, principal, caseId);
  // The AFEST tutor's name stays in PostgreSQL: written with the update, rolled back if it is refused.
  return withRecords(ctx, (em) => em.nativeUpdate(SurMesureCommande, { dossier: caseId }, {
    programme: body.programme, heuresCentre: body.heuresCentre, heuresEntreprise: body.heuresEntreprise, dateDebut: body.dateDebut,
    dateFin: body.dateFin, devisCents: body.devisCents, psychotechnique: body.psychotechnique,
    afest: body.afest ? { ...body.afest, tuteur: body.afest.tuteur?.trim() || null } : null,
  }).then(() => undefined), () => updateCommande(ctx, caseId, coConstruire, { actor: actorOf(principal), conception: conceptionOf(body) }));
}

export const recordDerogation = (ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof DerogationBody>) =>
  actOnCommande(ctx, principal, caseId, enregistrerDerogation, { actor: actorOf(principal), reference: body.reference });

export const visaCommande = (ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof VisaBody>) =>
  actOnCommande(ctx, principal, caseId, viser, { actor: actorOf(principal), role: visaRoleOf(principal, body.action), action: visaInput(body) });

export const cancelCommande = (ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof MotifBody>) =>
  actOnCommande(ctx, principal, caseId, annuler, { actor: actorOf(principal), motif: body.motif });

export function instructionRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const base = '/sur-mesure/commandes/:caseId';

  route({ method: 'post', path: `${base}/qualification`, tag: TAG, summary: 'Qualifier le besoin et choisir l’organisme de la co-construction',
    roles: ['caseworker'], params: CommandeParams, body: QualificationBody, ok },
  ({ params, body, principal }) => qualifyCommande(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/co-construction`, tag: TAG, summary: 'Proposer le programme, les heures, les dates et le devis (organisme)',
    roles: ['organisme'], params: CommandeParams, body: CoConstructionBody, ok },
  ({ params, body, principal }) => coConstruct(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/derogation`, tag: TAG, summary: 'Enregistrer une dérogation à la durée maximale',
    roles: ['caseworker'], params: CommandeParams, body: DerogationBody, ok },
  ({ params, body, principal }) => recordDerogation(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/visa`, tag: TAG,
    summary: 'Décision de financement : proposer (chargé de mission), valider, voter, renvoyer, refuser (chef de service), engager (finances)',
    roles: ['caseworker', 'chef_service', 'finance'], params: CommandeParams, body: VisaBody, ok },
  ({ params, body, principal }) => visaCommande(ctx, principal, params.caseId, body));

  route({ method: 'post', path: `${base}/annulation`, tag: TAG, summary: 'Annuler la commande (avant la formation)',
    roles: ['caseworker', 'chef_service'], params: CommandeParams, body: MotifBody, ok },
  ({ params, body, principal }) => cancelCommande(ctx, principal, params.caseId, body));
}

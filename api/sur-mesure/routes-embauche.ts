/**
 * After the training: the company declares each trainee's hiring, then the situation 6 months later (a
 * caseworker may enter them for it); the provider declares the service fait with the account to pay.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { z } from 'zod';
import type { ContractKind } from '../../domain/sur-mesure/contrat';
import type { DeclarationEmbauche } from '../../domain/sur-mesure/embauche';
import { declarerEmbauche, declarerServiceFait, declarerSuivi6Mois } from '../../workflows/sur-mesure/messages';
import { actorOf, type Principal } from '../auth';
import type { ApiContext } from '../context';
import { routeDefiner } from '../route';
import { CaseStateSchema } from '../schemas';
import { commandeFor, updateCommande, withRecords } from './access';
import { assertStagiaire } from './candidats';
import { CommandeParams, EmbaucheBody, ServiceFaitBody, StagiaireParams, Suivi6MoisBody } from './schemas';

const TAG = 'Sur-mesure : embauche et service fait';
const ok = { status: 200, schema: CaseStateSchema, description: 'Nouvel état de la commande' };

const declarationOf = (body: z.infer<typeof EmbaucheBody>): DeclarationEmbauche => (body.embauche
  ? { embauche: true, contrat: { ...body.contrat, kind: body.contrat.kind as ContractKind } }
  : { embauche: false, refusParLeStagiaire: body.refusParLeStagiaire });

/** The services behind the routes (the API's and the console's forms). */
export async function declareHiring(ctx: ApiContext, principal: Principal, caseId: string, stagiaireId: string, body: z.infer<typeof EmbaucheBody>) {
  await commandeFor(ctx, principal, caseId);
  await assertStagiaire(ctx, caseId, stagiaireId);
  return updateCommande(ctx, caseId, declarerEmbauche, { actor: actorOf(principal), stagiaireId, declaration: declarationOf(body) });
}

export async function declareSixMonths(ctx: ApiContext, principal: Principal, caseId: string, stagiaireId: string, body: z.infer<typeof Suivi6MoisBody>) {
  await commandeFor(ctx, principal, caseId);
  await assertStagiaire(ctx, caseId, stagiaireId);
  return updateCommande(ctx, caseId, declarerSuivi6Mois, { actor: actorOf(principal), stagiaireId, stillEmployed: body.stillEmployed, rupture: body.rupture ?? null });
}

export async function declareServiceFait(ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof ServiceFaitBody>) {
  const { commande } = await commandeFor(ctx, principal, caseId);
  // The provider's account goes in the core's bank_account (holder: the provider), written with the update.
  return withRecords(ctx, (em) => em.execute(
    `insert into bank_account (dossier_id, iban, bic, holder_name, recorded_by) values (?, ?, ?, ?, ?)
     on conflict (dossier_id) do update set iban = excluded.iban, bic = excluded.bic, holder_name = excluded.holder_name,
       recorded_by = excluded.recorded_by, recorded_at = now()`,
    [caseId, body.iban, body.bic ?? null, commande.organisme!.name.slice(0, 140), actorOf(principal)]).then(() => undefined),
  () => updateCommande(ctx, caseId, declarerServiceFait, { actor: actorOf(principal),
    stagiaires: body.stagiaires.map((s) => ({ stagiaireId: s.stagiaireId, deliveredMinutes: s.minutesRealisees })) }));
}

export function embaucheRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const base = '/sur-mesure/commandes/:caseId';

  route({ method: 'post', path: `${base}/stagiaires/:stagiaireId/embauche`, tag: TAG, summary: 'Déclarer l’embauche (ou la non-embauche) d’un stagiaire',
    roles: ['entreprise', 'caseworker'], params: StagiaireParams, body: EmbaucheBody, ok, designates: { stagiaireId: 'sur_mesure_trainee' } },
  ({ params, body, principal }) => declareHiring(ctx, principal, params.caseId, params.stagiaireId, body));

  route({ method: 'post', path: `${base}/stagiaires/:stagiaireId/suivi-6-mois`, tag: TAG, summary: 'Déclarer si le contrat continue 6 mois après l’embauche',
    roles: ['entreprise', 'caseworker'], params: StagiaireParams, body: Suivi6MoisBody, ok, designates: { stagiaireId: 'sur_mesure_trainee' } },
  ({ params, body, principal }) => declareSixMonths(ctx, principal, params.caseId, params.stagiaireId, body));

  route({ method: 'post', path: `${base}/service-fait`, tag: TAG,
    summary: 'Déclarer le service fait (minutes réalisées par stagiaire) et le compte à payer (organisme)',
    roles: ['organisme'], params: CommandeParams, body: ServiceFaitBody, ok },
  ({ params, body, principal }) => declareServiceFait(ctx, principal, params.caseId, body));
}

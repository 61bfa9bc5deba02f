/**
 * After the entry: the pay file (caseworker), monthly attendance statements and the exit (organisme), aids,
 * suspension and resumption, and the follow-up outcomes (caseworker or the prescribing partner).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { apiDate } from '../dates';
import { BankAccount, RemunerationDossier } from '../../db/entities';
import { CERTIFICATIONS, EXIT_KINDS, FOLLOW_UP_OUTCOMES, FOLLOW_UP_STEPS } from '../../domain/parcours/sortie';
import { isValidBic, isValidIban, normalizeIban } from '../../domain/paiements/iban';
import {
  accorderAide, declarerSortie, enregistrerSuivi, etablirRemuneration, MAX_AID_QUANTITY, reprendre, suspendre,
} from '../../workflows/parcours/messages';
import { PARCOURS } from '../../domain/parcours/stages';
import { actorOf, type Principal } from '../auth';
import { act } from '../case/act';
import { loadCaseFor } from '../case/access';
import type { ApiContext } from '../context';
import { routeDefiner } from '../route';
import { CaseParams, CaseStateSchema } from '../schemas';
import { sessionStatementsRoute, statementRoute } from './etats-presence';

const count = z.number().int().min(0);
export const RemunerationBody = z.object({
  iban: z.string().transform(normalizeIban).refine(isValidIban, 'IBAN invalide'),
  bic: z.string().toUpperCase().refine(isValidBic, 'BIC invalide').optional(),
  rythme: z.enum(['temps_plein', 'temps_partiel']),
  indemniseARE: z.boolean().default(false).describe('Indemnisé par France Travail (AREF) : pas de rémunération de la Région'),
  profile: z.object({
    priorWork: z.object({ monthsInLast12: count.max(12), monthsInLast24: count.max(24) }),
    situation: z.object({
      parentIsole: z.boolean().optional(), femmeSeuleEnceinte: z.boolean().optional(),
      troisEnfantsACharge: z.boolean().optional(), separationMoinsDe3Ans: z.boolean().optional(),
    }).strict().default({}),
    rqth: z.boolean(),
    previousMonthlySalaryCents: z.number().int().positive().optional(),
    eligibleASS: z.boolean().optional()
      .describe('Temps partiel : la personne aurait droit à l’ASS, la rémunération est portée au moins à son montant (D6341-24-1)'),
  }).strict(),
}).strict().meta({ id: 'DossierRemuneration' });

export const AideBody = z.object({
  kind: z.enum(['equipement', 'mobilite_transport', 'mobilite_hebergement', 'mobilite_restauration']),
  quantity: z.number().int().min(1).max(MAX_AID_QUANTITY).default(1)
    .describe('Nombre de nuits, de repas ou de mois selon l’unité de l’aide ; 1 pour une aide versée une fois par parcours'),
}).strict().meta({ id: 'Aide' });
export const MotifBody = z.object({ motif: z.string().trim().min(1).max(500) }).strict();
export const SortieBody = z.object({
  kind: z.enum(EXIT_KINDS), exitDate: apiDate(), certification: z.enum(CERTIFICATIONS).optional(),
}).strict().meta({ id: 'Sortie' });
export const SuiviBody = z.object({ step: z.enum(FOLLOW_UP_STEPS), outcome: z.enum(FOLLOW_UP_OUTCOMES) }).strict().meta({ id: 'SuiviEmploi' });

/**
 * The pay file of a case (the API's route and the console's form): bank details stay in PostgreSQL; the workflow
 * only gets the profile that decides the barème. If the workflow refuses it, the previous pay file is put back
 * (compensation): nothing is left half-written.
 */
export async function establishPayFile(ctx: ApiContext, principal: Principal, caseId: string, body: z.infer<typeof RemunerationBody>) {
  const em = ctx.orm.em.fork() as EntityManager;
  await loadCaseFor(em, principal, caseId);
  const previous = await readPayFile(em, caseId);
  const actor = actorOf(principal);
  await writePayFile(em, caseId, {
    account: { iban: body.iban, bic: body.bic ?? null, recordedBy: actor },
    file: { rythme: body.rythme, profile: body.profile, bareme: previous.file?.bareme ?? null, recordedBy: actor },
  });
  try {
    return await act(ctx, principal, caseId, etablirRemuneration,
      { actor, profile: body.profile, rythme: body.rythme, indemniseARE: body.indemniseARE }, PARCOURS.kind);
  } catch (err) {
    await writePayFile(em, caseId, previous);
    throw err;
  }
}

export function formationRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const ok = { status: 200, schema: CaseStateSchema, description: 'Nouvel état du parcours' };
  const tag = 'Formation et rémunération';

  route({ method: 'post', path: '/cases/:caseId/remuneration', tag, summary: 'Établir le dossier de rémunération (barème à l’entrée, IBAN)',
    roles: ['caseworker'], params: CaseParams, body: RemunerationBody, ok, example: { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP',
      rythme: 'temps_plein', indemniseARE: false, profile: { priorWork: { monthsInLast12: 3, monthsInLast24: 8 }, situation: { parentIsole: true }, rqth: false } } },
  ({ params, body, principal }) => establishPayFile(ctx, principal, params.caseId, body));

  statementRoute(router, registry, ctx, tag);
  sessionStatementsRoute(router, registry, ctx, tag);

  route({ method: 'post', path: '/cases/:caseId/aides', tag,
    summary: 'Accorder une aide (équipement, mobilité) : chaque aide est un paiement ; 409 pour une aide unique déjà accordée',
    roles: ['caseworker'], params: CaseParams, body: AideBody, ok, example: { kind: 'mobilite_hebergement', quantity: 5 } },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, accorderAide,
    { actor: actorOf(principal), kind: body.kind, quantity: body.quantity }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/suspension', tag, summary: 'Suspendre la formation (interruption justifiée)',
    roles: ['caseworker', 'organisme'], params: CaseParams, body: MotifBody, ok, example: { motif: 'Hospitalisation de trois semaines' } },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, suspendre, { actor: actorOf(principal), motif: body.motif }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/reprise', tag, summary: 'Reprendre la formation après une suspension',
    roles: ['caseworker', 'organisme'], params: CaseParams, ok },
  ({ params, principal }) => act(ctx, principal, params.caseId, reprendre, { actor: actorOf(principal) }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/sortie', tag, summary: 'Déclarer la sortie (fin, emploi, abandon, exclusion)',
    roles: ['organisme', 'caseworker'], params: CaseParams, body: SortieBody, ok,
    example: { kind: 'terminee', exitDate: '2027-06-30', certification: 'totale' } },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, declarerSortie, { actor: actorOf(principal), ...body }, PARCOURS.kind));

  route({ method: 'post', path: '/cases/:caseId/suivi', tag: 'Suivi emploi', summary: 'Enregistrer la situation à 3 ou 6 mois',
    roles: ['caseworker', 'partner'], params: CaseParams, body: SuiviBody, ok, example: { step: '3m', outcome: 'emploi_1mois' } },
  ({ params, body, principal }) => act(ctx, principal, params.caseId, enregistrerSuivi, { actor: actorOf(principal), ...body }, PARCOURS.kind));
}

interface PayFile {
  account: { iban: string; bic: string | null; recordedBy: string } | null;
  file: { rythme: string; profile: Record<string, unknown>; bareme: Record<string, unknown> | null; recordedBy: string } | null;
}

async function readPayFile(em: EntityManager, caseId: string): Promise<PayFile> {
  const [account, file] = await Promise.all([em.findOne(BankAccount, { dossier: caseId }), em.findOne(RemunerationDossier, { dossier: caseId })]);
  return {
    account: account && { iban: account.iban, bic: account.bic, recordedBy: account.recordedBy },
    file: file && { rythme: file.rythme, profile: file.profile, bareme: file.bareme, recordedBy: file.recordedBy },
  };
}

/** Writes (or, given nulls, removes) the bank account and the pay file together. */
async function writePayFile(em: EntityManager, caseId: string, { account, file }: PayFile): Promise<void> {
  await em.transactional(async (tx) => {
    if (account) await tx.upsert(BankAccount, { dossier: caseId, ...account, holderName: null, recordedAt: new Date() });
    else await tx.nativeDelete(BankAccount, { dossier: caseId });
    if (file) await tx.upsert(RemunerationDossier, { dossier: caseId, ...file, recordedAt: new Date() });
    else await tx.nativeDelete(RemunerationDossier, { dossier: caseId });
  });
}

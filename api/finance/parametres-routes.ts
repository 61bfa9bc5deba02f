/**
 * The pay parameters for finance: which rows are in force, where each figure comes from and whether it was
 * checked (source / verified), the 1 April upratings not entered yet (told once), and the four-eyes proposals
 * that change the rows without a deployment (./parametres-store.ts).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { ruleStatus } from '../../activities/parcours/remuneration/failures';
import { parisClock } from '../../domain/dates';
import { RemunerationRuleError, type ProposedRow } from '../../domain/remuneration';
import { actorOf } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { routeDefiner } from '../route';
import { approve, listProposals, markNoticeRead, propose, reject, statusWithNotices } from './parametres-store';

const TAG = 'Paramètres de rémunération';
const STATUSES = ['proposee', 'approuvee', 'rejetee'] as const;

const day = z.iso.date().refine((d) => d >= '2021-01-01' && d <= '2100-12-31', 'date hors de la période des barèmes (2021–2100)');
/** Whole numbers the tables hold (int columns); the rules say which are acceptable, in French. */
const positive = z.number().int().max(100_000_000);
/** Free text for people, without the NUL character PostgreSQL refuses. */
const text = (max: number) => z.string().trim().min(1).max(max).refine((s) => !s.includes('\u0000'), 'caractère nul interdit');
const base = {
  effectiveFrom: day.describe('Date d’effet (AAAA-MM-JJ) : le 1er d’un mois (sauf aides), après le dernier mois payé'),
  source: text(500).describe('D’où vient le montant : texte, publication ou calcul'),
  verified: z.boolean().describe('Vérifié sur le texte publié'),
};
const ProposedRowBody = z.discriminatedUnion('table', [
  z.object({ table: z.literal('remuneration_rate'), category: z.enum(['mineur_16_17', 'jeune_18_25', 'adulte_26_plus',
    'jeune_activite_anterieure', 'jeune_situation_familiale', 'rqth']), monthlyCents: positive, ...base }).strict(),
  z.object({ table: z.literal('rqth_salary_bounds'), minCents: positive, maxCents: positive, ...base }).strict(),
  z.object({ table: z.literal('ass_amount'), dailyCents: positive, ...base }).strict(),
  z.object({ table: z.literal('aid_amount'), kind: z.enum(['equipement', 'mobilite_transport', 'mobilite_hebergement', 'mobilite_restauration']),
    unit: z.enum(['par_parcours', 'par_mois', 'par_nuit', 'par_repas']), amountCents: positive, ...base }).strict(),
  z.object({ table: z.literal('remuneration_setting'), key: z.literal('avance_percent'), value: positive, ...base }).strict(),
]).meta({ id: 'LigneParametre', example: { table: 'remuneration_rate', category: 'adulte_26_plus', monthlyCents: 71_200,
  effectiveFrom: '2027-04-01', source: 'Arrêté de revalorisation au 1er avril 2027 (JO à paraître)', verified: false } });

const ProposalSchema = z.object({
  id: z.string().uuid(), row: z.record(z.string(), z.unknown()), status: z.enum(STATUSES), proposedBy: z.string(), proposedAt: z.string(),
  decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), reason: z.string().nullable(),
}).meta({ id: 'PropositionParametre' });

const StatusSchema = z.object({
  date: z.string(),
  rows: z.array(z.object({ table: z.string(), key: z.string(), effectiveFrom: z.string(), values: z.record(z.string(), z.number()),
    source: z.string().nullable(), verified: z.boolean() })),
  missingUpratings: z.array(z.object({ key: z.string(), table: z.string(), expectedFrom: z.string(), appliedFrom: z.string(),
    seriesMissing: z.array(z.string()), messageFr: z.string() })),
  messagesFr: z.array(z.string()),
  avis: z.array(z.object({ key: z.string(), messageFr: z.string(), firstShownAt: z.string() }))
    .describe('Revalorisations du 1er avril non saisies, montrées jusqu’à ce qu’un agent des finances les marque lues'),
}).meta({ id: 'EtatParametres' });

const IdParams = z.object({ id: z.string().uuid() });
const NoticeParams = z.object({ key: z.string().regex(/^revalorisation-\d{4}-\d{2}-\d{2}-[a-z_]+$/) });

/** The rules' refusals, in French, with their code. */
export async function ruled<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RemunerationRuleError) throw new HttpError(ruleStatus(err), err.message, { code: err.code });
    throw err;
  }
}

export function parametreRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;
  const decided = { status: 200, schema: ProposalSchema, description: 'La proposition après la décision' };

  route({ method: 'get', path: '/parametres/remuneration', tag: TAG, roles: ['finance', 'caseworker'],
    summary: 'Lignes en vigueur (source, vérifiée ou non), revalorisations manquantes et avis non lus',
    query: z.object({ date: day.optional().describe('Date (AAAA-MM-JJ), aujourd’hui par défaut') }).strict(),
    ok: { status: 200, schema: StatusSchema, description: 'État des paramètres à la date' } },
  async ({ query }) => {
    const today = parisClock().today;
    return statusWithNotices(em(), query.date ?? today, today);
  });

  route({ method: 'post', path: '/parametres/avis/:key/lecture', tag: TAG, roles: ['finance'], params: NoticeParams, designates: { key: 'pay_parameter_notice' },
    summary: 'Marquer lu un avis de revalorisation manquante : il ne sera plus montré',
    ok: { status: 200, schema: z.object({ key: z.string(), readBy: z.string(), readAt: z.string() }), description: 'Avis lu' } },
  ({ params, principal }) => markNoticeRead(em(), params.key, actorOf(principal)));

  route({ method: 'post', path: '/parametres/propositions', tag: TAG, roles: ['finance'], body: ProposedRowBody,
    errors: { 409: 'Un mois concerné est déjà payé' },
    summary: 'Proposer une ligne datée (barème, bornes RQTH, ASS, aide, part de l’avance) ; un autre agent des finances la valide',
    ok: { status: 201, schema: ProposalSchema, description: 'Proposition enregistrée, en attente de validation' } },
  ({ body, principal }) => ruled(() => propose(em(), body as ProposedRow, actorOf(principal))));

  route({ method: 'get', path: '/parametres/propositions', tag: TAG, roles: ['finance'],
    summary: 'Propositions de paramètres, les plus récentes d’abord',
    query: z.object({ status: z.enum(STATUSES).optional() }).strict(),
    ok: { status: 200, schema: z.object({ items: z.array(ProposalSchema) }), description: 'Propositions' } },
  async ({ query }) => ({ items: await listProposals(em(), query.status) }));

  route({ method: 'post', path: '/parametres/propositions/:id/approbation', tag: TAG, roles: ['finance'], params: IdParams,
    designates: { id: 'pay_parameter_proposal' }, errors: { 409: 'Proposition déjà traitée, son auteur qui la valide, ou un mois concerné déjà payé' },
    summary: 'Valider une proposition (quatre yeux : pas son auteur) ; la ligne entre en vigueur à sa date ; 409 si un mois concerné est déjà payé',
    ok: decided },
  ({ params, principal }) => ruled(() => approve(em(), params.id, actorOf(principal))));

  route({ method: 'post', path: '/parametres/propositions/:id/rejet', tag: TAG, roles: ['finance'], params: IdParams,
    designates: { id: 'pay_parameter_proposal' }, errors: { 409: 'Proposition déjà traitée' },
    body: z.object({ motif: text(500) }).strict().meta({ id: 'RejetProposition', example: { motif: 'Montant à vérifier sur le texte publié' } }),
    summary: 'Rejeter une proposition, avec son motif', ok: decided },
  ({ params, body, principal }) => ruled(() => reject(em(), params.id, actorOf(principal), body.motif)));
}

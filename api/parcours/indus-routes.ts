/**
 * Overpayments (indus) of a case and their life: the caseworker sees them and decides a remise (all that is
 * left, or part of it, with a reason); finance records what the trainee repaid after a repayment order.
 * Retenues are the monthly payment's business (activities/parcours/remuneration/mensuel.ts). Each change
 * runs in one transaction under the case's ledger lock, through the pure rules of domain/remuneration/indu.ts,
 * and is written in the audit log. Works on closed cases too: an indu outlives its case's workflow.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { z } from 'zod';
import { writeAudit } from '../../activities/case/audit';
import { loadOverpayment, loadOverpayments, recordRepayment, remit, type LedgerOverpayment } from '../../activities/paiements/indus';
import { lockCaseLedger } from '../../activities/paiements/locks';
import { ruleStatus } from '../../activities/parcours/remuneration/failures';
import { Dossier } from '../../db/entities';
import { parisClock } from '../../domain/dates';
import { remainingCents, RemunerationRuleError } from '../../domain/remuneration';
import { actorOf, type Principal } from '../auth';
import { loadCaseFor } from '../case/access';
import type { ApiContext } from '../context';
import { HttpError, notFound } from '../errors';
import { routeDefiner } from '../route';
import { CaseParams } from '../schemas';

const TAG = 'Indus (sommes versées en trop)';

const InduParams = CaseParams.extend({ reference: z.string().regex(/^IN-\d{6}-[0-9A-HJKMNP-TV-Z]{20}$/).describe('Référence de l’indu') });

const cents = z.number().int().positive().max(99_999_999_999);
const RemiseBody = z.object({
  motif: z.string().trim().min(1).max(500).refine((s) => !s.includes('\u0000'), 'caractère nul interdit').describe('Motif de la décision de remise'),
  amountCents: cents.optional().describe('Montant remis ; absent : tout ce qui reste à recouvrer'),
}).strict().meta({ id: 'RemiseIndu', example: { motif: 'Situation financière difficile, reste à vivre insuffisant', amountCents: 15_000 } });
const ReversementBody = z.object({
  amountCents: cents.describe('Montant reçu après l’ordre de reversement'),
  date: z.iso.date().optional().describe('Date de réception (AAAA-MM-JJ), aujourd’hui par défaut')
    .refine((d) => d === undefined || (d >= '2021-01-01' && d <= parisClock().today), 'date de réception impossible'),
}).strict().meta({ id: 'ReversementIndu', example: { amountCents: 15_000, date: '2026-11-20' } });

const InduSchema = z.object({
  reference: z.string(), period: z.string(), seq: z.number().int(), amountCents: z.number().int(), remainingCents: z.number().int(),
  reason: z.string(), plan: z.enum(['retenue', 'ordre_de_reversement']),
  status: z.enum(['a_recouvrer', 'recouvre_partiellement', 'recouvre', 'remis']),
  movements: z.array(z.object({ amountCents: z.number().int(), method: z.string(), date: z.string(), actor: z.string(), motif: z.string().optional() })),
}).meta({ id: 'Indu' });
const InduList = z.object({ items: z.array(InduSchema) }).meta({ id: 'Indus' });

const viewOf = (o: LedgerOverpayment) => ({
  reference: o.reference, period: o.period, seq: o.seq, amountCents: o.amountCents, remainingCents: remainingCents(o), reason: o.reason,
  plan: o.plan, status: o.status, movements: o.movements,
});

/** Caseworkers through the case's access rule; finance sees every case's money, never its person. */
async function checkCase(em: EntityManager, principal: Principal, caseId: string): Promise<void> {
  if (principal.role !== 'finance') return void (await loadCaseFor(em, principal, caseId));
  if (!(await em.findOne(Dossier, { id: caseId }, { fields: ['id'] }))) throw notFound('dossier');
}

/** One change of one indu, under the case's ledger lock; the rules' refusals answered in French. */
async function change(ctx: ApiContext, caseId: string, reference: string, apply: (tx: EntityManager, o: LedgerOverpayment) => Promise<LedgerOverpayment>) {
  return (ctx.orm.em.fork() as EntityManager).transactional(async (tx) => {
    await lockCaseLedger(tx, caseId);
    const o = await loadOverpayment(tx, caseId, reference);
    if (!o) throw notFound('indu');
    try {
      return viewOf(await apply(tx, o));
    } catch (err) {
      if (err instanceof RemunerationRuleError) throw new HttpError(ruleStatus(err), err.message, { code: err.code });
      throw err;
    }
  });
}

export function induRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const ok = { status: 200, schema: InduSchema, description: 'L’indu après le mouvement' };

  route({ method: 'get', path: '/cases/:caseId/indus', tag: TAG, summary: 'Indus du dossier, avec ce qui reste à recouvrer et leurs mouvements',
    roles: ['caseworker', 'finance'], params: CaseParams, ok: { status: 200, schema: InduList, description: 'Indus, du plus ancien au plus récent' } },
  async ({ params, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    await checkCase(em, principal, params.caseId);
    return { items: (await loadOverpayments(em, params.caseId)).map(viewOf) };
  });

  route({ method: 'post', path: '/cases/:caseId/indus/:reference/remise', tag: TAG,
    summary: 'Remise (décision de l’agent instructeur, motivée) de tout ou partie de ce qui reste d’un indu ; 409 si l’indu est soldé',
    roles: ['caseworker'], params: InduParams, body: RemiseBody, ok, designates: { reference: 'overpayment' } },
  async ({ params, body, principal }) => {
    await checkCase(ctx.orm.em.fork() as EntityManager, principal, params.caseId);
    const actor = actorOf(principal);
    return change(ctx, params.caseId, params.reference, async (tx, o) => {
      const after = await remit(tx, o, { date: parisClock().today, actor, motif: body.motif, amountCents: body.amountCents });
      await writeAudit(tx, { operation: 'indu_remise', actor, dossierId: params.caseId,
        detail: { reference: o.reference, amountCents: after.movements.at(-1)!.amountCents, status: after.status } });
      return after;
    });
  });

  route({ method: 'post', path: '/cases/:caseId/indus/:reference/reversements', tag: TAG,
    summary: 'Enregistrer un remboursement reçu après l’ordre de reversement ; 409 au-delà de ce qui reste',
    roles: ['finance'], params: InduParams, body: ReversementBody, ok, designates: { reference: 'overpayment' } },
  async ({ params, body, principal }) => {
    await checkCase(ctx.orm.em.fork() as EntityManager, principal, params.caseId);
    const actor = actorOf(principal);
    return change(ctx, params.caseId, params.reference, async (tx, o) => {
      const after = await recordRepayment(tx, o, { amountCents: body.amountCents, date: body.date ?? parisClock().today, actor });
      await writeAudit(tx, { operation: 'indu_reversement', actor, dossierId: params.caseId,
        detail: { reference: o.reference, amountCents: body.amountCents, status: after.status } });
      return after;
    });
  });
}

/**
 * The paying agent's monthly file, for the Région's finance team (role `finance`).
 *
 * - POST /payment-files {executionDate}: puts every pending payment in a new file, once (201), or 409 when
 *   there is nothing to include. 503 while the Région's account (PAYING_AGENT_IBAN) is not configured. A date
 *   on which TARGET2 is closed moves to the next business day, and the answer says so.
 * - GET /payment-files/:id/csv and /xml: the stored bytes of the file, exactly as built (text/csv,
 *   application/xml), never regenerated. Declared by hand (not with `routeDefiner`) for this one reason:
 *   the answer is not JSON. Every download is written in the audit log: the files hold bank details.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { apiDate } from '../dates';
import { buildPaymentFile, debtorProblem, readPaymentFile, type Debtor, type PaymentFileFormat } from '../../activities/paiements/payment-file';
import { writeAudit } from '../../activities/case/audit';
import { parisClock } from '../../domain/dates';
import { executionDateFor } from '../../domain/paiements/calendrier-target2';
import { actorOf, principalOf, type Principal, type Role } from '../auth';
import type { ApiContext } from '../context';
import { forbidden, HttpError, notFound } from '../errors';
import { declareRoute, routeDefiner } from '../route';

const TAG = 'Paiements';
const ROLES: readonly Role[] = ['finance'];
const FILE_ID = /^PF-\d{8}-\d{1,8}$/;

const CreateBody = z.object({
  executionDate: apiDate().describe('Date d’exécution demandée à la banque (AAAA-MM-JJ), aujourd’hui ou plus tard (heure de Paris)')
    .refine((d) => d >= parisClock().today, 'la date d’exécution est passée'),
}).strict().meta({ id: 'DemandeFichierPaiement' });

const Created = z.object({
  id: z.string().describe('PF-<AAAAMMJJ>-<rang du jour>'),
  requestedExecutionDate: z.string().describe('Date demandée'),
  executionDate: z.string().describe('Date d’exécution du fichier : la date demandée, ou le jour ouvré TARGET2 suivant'),
  executionDateMoved: z.boolean(),
  message: z.string().nullable().describe('Pourquoi la date a été décalée (week-end ou jour de fermeture de TARGET2)'),
  lineCount: z.number().int(),
  totalCents: z.number().int(),
  messageId: z.string().describe('MsgId du pain.001 (empreinte des lignes)'),
  heldBack: z.array(z.object({ reference: z.string(), problem: z.string() }))
    .describe('Paiements retenus hors du fichier (coordonnées bancaires absentes ou invalides) : ils restent en attente'),
}).meta({ id: 'FichierPaiement' });

const FileParams = z.object({ id: z.string().regex(FILE_ID).describe('PF-<AAAAMMJJ>-<n>') });

const FORMATS: Readonly<Record<PaymentFileFormat, { contentType: string; description: string }>> = {
  csv: { contentType: 'text/csv; charset=utf-8', description: 'CSV pour la direction des finances' },
  xml: { contentType: 'application/xml; charset=utf-8', description: 'Virements SEPA, ISO 20022 pain.001.001.09' },
};

function debtorOf(ctx: ApiContext): Debtor {
  const settings = ctx.config;
  if (!settings.PAYING_AGENT_IBAN) throw new HttpError(503, 'compte payeur non configuré', { code: 'NotConfigured' });
  const debtor: Debtor = { name: settings.PAYING_AGENT_NAME, iban: settings.PAYING_AGENT_IBAN,
    ...(settings.PAYING_AGENT_BIC ? { bic: settings.PAYING_AGENT_BIC } : {}) };
  const problem = debtorProblem(debtor);
  if (problem) throw new HttpError(503, `compte payeur mal configuré : ${problem}`, { code: 'NotConfigured' });
  return debtor;
}

/** Builds the file of every pending payment (the API's POST /payment-files and the console's finance page). */
export async function producePaymentFile(ctx: ApiContext, principal: Principal, executionDate: string) {
  const debtor = debtorOf(ctx);
  // A closing day of TARGET2 (weekend, 1 January, Good Friday, Easter Monday, 1 May, 25–26 December) moves to
  // the next business day, never earlier: a transfer must not leave before the day finance chose.
  const when = executionDateFor(executionDate);
  const file = await buildPaymentFile(ctx.orm.em.fork() as EntityManager,
    { executionDate: when.executionDate, createdAt: parisClock().now, debtor, createdBy: actorOf(principal) });
  if (!file) throw new HttpError(409, 'aucun paiement à inclure');
  const { id, lineCount, totalCents, messageId, heldBack } = file;
  return { id, requestedExecutionDate: when.requested, executionDate: file.executionDate, executionDateMoved: when.moved, message: when.messageFr,
    lineCount, totalCents, messageId, heldBack };
}

/** The stored bytes of a file; every download audited (the files hold bank details). */
export async function downloadPaymentFile(ctx: ApiContext, principal: Principal, id: string, format: PaymentFileFormat): Promise<string> {
  if (!FILE_ID.test(id)) throw notFound('fichier de paiement');
  const em = ctx.orm.em.fork() as EntityManager;
  const content = await readPaymentFile(em, id, format);
  if (content === null) throw notFound('fichier de paiement');
  await writeAudit(em, { operation: 'fichier_paiement_telecharge', actor: actorOf(principal), detail: { fileId: id, format } });
  return content;
}

export { CreateBody as PaymentFileBody };

export function paymentFileRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  routeDefiner(router, registry)({ method: 'post', path: '/payment-files', tag: TAG, roles: ROLES,
    summary: 'Produire le fichier de paiement (CSV et pain.001) des paiements en attente ; 503 si le compte payeur n’est pas configuré',
    body: CreateBody, ok: { status: 201, schema: Created, description: 'Fichier produit ; chaque paiement n’y figure qu’une fois, tous fichiers confondus' },
    example: { executionDate: parisClock().today }, errors: { 409: 'Aucun paiement en attente à inclure' } },
  ({ body, principal }) => producePaymentFile(ctx, principal, body.executionDate));

  for (const format of ['csv', 'xml'] as const) {
    const { contentType, description } = FORMATS[format];
    declareRoute(registry, {
      method: 'get', path: `/payment-files/:id/${format}`, tags: [TAG], access: { roles: ROLES }, designates: { id: 'payment_file' },
      summary: `Télécharger le fichier de paiement (${format.toUpperCase()}), octet pour octet tel que produit`,
      description: 'Rôles : finance. Chaque téléchargement est journalisé.',
      request: { params: FileParams },
      responses: {
        200: { description, content: { [contentType.split(';')[0]]: { schema: z.string() } } },
      },
    });

    router.get(`/payment-files/:id/${format}`, async (req: Request, res: Response) => {
      const principal = principalOf(req);
      if (!ROLES.includes(principal.role)) throw forbidden();
      const id = String(req.params.id);
      if (!FILE_ID.test(id)) throw notFound('fichier de paiement');
      const content = await downloadPaymentFile(ctx, principal, id, format);
      res.status(200).set({
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="${id}.${format}"`,
        'Cache-Control': 'no-store',
      }).send(Buffer.from(content, 'utf8'));
    });
  }
}

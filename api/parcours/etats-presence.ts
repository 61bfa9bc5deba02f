/**
 * Attendance statements (états de présence), as training providers send them (issue 9 §3): one case's month
 * (POST /cases/:caseId/etats-presence), or a month for a whole session in one request
 * (POST /sessions/:sessionId/etats-presence: a JSON array, or a CSV file with the header CSV_HEADER). Each is
 * checked against the case's read model and durably accepted in the inbox (./etats-presence-inbox.ts): 202 in
 * milliseconds; the relay hands it to the case's workflow (`certifierEtatPresence`), the payment follows.
 * GET /cases/:caseId/etats-presence says, month by month, what became of the last one sent. A repeat changes nothing.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { FormationSession } from '../../db/entities';
import { PARCOURS } from '../../domain/parcours/stages';
import type { ParcoursState } from '../../workflows/parcours/messages';
import { principalOf, type Principal } from '../auth';
import { loadCaseFor } from '../case/access';
import { assertProcess } from '../case/act';
import { caseState } from '../case/state';
import type { ApiContext } from '../context';
import { forbidden, HttpError, notFound, toHttpError } from '../errors';
import { declareRoute, routeDefiner } from '../route';
import { CaseParams } from '../schemas';
import { csvLines, CSV_HEADER } from './etats-presence-csv';
import { lastReceptions, receiveStatement } from './etats-presence-inbox';

const count = z.number().int().min(0);
const STATEMENT_FIELDS = {
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'AAAA-MM'),
  scheduledMinutes: count.max(31 * 24 * 60),
  unjustifiedAbsenceMinutes: count,
  indemnitesJournalieresCents: count.default(0),
};
const withinSchedule = (b: { unjustifiedAbsenceMinutes: number; scheduledMinutes: number }): boolean => b.unjustifiedAbsenceMinutes <= b.scheduledMinutes;
const tooManyAbsences = { message: 'plus d’absences que d’heures prévues', path: ['unjustifiedAbsenceMinutes'] };

export const EtatPresenceBody = z.object(STATEMENT_FIELDS).strict().refine(withinSchedule, tooManyAbsences).meta({ id: 'EtatPresence' });
/** One line of a session's batch: the case, then the same fields as a single statement. */
export const EtatPresenceLigne = z.object({ caseId: z.string().uuid(), ...STATEMENT_FIELDS }).strict().refine(withinSchedule, tooManyAbsences)
  .meta({ id: 'EtatPresenceLigne' });

const OUTCOMES = z.enum(['recu', 'enregistre', 'corrige', 'inchange']).describe('recu : accepté, le dossier l’enregistre dans la foulée '
  + '(voir GET /cases/{caseId}/etats-presence) ; inchange : le même état était déjà enregistré, rien n’a changé ; '
  + 'enregistre, corrige : enregistré par le dossier lui-même (un dossier antérieur à la réception différée)');

export const EtatPresenceAccepteSchema = z.object({
  caseId: z.string(), period: z.string(), outcome: OUTCOMES,
  seq: z.number().int().optional().describe('Entrée du journal du dossier qui l’a enregistré (sauf « recu »)'),
  receivedAt: z.string().optional().describe('« recu » : reçu à cet instant'),
}).meta({ id: 'EtatPresenceAccepte' });

const EtatPresenceSuivi = z.object({
  caseId: z.string(),
  items: z.array(z.object({
    period: z.string(),
    enregistre: z.object(STATEMENT_FIELDS).nullable().describe('L’état de présence que le dossier a enregistré pour ce mois'),
    dernierEnvoi: z.object({
      statut: z.enum(['recu', 'en_cours', 'enregistre', 'corrige', 'inchange', 'refuse', 'remplace']),
      recuLe: z.string(), traiteLe: z.string().nullable(), seq: z.number().int().optional(),
      code: z.string().optional(), motif: z.string().nullable().optional().describe('refuse : pourquoi le dossier ne l’a pas pris'),
      etat: z.object(STATEMENT_FIELDS),
    }).nullable().describe('Le dernier état envoyé pour ce mois et ce qu’il est devenu (null : enregistré avant la réception différée)'),
  })).describe('Par mois, du plus ancien au plus récent'),
}).meta({ id: 'EtatsPresenceSuivi' });
const SuiviQuery = z.object({ period: STATEMENT_FIELDS.period.optional() }).strict();

const LigneResultat = z.object({
  ligne: z.number().int().describe('Rang dans le tableau ou ligne du fichier CSV (l’en-tête est la ligne 1)'),
  caseId: z.string().optional(), period: z.string().optional(),
  statut: z.enum(['accepte', 'refuse']),
  resultat: OUTCOMES.optional(),
  code: z.string().optional().describe('Refus : le code de l’erreur, comme pour un état seul'),
  motif: z.string().optional(),
});
export const CompteRenduEtats = z.object({
  sessionId: z.string(), recues: z.number().int(), acceptees: z.number().int(), refusees: z.number().int(), lignes: z.array(LigneResultat),
}).meta({ id: 'CompteRenduEtatsPresence' });
type Resultat = z.infer<typeof LigneResultat>;

/** Lines of one batch: a session has a few dozen trainees; more is not a session. */
const MAX_LINES = 1000;
/** Lines checked at once for one batch: enough to overlap the round trips to PostgreSQL, few enough to leave room for others. */
const LINES_IN_FLIGHT = 8;

const EXAMPLE_LINE = { caseId: '5eed0000-0000-4000-a000-0000000000c1', period: '2026-12', scheduledMinutes: 6300, unjustifiedAbsenceMinutes: 210,
  indemnitesJournalieresCents: 0 };

export function statementRoute(router: Router, registry: OpenAPIRegistry, ctx: ApiContext, tag: string): void {
  routeDefiner(router, registry)({ method: 'post', path: '/cases/:caseId/etats-presence', tag,
    summary: 'Certifier l’état de présence d’un mois (ou le corriger) ; le paiement suit après le délai de correction',
    roles: ['organisme'], params: CaseParams, body: EtatPresenceBody,
    ok: { status: 202, schema: EtatPresenceAccepteSchema, description: 'État accepté (« recu »), ou déjà enregistré à l’identique' },
    example: { period: '2026-12', scheduledMinutes: 6300, unjustifiedAbsenceMinutes: 210, indemnitesJournalieresCents: 0 } },
  ({ params, body, principal }) => receiveStatement(ctx, principal, params.caseId, body));

  routeDefiner(router, registry)({ method: 'get', path: '/cases/:caseId/etats-presence', tag,
    summary: 'Les états de présence du dossier : par mois, ce qu’il a enregistré et ce qu’est devenu le dernier état envoyé',
    roles: ['organisme', 'caseworker'], params: CaseParams, query: SuiviQuery, errors: { 409: 'Le dossier n’est pas un parcours' },
    ok: { status: 200, schema: EtatPresenceSuivi, description: 'Par mois' } },
  async ({ params, query, principal }) => {
    const em = ctx.orm.em.fork() as EntityManager;
    const loaded = await loadCaseFor(em, principal, params.caseId);
    assertProcess(loaded.process, PARCOURS.kind);
    const recorded = (await caseState<ParcoursState>(em, ctx.client, loaded)).formation?.statements ?? {};
    const sent = await lastReceptions(em, params.caseId, query.period);
    const periods = [...new Set([...Object.keys(recorded).filter((p) => !query.period || p === query.period), ...sent.keys()])].sort();
    return { caseId: params.caseId, items: periods.map((period) => ({ period, enregistre: recorded[period] ?? null, dernierEnvoi: sent.get(period) ?? null })) };
  });
}

export function sessionStatementsRoute(router: Router, registry: OpenAPIRegistry, ctx: ApiContext, tag: string): void {
  const path = '/sessions/:sessionId/etats-presence';
  declareRoute(registry, {
    method: 'post', path, tags: [tag], access: { roles: ['organisme'] }, example: [EXAMPLE_LINE],
    summary: 'Certifier les états de présence d’une session en une fois (JSON ou CSV), avec un résultat par ligne',
    description: 'Rôle : organisme, pour ses propres sessions. Chaque ligne est traitée comme un état seul : une ligne refusée '
      + '(donnée invalide, dossier hors de la session, mois non terminé...) ne bloque pas les autres ; une ligne acceptée est « recu » '
      + '(le dossier l’enregistre dans la foulée) ; renvoyer le même lot ne change rien (« recu » tant qu’il attend, « inchange » ensuite). '
      + `JSON : un tableau de lignes (100 ko au plus). CSV (text/csv, UTF-8, virgules) : en-tête ${CSV_HEADER.join(',')}. `
      + `${MAX_LINES} lignes au plus.`,
    request: {
      params: z.object({ sessionId: z.string().uuid() }),
      body: { content: {
        // Each line is checked on its own (a bad line is refused in the report, not the batch): the document's schema is
        // the batch's shape, a line's fields are in the description. No maxItems: 100 kB come first (413); the limit is a 400.
        'application/json': { schema: z.array(z.looseObject({}).describe(
          'Une ligne : caseId, period (AAAA-MM), scheduledMinutes, unjustifiedAbsenceMinutes, indemnitesJournalieresCents (facultatif)')).min(1) },
        'text/csv': { schema: z.string().describe(`En-tête : ${CSV_HEADER.join(',')}`) },
      } },
    },
    responses: {
      200: { description: 'Compte rendu, ligne par ligne', content: { 'application/json': { schema: CompteRenduEtats } } },
    },
  });
  router.post(path, express.text({ type: 'text/csv', limit: '1mb' }), async (req: Request, res: Response) => {
    const principal = principalOf(req);
    if (principal.role !== 'organisme') throw forbidden();
    const sessionId = z.object({ sessionId: z.string().uuid() }).parse(req.params).sessionId;
    const lines = linesOf(req); // like every route: the request's shape first, then what it designates
    const caseIds = await sessionCases(ctx, principal, sessionId);
    res.status(200).json(await certifyBatch(ctx, principal, sessionId, caseIds, lines));
  });
}

/** The cases of the provider's own session; 404 for an unknown session, 403 for another provider's. */
async function sessionCases(ctx: ApiContext, principal: Principal & { role: 'organisme' }, sessionId: string): Promise<Set<string>> {
  const em = ctx.orm.em.fork() as EntityManager;
  const session = await em.findOne(FormationSession, { id: sessionId });
  if (!session) throw notFound('session');
  if (session.organisme.id !== principal.org) throw forbidden('cette session ne relève pas de votre organisation');
  const rows = await em.execute<{ id: string }[]>('select dossier_id as id from parcours_dossier where session_id = ?', [sessionId]);
  return new Set(rows.map((r) => r.id));
}

interface RawLine { ligne: number; valeur: unknown }

function linesOf(req: Request): RawLine[] {
  let lines: RawLine[];
  if (typeof req.body === 'string') lines = csvLines(req.body);
  else if (Array.isArray(req.body) && req.body.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    lines = req.body.map((valeur: unknown, i: number) => ({ ligne: i + 1, valeur }));
  } else throw new HttpError(400, 'un tableau JSON d’états de présence (ou un fichier text/csv) est attendu');
  if (lines.length === 0) throw new HttpError(400, 'le lot est vide');
  if (lines.length > MAX_LINES) throw new HttpError(400, `au plus ${MAX_LINES} lignes par lot`);
  return lines;
}

async function certifyBatch(ctx: ApiContext, principal: Principal, sessionId: string, caseIds: Set<string>, lines: RawLine[]) {
  const seen = new Set<string>();
  const results: Resultat[] = new Array(lines.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < lines.length; i = next++) results[i] = await certifyLine(ctx, principal, caseIds, seen, lines[i]);
  };
  await Promise.all(Array.from({ length: Math.min(LINES_IN_FLIGHT, lines.length) }, worker));
  const acceptees = results.filter((r) => r.statut === 'accepte').length;
  return { sessionId, recues: lines.length, acceptees, refusees: lines.length - acceptees, lignes: results };
}

async function certifyLine(ctx: ApiContext, principal: Principal, caseIds: Set<string>, seen: Set<string>, { ligne, valeur }: RawLine): Promise<Resultat> {
  const parsed = EtatPresenceLigne.safeParse(valeur);
  const raw = valeur as { caseId?: unknown; period?: unknown };
  const ids = { ...(typeof raw?.caseId === 'string' ? { caseId: raw.caseId } : {}), ...(typeof raw?.period === 'string' ? { period: raw.period } : {}) };
  const refused = (code: string, motif: string): Resultat => ({ ligne, ...ids, statut: 'refuse', code, motif });
  if (!parsed.success) return refused('InvalidArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'ligne'} : ${i.message}`).join(' ; '));
  const { caseId, ...statement } = parsed.data;
  if (!caseIds.has(caseId)) return refused('NotInSession', 'ce dossier ne suit pas cette session');
  const key = `${caseId}:${statement.period}`;
  if (seen.has(key)) return refused('DuplicateLine', 'même dossier et même mois qu’une ligne précédente du lot');
  seen.add(key);
  try {
    const done = await receiveStatement(ctx, principal, caseId, statement);
    return { ligne, caseId, period: statement.period, statut: 'accepte', resultat: done.outcome };
  } catch (err) {
    const known = toHttpError(err);
    if (!known) throw err;
    return refused(known.code, known.message);
  }
}

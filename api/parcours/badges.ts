/**
 * Digital badges "La Normandie badge les compétences" as Open Badges 2.0 with hosted verification.
 *
 * - Public, without a token (`badgePublicRoutes`, mounted before authentication): the issuer Profile, the
 *   BadgeClasses and the Assertions, at the URLs that are their own `id`s. An Assertion names its recipient
 *   only as sha256(email + salt); it carries no name, no session, no evidence (a session's title can reveal
 *   a justice or disability context). Unknown id: 404; revoked: 410 `{ revoked: true }`.
 * - Authenticated (`badgeRoutes`): a training provider awards a skill badge on a case of its own sessions,
 *   once the trainee has entered training. The general badge follows by itself at 3 skills of 4.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { BadgeAwardSchema, generalBadgeEarned, type BadgeAward } from '../../domain/badges/attribution';
import { isBadgeKey, skillBadgeKey, type BadgeKey, type Skill } from '../../domain/badges/catalogue';
import { assertion, badgeClass, badgeClassUrl, issuerProfile } from '../../domain/badges/open-badges';
import { actorOf, principalOf } from '../auth';
import { writeAudit } from '../../activities/case/audit';
import { loadCaseFor } from '../case/access';
import type { ParcoursCase } from './case-row';
import type { ApiContext } from '../context';
import { forbidden, HttpError } from '../errors';
import { declareRoute, type HandDeclaredRoute } from '../route';
import { CaseParams, errorResponseOf } from '../schemas';

const TAG = 'Badges';
const JSON_LD = 'application/ld+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const AwardedBadge = z.object({
  assertionId: z.string().uuid(),
  badgeKey: z.string().describe('« compétence.niveau » ou « general »'),
  assertionUrl: z.string().url().describe('Assertion Open Badges 2.0 publique (vérification hébergée)'),
  badgeClassUrl: z.string().url(),
  issuedOn: z.string(),
  created: z.boolean().describe('false : ce badge était déjà attribué à ce dossier, c’est la même assertion'),
  revoked: z.boolean(),
}).meta({ id: 'BadgeAttribue' });

const AwardResult = z.object({
  caseId: z.string().uuid(),
  badge: AwardedBadge,
  general: AwardedBadge.nullable().describe('Le badge général, dès qu’au moins 3 compétences sur 4 sont badgées'),
}).meta({ id: 'ResultatAttributionBadge' });
type AwardResult = z.infer<typeof AwardResult>;
type AwardedBadge = z.infer<typeof AwardedBadge>;

const OpenBadgeDocument = z.record(z.string(), z.unknown());

interface AssertionRow {
  id: string;
  badge_key: string;
  issued_on: string;
  revoked: boolean;
  salt: string;
  created?: boolean;
}

/** issued_on as ISO 8601 UTC, the form OB 2.0 expects (the driver returns timestamptz as text). */
const columns = (a = 'badge_assertion'): string =>
  `${a}.id, ${a}.badge_key, ${a}.salt, ${a}.revoked, to_char(${a}.issued_on at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as issued_on`;

const assertionUrl = (baseUrl: string, id: string): string => `${new URL(baseUrl).href.replace(/\/+$/, '')}/badges/assertions/${id}`;

// ---------------------------------------------------------------------------------------------------------
// Public documents
// ---------------------------------------------------------------------------------------------------------

export function badgePublicRoutes(ctx: ApiContext, registry: OpenAPIRegistry): Router {
  const router = express.Router();
  const baseUrl = ctx.config.PUBLIC_BASE_URL;
  /** The issuer's public contact: the caseworkers' team mailbox until the Région names a badge mailbox. */
  const issuerEmail = ctx.config.ALERT_MAILBOX;

  const send = (res: Response, status: number, body: unknown, cache: string): void => {
    // Public documents: any verifier or backpack may fetch them, from a browser too.
    res.status(status).set({ 'Content-Type': JSON_LD, 'Access-Control-Allow-Origin': '*', 'Cache-Control': cache }).send(JSON.stringify(body));
  };
  // Errors are plain JSON, like every error of the API (not Open Badges documents).
  const notFound = (res: Response, what: string): void => void res.status(404)
    .set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' }).json({ error: `${what} introuvable`, code: 'ResourceNotFound' });

  router.get('/badges/issuer', (_req: Request, res: Response) => send(res, 200, issuerProfile(baseUrl, issuerEmail), 'public, max-age=3600'));

  router.get('/badges/classes/:key', (req: Request, res: Response) => {
    const key = String(req.params.key);
    if (!isBadgeKey(key)) return notFound(res, 'badge');
    send(res, 200, badgeClass(baseUrl, key), 'public, max-age=3600');
  });

  router.get('/badges/assertions/:id', async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) return notFound(res, 'assertion');
    const em = ctx.orm.em.fork() as EntityManager;
    const [row] = await em.execute<(AssertionRow & { email: string })[]>(
      `select ${columns('a')}, p.email
       from badge_assertion a join dossier d on d.id = a.dossier_id join person p on p.id = d.person_id
       where a.id = ?`, [id]);
    if (!row || !isBadgeKey(row.badge_key)) return notFound(res, 'assertion');
    // OB 2.0: a revoked hosted assertion answers 410 Gone, with revoked: true.
    if (row.revoked) return send(res, 410, { '@context': 'https://w3id.org/openbadges/v2', id: assertionUrl(baseUrl, row.id), revoked: true }, 'no-cache');
    send(res, 200, assertion({ baseUrl, assertionId: row.id, badgeKey: row.badge_key, recipientEmail: row.email, salt: row.salt, issuedOn: row.issued_on }),
      'no-cache');
  });

  const doc = (path: string, summary: string, extra: Partial<HandDeclaredRoute> = {}) => declareRoute(registry, {
    method: 'get', path, summary, tags: [TAG], access: 'public',
    description: 'Public, sans authentification (vérification hébergée Open Badges 2.0). Réponse application/ld+json.',
    ...extra,
    responses: {
      200: { description: 'Document Open Badges 2.0', content: { 'application/ld+json': { schema: OpenBadgeDocument } } },
      ...(path.includes('assertions') ? { 410: { description: 'Assertion révoquée : { revoked: true }', content: { 'application/ld+json': { schema: OpenBadgeDocument } } } } : {}),
    },
  });
  doc('/badges/issuer', 'Émetteur des badges (Profile)');
  doc('/badges/classes/:key', 'Un badge (BadgeClass)', { designates: { key: 'badge_class' },
    request: { params: z.object({ key: z.string().describe('ex. organiser.je-pratique, general') }) } });
  doc('/badges/assertions/:id', 'Une attribution (Assertion), destinataire haché', { designates: { id: 'badge_assertion' },
    request: { params: z.object({ id: z.string().describe('UUID de l’attribution') }) } });
  return router;
}

// ---------------------------------------------------------------------------------------------------------
// Awarding
// ---------------------------------------------------------------------------------------------------------

/**
 * POST /cases/:caseId/badges: 201 when the skill badge is awarded now, 200 when the case already had it
 * (the same assertion is returned, nothing is written). Declared by hand rather than with `routeDefiner`
 * for this one reason: its status depends on the outcome.
 */
export function badgeRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  declareRoute(registry, {
    method: 'post', path: '/cases/:caseId/badges', tags: [TAG], access: { roles: ['organisme'] },
    summary: 'Attribuer un badge de compétence (organisme, stagiaire entré en formation)',
    description: 'Rôles : organisme (dossiers de ses sessions). Idempotent : le même badge une seconde fois rend la même assertion (200). '
      + 'Le badge général est attribué de lui-même dès 3 compétences sur 4.',
    request: { params: CaseParams, body: { content: { 'application/json': { schema: BadgeAwardSchema } } } },
    example: { skill: 'organiser', level: 'je-pratique' },
    responses: {
      201: { description: 'Badge attribué', content: { 'application/json': { schema: AwardResult } } },
      200: { description: 'Badge déjà attribué : la même assertion', content: { 'application/json': { schema: AwardResult } } },
      409: { description: 'Stagiaire pas encore entré en formation, ou badge révoqué — code : Conflict',
        content: { 'application/json': { schema: errorResponseOf(409) } } },
    },
  });

  router.post('/cases/:caseId/badges', async (req: Request, res: Response) => {
    const principal = principalOf(req);
    if (principal.role !== 'organisme') throw forbidden();
    const { caseId } = CaseParams.parse(req.params);
    const body = BadgeAwardSchema.parse(req.body ?? {});
    const em = ctx.orm.em.fork() as EntityManager;
    const { satellite } = await loadCaseFor<ParcoursCase>(em, principal, caseId);
    if (!satellite.entryDate) throw new HttpError(409, 'le stagiaire n’est pas encore entré en formation : pas de badge avant l’entrée');
    const result = await award(em, caseId, body, actorOf(principal), ctx.config.PUBLIC_BASE_URL);
    res.status(result.badge.created ? 201 : 200).json(result);
  });
}

async function award(em: EntityManager, caseId: string, input: BadgeAward, actor: string, baseUrl: string): Promise<AwardResult> {
  return em.transactional(async (tx) => {
    // One award at a time per case: two concurrent awards (2nd and 3rd skill) must not both miss the general badge.
    await tx.execute('select id from dossier where id = ? for update', [caseId]);
    const skill = await ensureAssertion(tx, caseId, skillBadgeKey(input.skill, input.level), input.level, actor);
    if (skill.revoked) throw new HttpError(409, 'ce badge a été révoqué pour ce dossier : seul un chargé de parcours peut le rétablir');
    const held = await tx.execute<{ badge_key: string }[]>(
      `select badge_key from badge_assertion where dossier_id = ? and not revoked and badge_key <> 'general'`, [caseId]);
    const general = generalBadgeEarned(held.map((r) => ({ skill: r.badge_key.split('.')[0] as Skill })))
      ? await ensureAssertion(tx, caseId, 'general', null, actor)
      : (await findAssertion(tx, caseId, 'general')) ?? null;
    return { caseId, badge: view(baseUrl, skill), general: general && view(baseUrl, general) };
  });
}

/** The case's assertion of this badge: created now (with its audit entry), or the one it already had. */
async function ensureAssertion(tx: EntityManager, caseId: string, badgeKey: BadgeKey, level: string | null, actor: string): Promise<AssertionRow> {
  const [inserted] = await tx.execute<AssertionRow[]>(
    `insert into badge_assertion (id, dossier_id, badge_key, level, salt, issued_on, awarded_by) values (?, ?, ?, ?, ?, now(), ?)
     on conflict (dossier_id, badge_key) do nothing returning ${columns()}`,
    [randomUUID(), caseId, badgeKey, level, randomBytes(16).toString('hex'), actor]);
  if (inserted) {
    await writeAudit(tx, { operation: 'badge_attribue', actor, dossierId: caseId, detail: { badgeKey, assertionId: inserted.id } });
    return { ...inserted, created: true };
  }
  const existing = await findAssertion(tx, caseId, badgeKey);
  if (!existing) throw new Error(`badge_assertion ${badgeKey} neither inserted nor found`);
  return existing;
}

async function findAssertion(tx: EntityManager, caseId: string, badgeKey: BadgeKey): Promise<AssertionRow | undefined> {
  const [row] = await tx.execute<AssertionRow[]>(`select ${columns()} from badge_assertion where dossier_id = ? and badge_key = ?`, [caseId, badgeKey]);
  return row && { ...row, created: false };
}

function view(baseUrl: string, row: AssertionRow): AwardedBadge {
  const key = row.badge_key as BadgeKey;
  return {
    assertionId: row.id,
    badgeKey: key,
    assertionUrl: assertionUrl(baseUrl, row.id),
    badgeClassUrl: badgeClassUrl(baseUrl, key),
    issuedOn: row.issued_on,
    created: row.created ?? false,
    revoked: row.revoked,
  };
}

/**
 * The catalogue of training sessions: everyone who refers, admits or trains people reads it (a training
 * provider sees its own sessions only); caseworkers create and edit sessions. A session some open case already
 * aims at keeps its dates and its provider: its running workflows hold them.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { z } from 'zod';
import { FormationSession, Organisation, ParcoursDossier, SeatReservation } from '../../db/entities';
import { apiDate } from '../dates';
import type { ApiContext } from '../context';
import { HttpError, notFound } from '../errors';
import { routeDefiner } from '../route';

const SessionsQuery = z.object({ bassin: z.string().max(60).optional(), dispositif: z.string().max(40).optional() }).strict();
const SessionSchema = z.object({ id: z.string(), title: z.string(), organismeId: z.string(), organisme: z.string(), dispositif: z.string(),
  bassin: z.string(), startDate: z.string(), endDate: z.string(), totalHours: z.number(), hoursPerWeek: z.number(), seats: z.number(),
  seatsTaken: z.number() }).meta({ id: 'Session' });
const SessionList = z.object({ items: z.array(SessionSchema) }).meta({ id: 'Sessions' });
const SessionParams = z.object({ sessionId: z.string().uuid() });

const SessionBody = z.object({
  title: z.string().trim().min(1).max(300),
  organismeId: z.string().uuid().describe('L’organisme de formation qui la dispense'),
  dispositif: z.string().trim().min(1).max(40).describe('qualif, preparatoire, ...'),
  bassin: z.string().trim().min(1).max(60).describe('Bassin d’emploi, ex. caen'),
  startDate: apiDate(),
  endDate: apiDate(),
  totalHours: z.number().int().min(40).max(6000).describe('40 h au moins (R6341-15)'),
  hoursPerWeek: z.number().int().min(1).max(48),
  seats: z.number().int().min(1).max(1000),
}).strict().refine((b) => b.endDate >= b.startDate, { path: ['endDate'], message: 'la fin précède le début' })
  .meta({ id: 'SessionSaisie', example: { title: 'Titre professionnel Soudeur', organismeId: '5eed0000-0000-4000-a000-000000000011',
    dispositif: 'qualif', bassin: 'caen', startDate: '2027-01-04', endDate: '2027-07-30', totalHours: 1050, hoursPerWeek: 35, seats: 12 } });
type SessionInput = z.infer<typeof SessionBody>;

export function sessionRoutes(router: Router, registry: OpenAPIRegistry, ctx: ApiContext): void {
  const route = routeDefiner(router, registry);
  const em = (): EntityManager => ctx.orm.em.fork() as EntityManager;

  route({ method: 'get', path: '/sessions', tag: 'Catalogue', summary: 'Sessions de formation (un organisme voit les siennes)',
    roles: ['caseworker', 'partner', 'organisme', 'ops'], query: SessionsQuery, ok: { status: 200, schema: SessionList, description: 'Sessions' } },
  async ({ query, principal }) => {
    const manager = em();
    const where = { ...query, ...(principal.role === 'organisme' ? { organisme: principal.org } : {}) };
    const sessions = await manager.find(FormationSession, where, { populate: ['organisme'], orderBy: { startDate: 'asc' }, limit: 500 });
    return { items: await Promise.all(sessions.map((s) => view(manager, s))) };
  });

  route({ method: 'post', path: '/sessions', tag: 'Catalogue', summary: 'Créer une session de formation', roles: ['caseworker'],
    body: SessionBody, ok: { status: 201, schema: SessionSchema, description: 'Session créée' } },
  async ({ body }) => {
    const manager = em();
    const session = manager.create(FormationSession, { id: randomUUID(), ...fields(body), organisme: await provider(manager, body.organismeId) });
    await manager.flush();
    return view(manager, session);
  });

  route({ method: 'put', path: '/sessions/:sessionId', tag: 'Catalogue', summary: 'Modifier une session (dates et organisme figés dès qu’un dossier ouvert la vise)',
    roles: ['caseworker'], params: SessionParams, body: SessionBody, ok: { status: 200, schema: SessionSchema, description: 'Session modifiée' },
    errors: { 409: 'Des dossiers ouverts visent la session (dates et organisme figés), ou moins de places que de places réservées' } },
  async ({ params, body }) => {
    const manager = em();
    const session = await manager.findOne(FormationSession, { id: params.sessionId }, { populate: ['organisme'] });
    if (!session) throw notFound('session');
    await checkEdit(manager, session, body);
    manager.assign(session, { ...fields(body), organisme: await provider(manager, body.organismeId) });
    await manager.flush();
    return view(manager, session);
  });
}

const fields = (b: SessionInput) => ({ title: b.title, dispositif: b.dispositif, bassin: b.bassin, startDate: b.startDate, endDate: b.endDate,
  totalHours: b.totalHours, hoursPerWeek: b.hoursPerWeek, seats: b.seats });

async function provider(em: EntityManager, organismeId: string): Promise<Organisation> {
  const found = await em.findOne(Organisation, { id: organismeId, kind: 'organisme_formation' });
  if (!found) throw new HttpError(400, 'requête invalide', { fields: [{ path: 'organismeId', message: 'organisme de formation inconnu' }] });
  return found;
}

/** Open cases hold the session's dates and provider in their workflows; seats already held stay held. */
async function checkEdit(em: EntityManager, session: FormationSession, body: SessionInput): Promise<void> {
  const moved = body.startDate !== session.startDate || body.endDate !== session.endDate || body.organismeId !== session.organisme.id;
  if (moved && await em.count(ParcoursDossier, { session: session.id, dossier: { open: true } })) {
    throw new HttpError(409, 'des dossiers ouverts visent cette session : ses dates et son organisme ne changent plus (créez une autre session)');
  }
  const taken = await em.count(SeatReservation, { session: session.id });
  if (body.seats < taken) throw new HttpError(409, `${taken} places sont déjà réservées : le nombre de places ne peut descendre en dessous`);
}

async function view(em: EntityManager, s: FormationSession) {
  return { id: s.id, title: s.title, organismeId: s.organisme.id, organisme: s.organisme.name, dispositif: s.dispositif, bassin: s.bassin,
    startDate: s.startDate, endDate: s.endDate, totalHours: s.totalHours, hoursPerWeek: s.hoursPerWeek, seats: s.seats,
    seatsTaken: await em.count(SeatReservation, { session: s.id }) };
}


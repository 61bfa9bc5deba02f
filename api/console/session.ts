/**
 * Console sessions: the browser holds a random token in an httpOnly, SameSite=Strict cookie; PostgreSQL holds
 * its SHA-256 (console_session), the principal (the same claims as an API token, api/auth.ts) and a CSRF token
 * that every form and htmx request sends back. The token never appears in a URL or a log.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NextFunction, Request, Response } from 'express';
import { parsePrincipal, type Principal } from '../auth';

export const COOKIE = 'sprfp_console';
const LIFETIME_MS = 8 * 3600_000;

export interface ConsoleSession {
  principal: Principal;
  csrf: string;
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function openSession(orm: MikroORM, res: Response, principal: Principal, secure: boolean): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await orm.em.fork().getConnection().execute(
    'insert into console_session (id, principal, csrf, expires_at) values (?, ?, ?, ?)',
    [digest(token), JSON.stringify(principal), randomBytes(24).toString('base64url'), new Date(Date.now() + LIFETIME_MS)]);
  res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/console', maxAge: LIFETIME_MS });
}

export async function closeSession(orm: MikroORM, req: Request, res: Response): Promise<void> {
  const token = cookieOf(req);
  if (token) await orm.em.fork().getConnection().execute('delete from console_session where id = ?', [digest(token)]);
  res.clearCookie(COOKIE, { path: '/console' });
}

/** The session of the request's cookie, if it is still valid (expired rows are removed on the way). */
export async function readSession(orm: MikroORM, req: Request): Promise<ConsoleSession | null> {
  const token = cookieOf(req);
  if (!token) return null;
  const conn = orm.em.fork().getConnection();
  const rows = await conn.execute<{ principal: unknown; csrf: string }[]>(
    'select principal, csrf from console_session where id = ? and expires_at > now()', [digest(token)]);
  if (!rows[0]) return null;
  return { principal: parsePrincipal(rows[0].principal), csrf: rows[0].csrf };
}

/** Removes the expired sessions; called on each sign-in (cheap: an index on expires_at). */
export const purgeExpired = (orm: MikroORM): Promise<unknown> =>
  orm.em.fork().getConnection().execute('delete from console_session where expires_at <= now()');

function cookieOf(req: Request): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** A state-changing request must carry the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`). */
export function csrfValid(req: Request, session: ConsoleSession): boolean {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SessionRequest = Request & { consoleSession?: ConsoleSession };

export const sessionOf = (req: Request): ConsoleSession => {
  const session = (req as SessionRequest).consoleSession;
  if (!session) throw new Error('console route without a session (requireSession not mounted)');
  return session;
};

/** Signed-in pages: no session → the sign-in page; a POST without the CSRF token → 403. */
export function requireSession(orm: MikroORM) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const session = await readSession(orm, req);
    if (!session) return res.redirect(303, '/console/connexion');
    if (req.method !== 'GET' && !csrfValid(req, session)) {
      res.status(403).type('text/plain').send('jeton anti-CSRF absent ou invalide : rechargez la page');
      return;
    }
    (req as SessionRequest).consoleSession = session;
    next();
  };
}

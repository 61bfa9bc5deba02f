/**
 * What the API refuses before any route runs, whatever the route:
 * - a NUL character (U+0000) anywhere in the request (path, query, JSON body, keys included): PostgreSQL
 *   cannot store it in text, so it would become a 500 deep down; here it is a 400 naming the field;
 * - a method a known path does not have: 405 with `Allow` (and OPTIONS answers with the same list),
 *   before authentication, as the document says which methods each path has.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, Response } from 'express';
import { HttpError, invalidFields, sendError } from './errors';
import { routeTableOf, type RouteRecord } from './route';

const NUL = '\u0000';
const NUL_MESSAGE = 'caractère nul (U+0000) interdit';

/** The places in a parsed JSON value or query where a NUL hides (in a value or in a key). */
function nulFields(value: unknown, path: string[], found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulFields(item, [...path, String(i)], found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) found.push([...path, key.replaceAll(NUL, '\\u0000')].join('.'));
      else nulFields(item, [...path, key], found);
    }
  }
  return found;
}

export function rejectNulCharacters(req: Request, res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return sendError(res, new HttpError(400, 'adresse illisible (encodage % invalide)'));
  }
  const fields = [
    ...(path.includes(NUL) ? ['(chemin)'] : []),
    ...nulFields(req.query, [], []),
    ...nulFields(req.body, [], []),
  ];
  if (fields.length) return sendError(res, invalidFields(fields.map((p) => ({ path: p || '(corps)', message: NUL_MESSAGE }))));
  next();
}

/** A route's path as a regular expression, matched like Express does (case-insensitive, trailing slash allowed). */
const matcherOf = (path: string): RegExp =>
  new RegExp(`^${path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))).join('/')}/?$`, 'i');

/** 405 with `Allow` for a method a known path does not have; OPTIONS lists the methods. */
export function methodGuard(registry: OpenAPIRegistry) {
  let matchers: { re: RegExp; route: RouteRecord }[] | null = null;
  return (req: Request, res: Response, next: NextFunction): void => {
    matchers ??= routeTableOf(registry).map((route) => ({ re: matcherOf(route.path), route }));
    const methods = new Set(matchers.filter((m) => m.re.test(req.path)).map((m) => m.route.method.toUpperCase()));
    if (!methods.size) return next();
    const allowed = [...methods, ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS'];
    const method = req.method.toUpperCase();
    if (allowed.includes(method) && method !== 'OPTIONS') return next();
    res.set('Allow', allowed.join(', '));
    if (method === 'OPTIONS') return void res.status(204).end();
    sendError(res, new HttpError(405, `méthode ${method} non permise sur ce chemin (permises : ${allowed.join(', ')})`));
  };
}

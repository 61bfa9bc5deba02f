/**
 * The API's request duration histogram, labelled by method, route TEMPLATE (`/cases/:caseId`, never the path with
 * its ids: bounded cardinality, no identifier in a label) and status code. Requests no route matched (404, 405,
 * 401 before the router) share the route label `unmatched`.
 */
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';
import { API_METRICS } from './names';

/** One registry per process: the histogram is shared by every app the process creates (tests create several). */
export const httpRegistry = new Registry();

const duration = new Histogram({
  name: API_METRICS.httpRequestDuration,
  help: 'Duration of the API requests, by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  // From a cached read (a few ms) to a statement's update waiting on its workflow (seconds).
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [httpRegistry],
});

/** Where the case pages' states came from (api/case/state.ts): a rising `workflow` share means a stale read model. */
export const caseStateReads = new Counter({
  name: API_METRICS.caseStateReads,
  help: 'Case states read for a case page, by source (read_model: PostgreSQL snapshot; workflow: a query of the workflow)',
  labelNames: ['source'] as const,
  registers: [httpRegistry],
});

/** The route template Express matched, mount path included; `unmatched` when none did. */
export function routeTemplate(req: Request): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

export function measureRequests(req: Request, res: Response, next: NextFunction): void {
  const end = duration.startTimer();
  res.once('finish', () => end({ method: req.method, route: routeTemplate(req), status_code: String(res.statusCode) }));
  next();
}

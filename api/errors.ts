/**
 * How failures become HTTP answers: the caller's mistakes are 4xx with a clear message (400 with the
 * field errors, 401, 403, 404, 409), an unavailable dependency is 503, and only our own bugs are 500.
 */
import type { NextFunction, Request, Response } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ZodError } from 'zod';
import { FAILURE_STATUS, isFailureType, type FailureType } from '../domain/case/failures';
import { logger } from '../platform/logger';

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/** What a 503 tells the caller to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;

export const notFound = (what: string): HttpError => new HttpError(404, `${what} introuvable`);
export const forbidden = (why = 'votre rôle ne permet pas cette action'): HttpError => new HttpError(403, why);

/** The business failure behind an update's failure, raised by the workflow or by one of its activities. */
function businessFailureIn(err: Error): ApplicationFailure | null {
  for (let cause = err.cause; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && isFailureType(cause.type)) return cause;
  }
  return null;
}

export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) {
    return new HttpError(400, 'requête invalide', {
      fields: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const failure = businessFailureIn(err);
    if (failure) return new HttpError(FAILURE_STATUS[failure.type as FailureType], failure.message, { code: failure.type });
  }
  if (err instanceof WorkflowNotFoundError) return new HttpError(409, 'ce dossier est clos : il ne peut plus changer');
  if (isDatabaseDown(err) || isTemporalDown(err)) return new HttpError(503, 'service momentanément indisponible, réessayez');
  return null;
}

function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03';
}

function isTemporalDown(err: unknown): boolean {
  return (err as Error)?.name === 'ServiceError' || /UNAVAILABLE|DEADLINE_EXCEEDED/.test((err as Error)?.message ?? '');
}

export function errorMiddleware(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const known = toHttpError(err) ?? bodyParserError(err);
  if (known) {
    // A dependency or a case that does not answer now: the caller may try again later.
    if (known.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(known.status).json({ error: known.message, ...known.extra });
    return;
  }
  logger.error({ err, method: req.method, path: req.route?.path }, 'unexpected error');
  res.status(500).json({ error: 'erreur interne' });
}

/** Malformed JSON or a too large body: the caller's mistake. */
function bodyParserError(err: unknown): HttpError | null {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new HttpError(400, 'corps JSON invalide');
  if (e?.type === 'entity.too.large') return new HttpError(413, 'corps de requête trop volumineux');
  return null;
}

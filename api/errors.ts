/**
 * How failures become HTTP answers: the caller's mistakes are 4xx with a clear message in French (400 with
 * the field errors, 401, 403, 404, 405, 409, 413), an unavailable dependency is 503, and only our own bugs
 * are 500. Every error answer is `{ error, code, ... }`: `error` for people, `code` for programs (the
 * OpenAPI document lists the codes of each status).
 */
import type { NextFunction, Request, Response } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ZodError } from 'zod';
import { FAILURE_STATUS, FAILURE_TYPES, isFailureType, type FailureType } from '../domain/case/failures';
import { logger } from '../platform/logger';

/** The statuses an error answer of this API may have. */
export const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 413, 500, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

const failuresOf = (status: number): FailureType[] => FAILURE_TYPES.filter((t) => FAILURE_STATUS[t] === status);

/**
 * The `code` of each error answer, by status; the first one is the default of its status. Business
 * failures (domain/case/failures.ts) keep their type as code.
 */
export const ERROR_CODES: Readonly<Record<ErrorStatus, readonly [string, ...string[]]>> = {
  400: ['InvalidRequest', 'MalformedJson', ...failuresOf(400)],
  401: ['Unauthenticated'],
  403: ['Forbidden'],
  404: ['ResourceNotFound'],
  405: ['MethodNotAllowed'],
  409: ['Conflict', 'DuplicateCase', 'CaseClosed', 'WrongProcess', ...failuresOf(409)],
  413: ['PayloadTooLarge'],
  500: ['InternalError'],
  503: ['ServiceUnavailable', 'CaseNotAnswering', 'NotConfigured'],
};

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }

  /** The answer's `code`: the one given, else the default of the status. */
  get code(): string {
    const given = this.extra.code;
    if (typeof given === 'string') return given;
    return (ERROR_CODES as Record<number, readonly string[]>)[this.status]?.[0] ?? 'Error';
  }
}

/** What a 503 tells the caller to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;

export const notFound = (what: string): HttpError => new HttpError(404, `${what} introuvable`);
export const forbidden = (why = 'votre rôle ne permet pas cette action'): HttpError => new HttpError(403, why);

/** A 400 naming the fields at fault, the shape of every validation answer. */
export const invalidFields = (fields: { path: string; message: string }[], message = 'requête invalide'): HttpError =>
  new HttpError(400, message, { fields });

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
    return invalidFields(err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const failure = businessFailureIn(err);
    if (failure) return new HttpError(FAILURE_STATUS[failure.type as FailureType], failure.message, { code: failure.type });
  }
  if (err instanceof WorkflowNotFoundError) return new HttpError(409, 'ce dossier est clos : il ne peut plus changer', { code: 'CaseClosed' });
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

export function sendError(res: Response, error: HttpError): void {
  // A dependency or a case that does not answer now: the caller may try again later.
  if (error.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(error.status).json({ error: error.message, ...error.extra, code: error.code });
}

export function errorMiddleware(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const known = toHttpError(err) ?? requestError(err);
  if (known) return sendError(res, known);
  logger.error({ err, method: req.method, path: req.route?.path }, 'unexpected error');
  sendError(res, new HttpError(500, 'erreur interne'));
}

/** What Express and its body parser refuse before any route runs: always the caller's request. */
function requestError(err: unknown): HttpError | null {
  const e = err as { type?: string; status?: number; expose?: boolean };
  if (e?.type === 'entity.parse.failed') return new HttpError(400, 'corps JSON invalide', { code: 'MalformedJson' });
  if (e?.type === 'entity.too.large') return new HttpError(413, 'corps de requête trop volumineux (100 ko au plus)');
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    return new HttpError(400, 'encodage du corps non pris en charge : envoyez du JSON en UTF-8');
  }
  // An address that cannot be decoded (`%E0%A4%A`), a body stream cut short...: http-errors with a 4xx status.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose !== false) {
    return new HttpError(e.status === 413 ? 413 : 400, 'requête invalide (adresse ou corps illisible)');
  }
  return null;
}

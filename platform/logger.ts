/**
 * Structured logs (JSON). Log ids and codes, never personal data: names, mails, birth dates, bank details
 * and the sensitive flags stay out of logs, errors included.
 *
 * Errors are the hard part: a database error's message is the whole SQL statement with its values (MikroORM
 * writes `insert into "person" (...) values ('Martin', 'camille@...', '1998-04-12', ...) - <reason>`), and
 * pg errors carry `detail` (`Key (email)=(...)`), `where`, bound parameters... So an error is logged from a
 * short list of fields that are codes and identifiers (name, code, SQLSTATE, constraint, table...), its
 * message only when it is not a database's (and then with e-mail addresses, IBANs and SQL literals masked),
 * and the stack's frames without the message it repeats. The redact list is a last safety net.
 */
import pino from 'pino';

/** The fields of an error worth logging: codes and names of things, never values. */
const SAFE_ERROR_FIELDS = ['code', 'errno', 'sqlState', 'severity', 'routine', 'constraint', 'table', 'column', 'schema', 'dataType',
  'status', 'statusCode', 'type', 'nonRetryable', 'workflowId', 'runId', 'activityType'] as const;

/** A PostgreSQL (pg, MikroORM) error: its message holds the statement and the values. */
function isDatabaseError(err: Record<string, unknown>): boolean {
  return typeof err.sqlState === 'string' || typeof err.routine === 'string' || typeof err.severity === 'string'
    || (typeof err.code === 'string' && /^(?=.*\d)[0-9A-Z]{5}$/.test(err.code)) // a SQLSTATE
    || typeof err.sql === 'string' || typeof err.query === 'string';
}

/** E-mail addresses, IBANs and SQL string literals out of a free text. */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[^\s@'"<>(),;]+@[^\s@'"<>(),;]+\.[A-Za-z]{2,}/g, '[e-mail]')
    .replace(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, '[iban]')
    .replace(/'(?:[^']|'')*'/g, "'…'");
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError | string;
  [field: string]: unknown;
}

/** An error as it may be logged (see the top of this file); causes too, a few levels deep. */
export function serializeError(value: unknown, depth = 0): SerializedError | string {
  if (typeof value === 'string') return maskPersonalData(value);
  if (!value || typeof value !== 'object') return String(value);
  const err = value as Record<string, unknown> & { name?: string; message?: string; stack?: string };
  const type = String(err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : err.name ?? 'Error');
  const safe = Object.fromEntries(SAFE_ERROR_FIELDS.filter((f) => ['string', 'number', 'boolean'].includes(typeof err[f])).map((f) => [f, err[f]]));
  const message = isDatabaseError(err)
    ? `erreur de la base de données${err.code ? ` ${String(err.code)}` : ''}${err.constraint ? ` (contrainte ${String(err.constraint)})` : ''}`
      + ' : requête et valeurs omises'
    : maskPersonalData(String(err.message ?? ''));
  const frames = typeof err.stack === 'string' ? err.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  return {
    type,
    message,
    ...safe,
    ...(frames.length ? { stack: [`${type}: ${message}`, ...frames].join('\n') } : {}),
    ...(err.cause !== undefined && depth < 4 ? { cause: serializeError(err.cause, depth + 1) } : {}),
  };
}

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  serializers: { err: serializeError, error: serializeError },
  redact: {
    paths: ['*.lastName', '*.firstName', '*.email', '*.birthDate', '*.phone', '*.iban', '*.bic', '*.person', '*.sensitive', 'person', 'sensitive',
      'body', '*.body', 'req.headers.authorization', 'req.headers.cookie'],
    censor: '[redacted]',
  },
});

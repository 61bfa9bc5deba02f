/**
 * Structured logs (JSON). Log ids and codes, never personal data: names, mails, birth dates and the
 * sensitive flags stay out of logs (the redact list is a safety net, not the rule).
 */
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: ['*.lastName', '*.firstName', '*.email', '*.birthDate', '*.phone', 'req.headers.authorization'],
    censor: '[redacted]',
  },
});

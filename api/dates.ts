/**
 * Dates and date-times as the API accepts them: real calendar days within the service's sane years, and
 * date-times with a real offset. A year 0187 or an offset of +23:42 is a 400 naming the field, never a case
 * stuck on a database error.
 */
import { z } from 'zod';
import { isSaneDate, isSaneInstant, SANE_YEARS } from '../domain/dates';

export const apiDate = () => z.iso.date().refine(isSaneDate, `date entre ${SANE_YEARS.min} et ${SANE_YEARS.max} attendue`)
  .describe(`AAAA-MM-JJ, entre ${SANE_YEARS.min} et ${SANE_YEARS.max}`);

export const apiDateTime = () => z.string().refine(isSaneInstant, 'date et heure ISO 8601 avec fuseau attendues (ex. 2026-12-01T09:30:00+01:00)')
  .describe(`Date et heure ISO 8601 avec fuseau (±14:00 au plus), entre ${SANE_YEARS.min} et ${SANE_YEARS.max}`)
  .meta({ format: 'date-time' });

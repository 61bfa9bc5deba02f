/**
 * Request and response schemas of the API: they validate every request and generate the OpenAPI document.
 */
import { z } from 'zod';
import { apiDate } from './dates';
import { ERROR_CODES, type ErrorStatus } from './errors';

// Validation messages for people, in French: zod's own messages (types, formats, unknown keys...) as well as
// ours. Set once for the process, before any request is parsed.
z.config(z.locales.fr());

export const isoDate = apiDate();

export const PersonSchema = z.object({
  lastName: z.string().trim().min(1).max(200),
  firstName: z.string().trim().min(1).max(200),
  birthDate: isoDate.refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'date de naissance impossible'),
  gender: z.enum(['F', 'M', 'X']),
  email: z.string().trim().email().max(320),
  phone: z.string().trim().regex(/^\+?[0-9 .]{6,20}$/).optional(),
  postalCode: z.string().regex(/^\d{5}$/, 'code postal à 5 chiffres'),
}).meta({ id: 'Personne' });

export const SensitiveSchema = z.object({
  rqth: z.boolean().default(false),
  rsa: z.boolean().default(false),
  sousMainDeJustice: z.boolean().default(false),
  illettrisme: z.boolean().default(false),
}).meta({ id: 'DonneesSensibles', description: 'Visible des seuls chargés de parcours ; chaque lecture est journalisée.' });

export const CaseParams = z.object({ caseId: z.string().uuid() });
export const EventParams = z.object({ eventId: z.string().uuid() });

export const NotificationsQuery = z.object({ status: z.enum(['pending', 'acknowledged']).optional() }).strict();

const errorShape = {
  error: z.string().describe('Ce qui ne va pas, en français, pour la personne'),
  code: z.string().describe('Pour les programmes : un code stable par cause'),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('Les champs refusés (400)'),
  caseId: z.string().uuid().optional().describe('Le dossier existant (409, doublon)'),
};

export const ErrorResponse = z.object(errorShape).meta({ id: 'Erreur' });

const errorSchemas = new Map<ErrorStatus, z.ZodType>();
const RULE_STATUSES: readonly ErrorStatus[] = [400, 403, 409];
/** The error answer of one status, with the list of its codes (api/errors.ts ERROR_CODES). */
export function errorResponseOf(status: ErrorStatus): z.ZodType {
  let schema = errorSchemas.get(status);
  if (!schema) {
    const listed = z.enum(ERROR_CODES[status]);
    // The pay rules answer their own refusals' codes (snake_case, domain/remuneration/errors.ts) with 400, 403 or 409.
    const code = RULE_STATUSES.includes(status)
      ? z.union([listed, z.string().regex(/^[a-z]+(_[a-z]+)+$/).describe('Code d’une règle de rémunération (deja_accordee, mois_deja_paye...)')])
      : listed;
    schema = z.object({ ...errorShape, code: code.describe('Pour les programmes : un code stable par cause') }).meta({ id: `Erreur${status}` });
    errorSchemas.set(status, schema);
  }
  return schema;
}

const HistoryEntrySchema = z.object({
  seq: z.number(), stage: z.string(), action: z.string(), actor: z.string(), at: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export const CaseStateSchema = z.object({
  caseId: z.string().uuid(),
  stage: z.string(),
  history: z.array(HistoryEntrySchema),
  deadlines: z.array(z.object({ kind: z.string(), dueAt: z.string(), status: z.string() })),
  closure: z.object({ reason: z.string(), detail: z.string().optional() }).nullable(),
}).meta({ id: 'EtatDossier' });

export const PersonOutcomeSchema = z.object({
  known: z.boolean().describe('true : la personne était déjà connue (même nom, prénom et date de naissance) ; son dossier personnel est complété'),
  added: z.array(z.string()).describe('Ce qui vient d’être ajouté au dossier personnel (ex. phone, sensitive.rsa)'),
  kept: z.array(z.string()).describe('Envoyé avec une autre valeur que celle enregistrée, qui est conservée (ex. email) : un chargé de parcours peut la corriger'),
}).meta({ id: 'PersonneConnue' });

export const CaseCreated = z.object({
  caseId: z.string().uuid(),
  stage: z.string(),
  person: PersonOutcomeSchema.optional(),
}).meta({ id: 'DossierCree' });

export const NotificationListSchema = z.object({
  items: z.array(z.object({ eventId: z.string(), type: z.string(), version: z.number(), status: z.string(),
    attempts: z.number(), createdAt: z.string(), payload: z.record(z.string(), z.unknown()) })),
}).meta({ id: 'Notifications' });

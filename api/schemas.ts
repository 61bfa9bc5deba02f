/**
 * Request and response schemas of the API: they validate every request and generate the OpenAPI document.
 */
import { z } from 'zod';
import { apiDate } from './dates';

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

export const ErrorResponse = z.object({
  error: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  caseId: z.string().uuid().optional(),
}).meta({ id: 'Erreur' });

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

export const CaseCreated = z.object({ caseId: z.string().uuid(), stage: z.string() }).meta({ id: 'DossierCree' });

export const NotificationListSchema = z.object({
  items: z.array(z.object({ eventId: z.string(), type: z.string(), version: z.number(), status: z.string(),
    attempts: z.number(), createdAt: z.string(), payload: z.record(z.string(), z.unknown()) })),
}).meta({ id: 'Notifications' });

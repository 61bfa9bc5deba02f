/**
 * Request and response schemas of the API: they validate every request and generate the OpenAPI document.
 */
import { z } from 'zod';
import { DecisionSchema, PositionnementResultsSchema } from '../domain/parcours/positionnement';
import { STAGES } from '../domain/parcours/stages';

const isoDate = z.iso.date().describe('AAAA-MM-JJ');

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

export const CreateCaseBody = z.object({
  person: PersonSchema,
  sensitive: SensitiveSchema.optional(),
  sessionId: z.string().uuid(),
  prescripteurId: z.string().uuid().optional(),
  prescripteurReference: z.string().trim().min(1).max(100).optional(),
  referentEmail: z.string().email().optional(),
}).strict().meta({ id: 'CreationDossier' });

export const ReferralBody = z.object({
  reference: z.string().trim().min(1).max(100).describe('Référence de la prescription chez le partenaire'),
  person: PersonSchema,
  sensitive: SensitiveSchema.optional(),
  sessionId: z.string().uuid(),
}).strict().meta({ id: 'Prescription' });

export const CaseParams = z.object({ caseId: z.string().uuid() });
export const EventParams = z.object({ eventId: z.string().uuid() });

export const ListCasesQuery = z.object({
  stage: z.enum(STAGES).optional(),
  sessionId: z.string().uuid().optional(),
  bassin: z.string().max(60).optional(),
  dispositif: z.string().max(40).optional(),
  organismeId: z.string().uuid().optional(),
  prescripteurId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const PlanifierBody = z.object({ scheduledAt: z.iso.datetime({ offset: true }) }).strict();
export const ResultatsBody = z.object({ results: PositionnementResultsSchema }).strict();
export const DecisionBody = z.object({ decision: DecisionSchema }).strict();
export const EntreeBody = z.object({ entryDate: isoDate }).strict();
export const RetraitBody = z.object({ motif: z.string().trim().min(1).max(500) }).strict();
export const NotificationsQuery = z.object({ status: z.enum(['pending', 'acknowledged']).optional() }).strict();

export const ErrorResponse = z.object({
  error: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  caseId: z.string().uuid().optional(),
}).meta({ id: 'Erreur' });

export const CaseCreated = z.object({ caseId: z.string().uuid(), stage: z.enum(STAGES) }).meta({ id: 'DossierCree' });

const HistoryEntrySchema = z.object({
  seq: z.number(), stage: z.enum(STAGES), action: z.string(), actor: z.string(), at: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export const CaseStateSchema = z.object({
  caseId: z.string().uuid(),
  stage: z.enum(STAGES),
  history: z.array(HistoryEntrySchema),
  deadlines: z.array(z.object({ kind: z.string(), dueAt: z.string(), status: z.string() })),
  closure: z.object({ reason: z.string(), detail: z.string().optional() }).nullable(),
}).meta({ id: 'EtatParcours' });

export const CaseViewSchema = CaseStateSchema.extend({
  session: z.object({ id: z.string(), title: z.string(), organisme: z.string(), bassin: z.string(), dispositif: z.string(), startDate: z.string(), endDate: z.string() }),
  prescripteur: z.object({ id: z.string(), name: z.string() }).nullable(),
  person: PersonSchema.partial().optional(),
  sensitive: SensitiveSchema.optional(),
  formation: z.record(z.string(), z.unknown()).optional().describe('Rémunération et présence : tout pour le chargé de parcours, les états de présence pour l’organisme'),
}).meta({ id: 'Dossier' });

export const CaseListSchema = z.object({
  items: z.array(z.object({ caseId: z.string(), stage: z.string(), sessionId: z.string(), open: z.boolean(), createdAt: z.string(),
    person: z.object({ lastName: z.string(), firstName: z.string() }).optional() })),
  page: z.number(), pageSize: z.number(), total: z.number(),
}).meta({ id: 'ListeDossiers' });

export const NotificationListSchema = z.object({
  items: z.array(z.object({ eventId: z.string(), type: z.string(), version: z.number(), status: z.string(),
    attempts: z.number(), createdAt: z.string(), payload: z.record(z.string(), z.unknown()) })),
}).meta({ id: 'Notifications' });

/** Request schemas of the trainee journey's routes: they validate every request and generate the OpenAPI document. */
import { z } from 'zod';
import { DecisionSchema, PositionnementResultsSchema } from '../../domain/parcours/positionnement';
import { apiDateTime } from '../dates';
import { isoDate, PersonSchema, SensitiveSchema } from '../schemas';

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

export const PlanifierBody = z.object({ scheduledAt: apiDateTime() }).strict();
export const ResultatsBody = z.object({ results: PositionnementResultsSchema }).strict();
export const DecisionBody = z.object({ decision: DecisionSchema }).strict();
export const EntreeBody = z.object({ entryDate: isoDate }).strict();
export const RetraitBody = z.object({ motif: z.string().trim().min(1).max(500) }).strict();

/** What the case page adds for a parcours. */
export const ParcoursViewShape = z.object({
  session: z.object({ id: z.string(), title: z.string(), organisme: z.string(), bassin: z.string(), dispositif: z.string(), startDate: z.string(), endDate: z.string() }),
  prescripteur: z.object({ id: z.string(), name: z.string() }).nullable(),
  formation: z.record(z.string(), z.unknown()).optional().describe('Rémunération et présence : tout pour le chargé de parcours, les états de présence pour l’organisme'),
});

/** Request schemas of the trainee journey's routes: they validate every request and generate the OpenAPI document. */
import { z } from 'zod';
import { DecisionSchema, PositionnementResultsSchema } from '../../domain/parcours/positionnement-schemas';
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

/** A request body of each route as a caller would send it: the OpenAPI document's examples (checked by the tests). */
const person = { lastName: 'Martin', firstName: 'Camille', birthDate: '1998-04-12', gender: 'F' as const,
  email: 'camille.martin@exemple.fr', phone: '06 12 34 56 78', postalCode: '14000' };
/** The development seed's first session (scripts/seed-dev.ts): the examples work against `npm start`. */
const sessionId = '5eed0000-0000-4000-b000-000000000001';
export const EXAMPLES = {
  createCase: { person, sensitive: { rqth: false, rsa: true, sousMainDeJustice: false, illettrisme: false }, sessionId,
    referentEmail: 'referent.caen@normandie.fr' },
  referral: { reference: 'ML-CAEN-2026-0042', person, sessionId },
  planifier: { scheduledAt: '2026-12-07T09:30:00+01:00' },
  resultats: { results: { scores: { francais: 72, calcul: 64 }, avis: 'favorable' as const, commentaire: 'Projet professionnel clair' } },
  decision: { decision: { outcome: 'admis' as const } },
  entree: { entryDate: '2026-12-07' },
  retrait: { motif: 'Déménagement hors de la région' },
} satisfies Record<string, unknown>;

/** Request and response schemas of the bursary routes: they validate every request and generate the OpenAPI document. */
import { z } from 'zod';
import { MOTIFS_REFUS_AIDE } from '../../domain/bourse/aide-urgence-process';
import { DemandeBourseSchema, ElementsDeChargeSchema } from '../../domain/bourse/demande';
import { FORMATION_CODES } from '../../domain/bourse/formations';
import { EVENEMENTS, MOTIFS_REFUS, PIECE_CODES } from '../../domain/bourse/process';
import { isoDate } from '../schemas';

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** An application as the document shows it: the development seed's IFSI of Caen, a 2025-2026 year (its barème is loaded). */
export const EXEMPLE_DEMANDE = {
  dse: 'DSE2025000123', annee: '2025-2026', institutId: '5eed0000-0000-4001-a000-000000000001', formation: 'infirmier',
  person: { lastName: 'Martin', firstName: 'Léa', birthDate: '2004-05-06', gender: 'F', email: 'lea.martin@exemple.test', postalCode: '14000' },
  premierMois: '2025-09', nombreMois: 10, revenuBrutGlobalEuros: 20000,
  elementsDeCharge: { distanceKm: 40, enfantsACharge: 1, enfantsEnseignementSuperieur: 0, handicapReconnuCdaph: false, prochesAides: 0 },
  iban: 'FR7630006000011234567890189',
} as const;

export const DemandeBody = DemandeBourseSchema.meta({ id: 'DemandeBourse',
  description: 'Une demande : un étudiant, une année universitaire, clé : le numéro DSE du CROUS. Revenus et points de charge restent en base.' });

export const CreationBody = z.object({
  demande: DemandeBody,
  crousId: z.string().uuid().optional().describe('Le CROUS qui suit l’étudiant (sinon : le seul CROUS connu)'),
  referentEmail: z.string().email().optional(),
}).strict().meta({ id: 'CreationBourse', example: { demande: EXEMPLE_DEMANDE } });

const ErreurChamp = z.object({ champ: z.string(), message: z.string() });
export const ImportReport = z.object({
  recues: z.number().int(),
  importees: z.array(z.object({ ligne: z.number().int(), dse: z.string(), caseId: z.string().uuid() })),
  dejaImportees: z.array(z.object({ ligne: z.number().int(), dse: z.string(), caseId: z.string().uuid() }))
    .describe('DSE et année déjà importés : rien n’est créé une seconde fois (statut « deja_importe »)'),
  rejetees: z.array(z.object({ ligne: z.number().int(), dse: z.string().nullable(), erreurs: z.array(ErreurChamp) })),
}).meta({ id: 'CompteRenduImportBourses' });

export const PiecesDemandeesBody = z.object({
  pieces: z.array(z.enum(PIECE_CODES as [string, ...string[]])).min(1).max(PIECE_CODES.length),
  delaiJours: z.number().int().min(1).max(90).optional().describe('Délai donné à l’étudiant (15 jours par défaut)'),
}).strict().meta({ example: { pieces: ['avis_imposition'], delaiJours: 15 } });

export const PiecesRecuesBody = z.object({
  revenuBrutGlobalEuros: z.number().int().min(0).max(10_000_000).optional().describe('Revenu corrigé au vu de l’avis d’imposition'),
  elementsDeCharge: ElementsDeChargeSchema.optional(),
}).strict().meta({ example: { revenuBrutGlobalEuros: 19500 } });

export const DecisionBody = z.object({
  decision: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('attribuee') }).strict(),
    z.object({ outcome: z.literal('refusee'), motif: z.enum(keys(MOTIFS_REFUS)) }).strict(),
  ]),
}).strict().meta({ id: 'DecisionBourse', example: { decision: { outcome: 'attribuee' } } });

export const EvenementBody = z.object({
  type: z.enum(keys(EVENEMENTS)),
  date: isoDate.describe('Jour de l’absence ou de la session d’examen manquée'),
}).strict().meta({ id: 'SignalementInstitut', example: { type: 'absence_non_justifiee', date: '2025-11-04' } });

export const JustificatifBody = z.object({ justifieLe: isoDate.describe('Jour où le justificatif a été reçu') }).strict()
  .meta({ example: { justifieLe: '2025-11-10' } });
export const SortieBody = z.object({ date: isoDate.describe('Jour de la sortie de formation') }).strict().meta({ example: { date: '2026-01-31' } });
export const RemiseBody = z.object({
  montantCents: z.number().int().positive().optional().describe('Montant remis (tout l’indu par défaut)'),
}).strict().meta({ example: { montantCents: 38280 } });

export const ListQuery = z.object({
  annee: z.string().regex(/^\d{4}-\d{4}$/).optional(),
  stage: z.string().max(40).optional(),
  formation: z.enum(FORMATION_CODES).optional(),
  institutId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const BourseList = z.object({
  items: z.array(z.object({
    caseId: z.string(), dse: z.string().optional().describe('Absent pour ops'), annee: z.string(), institutId: z.string(), formation: z.string(), stage: z.string(), open: z.boolean(),
    decision: z.string().nullable(), etatVersements: z.string().nullable(),
    person: z.object({ lastName: z.string(), firstName: z.string() }).optional(),
  })),
  page: z.number(), pageSize: z.number(), total: z.number(),
}).meta({ id: 'ListeBourses' });

export const AideCreationBody = z.object({
  montantDemandeCents: z.number().int().positive().max(10_000_000),
  situation: z.string().trim().min(1).max(4000).describe('La situation de l’étudiant (chargés de parcours seulement)'),
  avance: z.boolean().default(false).describe('Avance en urgence, décidée sans la commission (500 € au plus par défaut)'),
}).strict().meta({ id: 'DemandeAideUrgence', example: { montantDemandeCents: 80000, situation: 'Loyer impayé après une perte d’emploi du parent', avance: false } });

export const EvaluationBody = z.object({
  evaluation: z.string().trim().min(1).max(4000).describe('Évaluation sociale, rédigée sans nom : la commission la lit'),
  propositionCents: z.number().int().positive().optional(),
}).strict().meta({ example: { evaluation: 'Rupture de ressources familiales, loyer en retard de deux mois', propositionCents: 80000 } });

export const AvanceBody = z.object({ montantCents: z.number().int().positive() }).strict().meta({ example: { montantCents: 30000 } });

export const AideDecisionBody = z.object({
  decision: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('accordee'), montantCents: z.number().int().positive() }).strict(),
    z.object({ outcome: z.literal('refusee'), motif: z.enum(keys(MOTIFS_REFUS_AIDE)) }).strict(),
  ]),
}).strict().meta({ id: 'DecisionCommission', example: { decision: { outcome: 'accordee', montantCents: 80000 } } });

/** What the case page adds for a bursary or an emergency aid, by role (absent parts: not for this role). */
export const BourseViewShape = z.object({
  bourse: z.record(z.string(), z.unknown()).optional().describe('Dossier de bourse : calcul, échéancier, événements (selon le rôle)'),
  aideUrgence: z.record(z.string(), z.unknown()).optional().describe('Aide d’urgence : sans identité pour la commission'),
});

/**
 * Request schemas of the sur-mesure routes: they validate every request (SIRET keys, NAF, ROME and RNCP/RS
 * formats with the rules of domain/sur-mesure) and generate the OpenAPI document. Messages in French.
 */
import { z } from 'zod';
import { isValidBic, isValidIban, normalizeIban } from '../../domain/paiements/iban';
import { checkCertificationCode, checkNaf, checkRome, checkSiret, CONTRACT_KINDS } from '../../domain/sur-mesure';
import { isoDate, PersonSchema, SensitiveSchema } from '../schemas';

/** A zod refinement from a domain check: the check's own French message, the canonical value kept. */
const checked = <T>(check: (raw: string) => { ok: true; value: T } | { ok: false; error: string }) =>
  z.string().trim().max(40).transform((raw, ctx) => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });

export const Siret = z.string().max(30).transform((raw, ctx) => {
  const result = checkSiret(raw);
  if (result.ok) return result.siret;
  ctx.addIssue({ code: 'custom', message: `SIRET invalide : ${result.reason}` });
  return z.NEVER;
}).describe('SIRET de l’établissement (14 chiffres, espaces admis)');

export const Naf = checked(checkNaf).transform((n) => n.code).describe('Code NAF rév. 2 (NN.NNX)');
export const Rome = checked(checkRome).describe('Fiche ROME (une lettre et 4 chiffres)');
const Certification = checked(checkCertificationCode).transform((c) => c.code).describe('RNCP… ou RS…');
const bassin = z.string().trim().regex(/^[a-z0-9-]{2,60}$/, 'bassin d’emploi : identifiant en minuscules (ex. caen, le-havre)');
const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0);

const Contrat = z.object({
  kind: z.enum(CONTRACT_KINDS as [string, ...string[]]),
  durationMonths: z.number().int().min(1).max(120).nullable().describe('null : durée indéterminée'),
  weeklyHours: z.number().positive().max(48),
  plannedHiringDate: isoDate,
}).strict();

const Poste = z.object({
  intitule: text(200),
  romeCode: Rome,
  nombre: z.number().int().min(1).max(50),
  contrat: Contrat,
  tuteur: z.string().trim().max(200).nullable().describe('Nom du tuteur désigné par l’entreprise'),
}).strict();

export const ContactSchema = z.object({
  lastName: text(200), firstName: text(200), email: z.string().trim().email().max(320),
  phone: z.string().trim().regex(/^\+?[0-9 .]{6,20}$/).optional(),
}).strict().meta({ id: 'ContactEntreprise' });

export const CreateCommandeBody = z.object({
  siret: Siret,
  raisonSociale: text(200).optional().describe('Obligatoire quand un chargé de mission saisit une entreprise encore inconnue'),
  nafCode: Naf,
  site: z.object({ adresse: text(300), codePostal: z.string().regex(/^\d{5}$/, 'code postal à 5 chiffres'), bassin }).strict(),
  contact: ContactSchema,
  postes: z.array(Poste).min(1).max(10).refine((p) => p.reduce((n, x) => n + x.nombre, 0) <= 50, 'au plus 50 postes par commande'),
  referentEmail: z.string().email().optional(),
}).strict().meta({ id: 'BesoinEntreprise', example: {
  siret: '44306184100047', raisonSociale: 'Chaudronnerie du Bessin', nafCode: '25.62B',
  site: { adresse: '12 rue des Forges', codePostal: '14400', bassin: 'bayeux' },
  contact: { lastName: 'Lefèvre', firstName: 'Claire', email: 'claire.lefevre@chaudronnerie-bessin.fr', phone: '02 31 51 00 00' },
  postes: [{ intitule: 'Soudeur TIG', romeCode: 'H2913', nombre: 3, tuteur: 'Marc Hébert',
    contrat: { kind: 'cdi', durationMonths: null, weeklyHours: 35, plannedHiringDate: '2027-06-01' } }],
} });

export const QualificationBody = z.object({
  ecartCompetences: text(4000).describe('Compétences à acquérir'),
  certification: z.object({ code: Certification, niveau: z.number().int().min(3).max(8).optional() }).strict().optional(),
  organismeId: z.string().uuid().describe('Organisme de formation chargé de la co-construction'),
}).strict().meta({ id: 'Qualification', example: { ecartCompetences: 'Soudage TIG sur inox, lecture de plans',
  certification: { code: 'RNCP35318', niveau: 3 }, organismeId: '5eed0000-0000-4000-a000-000000000011' } });

export const CoConstructionBody = z.object({
  programme: text(20_000),
  heuresCentre: count.max(5000),
  heuresEntreprise: count.max(5000),
  dateDebut: isoDate,
  dateFin: isoDate,
  devisCents: z.number().int().positive().describe('Devis de l’organisme, en centimes'),
  psychotechnique: z.boolean().default(false).describe('Tests psychotechniques exigés (métiers de la conduite)'),
  afest: z.object({
    analyseActivite: z.boolean(), tuteur: z.string().trim().max(200).nullable(), phasesReflexives: z.boolean(), evaluations: z.boolean(),
  }).strict().optional().describe('Action de formation en situation de travail (D6313-3-2)'),
}).strict().refine((b) => b.dateFin >= b.dateDebut, { message: 'la fin précède le début', path: ['dateFin'] }).meta({ id: 'CoConstruction', example: {
  programme: 'Sécurité, lecture de plans, soudage TIG et semi-automatique, contrôle des soudures', heuresCentre: 399, heuresEntreprise: 140,
  dateDebut: '2027-01-11', dateFin: '2027-05-28', devisCents: 1_250_000, psychotechnique: false } });

export const DerogationBody = z.object({ reference: text(100) }).strict().meta({ example: { reference: 'DEROG-2026-014' } });

export const VisaBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('proposer'), montantCents: z.number().int().positive() }).strict(),
  z.object({ action: z.literal('valider') }).strict(),
  z.object({ action: z.literal('voter'), vote: z.enum(['favorable', 'defavorable']),
    commission: z.object({ date: isoDate, reference: text(100) }).strict() }).strict(),
  z.object({ action: z.literal('engager'), reference: text(60).describe('Référence de l’engagement comptable') }).strict(),
  z.object({ action: z.literal('renvoyer'), motif: text(2000) }).strict(),
  z.object({ action: z.literal('rejeter'), motif: text(2000) }).strict(),
]).meta({ id: 'Visa', example: { action: 'proposer', montantCents: 1_250_000 } });

export const RecrutementBody = z.object({ partenaires: z.array(z.string().uuid()).min(1).max(20) }).strict()
  .meta({ example: { partenaires: ['5eed0000-0000-4000-a000-000000000001'] } });
export const ReunionBody = z.object({ date: z.iso.datetime({ offset: true }), lieu: text(300) }).strict()
  .meta({ example: { date: '2027-01-05T14:00:00+01:00', lieu: 'Agence France Travail de Bayeux' } });
export const CandidatBody = z.object({
  reference: text(100).describe('Référence de la prescription chez le partenaire'),
  person: PersonSchema,
  sensitive: SensitiveSchema.optional(),
}).strict().meta({ id: 'Candidature', example: { reference: 'FT-BAYEUX-2026-0117', person: { lastName: 'Durand', firstName: 'Yanis', birthDate: '1996-09-03', gender: 'M', email: 'yanis.durand@exemple.fr', phone: '07 12 34 56 78', postalCode: '14400' } } });
export const PositionnementBody = z.object({
  avis: z.enum(['favorable', 'reserve', 'defavorable']),
  psychotechnique: z.enum(['apte', 'inapte']).optional(),
}).strict().meta({ example: { avis: 'favorable' } });
export const ChoixBody = z.object({ retenu: z.boolean(), poste: z.number().int().min(0).default(0).describe('Rang du poste (0 : le premier)') }).strict()
  .meta({ example: { retenu: true, poste: 0 } });

export const EmbaucheBody = z.discriminatedUnion('embauche', [
  z.object({ embauche: z.literal(true), contrat: z.object({
    kind: z.enum(CONTRACT_KINDS as [string, ...string[]]), startDate: isoDate,
    durationMonths: z.number().int().min(1).max(120).nullable(), weeklyHours: z.number().positive().max(48),
  }).strict() }).strict(),
  z.object({ embauche: z.literal(false), refusParLeStagiaire: z.boolean() }).strict(),
]).meta({ id: 'DeclarationEmbauche', example: { embauche: true, contrat: { kind: 'cdi', startDate: '2027-06-01', durationMonths: null, weeklyHours: 35 } } });

export const Suivi6MoisBody = z.object({
  stillEmployed: z.enum(['oui', 'non']),
  rupture: z.object({ date: isoDate, initiative: z.enum(['employeur', 'salarie', 'commun_accord', 'terme']) }).strict().optional(),
}).strict().meta({ id: 'Suivi6Mois', example: { stillEmployed: 'oui' } });

export const ServiceFaitBody = z.object({
  iban: z.string().transform(normalizeIban).refine(isValidIban, 'IBAN invalide'),
  bic: z.string().toUpperCase().refine(isValidBic, 'BIC invalide').optional(),
  stagiaires: z.array(z.object({ stagiaireId: z.string().uuid(), minutesRealisees: count.max(5000 * 60) }).strict()).min(1).max(100),
}).strict().meta({ id: 'ServiceFait', example: { iban: 'FR76 3000 6000 0112 3456 7890 189',
  stagiaires: [{ stagiaireId: '3f2b8c1e-6a4d-4e7f-9b0a-2c5d8e1f4a67', minutesRealisees: 23_940 }] } });

export const CommandeParams = z.object({ caseId: z.string().uuid() });
export const CandidatParams = z.object({ caseId: z.string().uuid(), candidatId: z.string().uuid() });
export const StagiaireParams = z.object({ caseId: z.string().uuid(), stagiaireId: z.string().uuid() });

export const CandidatCreated = z.object({ candidatId: z.string().uuid(), stage: z.string() }).meta({ id: 'CandidatPropose' });

export const CommandeCreated = z.object({
  caseId: z.string().uuid(), stage: z.string(),
  manquementsAnterieurs: z.array(z.object({ date: z.string(), reference: z.string(), outcome: z.string() }))
    .describe('Engagements d’embauche non tenus par l’entreprise sur ses commandes précédentes'),
}).meta({ id: 'CommandeCreee' });

/** What the case page adds for an order (its parts depend on the role). */
export const CommandeViewShape = z.object({
  commande: z.record(z.string(), z.unknown()),
  instruction: z.record(z.string(), z.unknown()).optional(),
  recrutement: z.record(z.string(), z.unknown()).optional(),
  candidats: z.array(z.record(z.string(), z.unknown())).optional(),
  stagiaires: z.array(z.record(z.string(), z.unknown())).optional(),
  manquementsAnterieurs: z.array(z.record(z.string(), z.unknown())).optional(),
  serviceFait: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const MotifBody = z.object({ motif: text(2000) }).strict().meta({ example: { motif: 'L’entreprise renonce au recrutement' } });

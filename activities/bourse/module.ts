/** The bursaries and the emergency aids as the case core's activities see them: mail addresses and context, partner events. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AideUrgenceDossier, BourseDossier } from '../../db/entities';
import { instalmentSchedule } from '../../domain/bourse';
import { formationLabel } from '../../domain/bourse/formations';
import { moisDeFormation } from '../../domain/bourse/demande';
import { businessFailure } from '../../domain/case/failures';
import { defineProcessModule, type PartnerEventDataBuilder, type ProcessMailContext } from '../case/process-module';
import { AIDE_TEMPLATES, BOURSE_TEMPLATES, type BourseMailContext } from './mails';

async function loadBourse(em: EntityManager, caseId: string): Promise<BourseDossier> {
  const found = await em.findOne(BourseDossier, { dossier: caseId }, { populate: ['dossier.person', 'institut'] });
  if (!found) throw businessFailure('NotFound', `dossier de bourse ${caseId} introuvable`);
  return found;
}

async function loadAide(em: EntityManager, caseId: string): Promise<AideUrgenceDossier> {
  const found = await em.findOne(AideUrgenceDossier, { dossier: caseId });
  if (!found) throw businessFailure('NotFound', `aide d'urgence ${caseId} introuvable`);
  return found;
}

function contextOf(b: BourseDossier): ProcessMailContext<BourseMailContext> {
  const context = { annee: b.annee, formation: formationLabel(b.formation), institut: b.institut.name };
  return { recipients: { institut: b.institut.contactEmail }, summary: `Bourse ${b.annee} : ${context.formation} (${context.institut}).`, context };
}

/** What the CROUS needs to match the student in its own files and follow the decision: no income, no points element. */
function bourseData(b: BourseDossier): Record<string, unknown> {
  const { person } = b.dossier;
  const versements = b.decision === 'attribuee' && b.annuelCents
    ? instalmentSchedule(b.annee, b.annuelCents, moisDeFormation(b)).versements.map((v) => ({ mois: v.mois, montantCents: v.montantCents }))
    : [];
  return {
    dossierId: b.dossier.id, dse: b.dse, anneeUniversitaire: b.annee,
    etudiant: { nom: person.lastName, prenom: person.firstName, dateNaissance: person.birthDate },
    institut: { id: b.institut.id, nom: b.institut.name }, formation: b.formation,
    decision: { resultat: b.decision, motif: b.motifRefus, echelon: b.echelon, montantAnnuelCents: b.annuelCents, versements },
    ...(b.etatVersements && b.etatVersements !== 'en_cours' ? { versements: { etat: b.etatVersements, depuis: b.evenementDate } } : {}),
  };
}

const bourseEvent: PartnerEventDataBuilder = async (em, caseId) => {
  const b = await loadBourse(em, caseId);
  const [indu] = await em.execute(`select coalesce(sum(amount_cents), 0)::bigint as cents from overpayment where dossier_id = ?`, [caseId]);
  return { ...bourseData(b), induCents: Number(indu.cents) };
};

const aideEvent: PartnerEventDataBuilder = async (em, caseId) => {
  const a = await loadAide(em, caseId);
  const b = await loadBourse(em, a.bourse.id);
  const { etudiant, dse, anneeUniversitaire } = bourseData(b);
  return { dossierId: caseId, numero: a.numero, dse, anneeUniversitaire, etudiant,
    decision: { resultat: a.decision, motif: a.motifRefus, montantCents: a.montantAccordeCents, dateLimiteVersement: a.dateLimiteVersement } };
};

export const BOURSE_EVENT_TYPES = ['bourse.attribution', 'bourse.refus', 'bourse.arret'] as const;

export const bourseModule = defineProcessModule<BourseMailContext>({
  kind: 'bourse',
  mailContext: async (em, caseId) => contextOf(await loadBourse(em, caseId)),
  templates: BOURSE_TEMPLATES,
  partnerEvents: Object.fromEntries(BOURSE_EVENT_TYPES.map((type) => [type, bourseEvent])),
});

export const aideUrgenceModule = defineProcessModule<BourseMailContext>({
  kind: 'aide_urgence',
  async mailContext(em, caseId) {
    const a = await loadAide(em, caseId);
    const described = contextOf(await loadBourse(em, a.bourse.id));
    return { ...described, summary: `Aide d’urgence ${a.numero}, ${described.summary}` };
  },
  templates: AIDE_TEMPLATES,
  partnerEvents: { 'aide_urgence.decision': aideEvent },
});

/** The trainee journey as the case core's activities see it: its mail addresses and context, its partner events. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ParcoursDossier } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import { defineProcessModule, type PartnerEventDataBuilder } from '../case/process-module';
import { PARCOURS_TEMPLATES, type ParcoursMailContext } from './mails';

async function loadParcours(em: EntityManager, caseId: string): Promise<ParcoursDossier> {
  const found = await em.findOne(ParcoursDossier, { dossier: caseId },
    { populate: ['dossier.person', 'session.organisme', 'prescripteur'] });
  if (!found) throw businessFailure('NotFound', `dossier ${caseId} introuvable`);
  return found;
}

/** Data a partner needs to match the person in its own files and act: identity, never sensitive data. */
const eventData: PartnerEventDataBuilder = async (em, caseId, occurredAt) => {
  const p = await loadParcours(em, caseId);
  const { person } = p.dossier;
  return {
    dossierId: caseId,
    referencePrescripteur: p.prescripteurReference,
    personne: { nom: person.lastName, prenom: person.firstName, dateNaissance: person.birthDate },
    formation: {
      sessionId: p.session.id,
      intitule: p.session.title,
      organisme: p.session.organisme.name,
      dateEntree: p.entryDate ?? occurredAt.slice(0, 10),
      dateFinPrevue: p.session.endDate,
    },
    ...(p.exitKind ? { sortie: { motif: p.exitKind, date: p.exitDate, certification: p.certification } } : {}),
  };
};

export const PARCOURS_EVENT_TYPES = ['parcours.entree_formation', 'parcours.sortie', 'suivi.demande_situation'] as const;

export const parcoursModule = defineProcessModule<ParcoursMailContext>({
  kind: 'parcours',
  async mailContext(em, caseId) {
    const p = await loadParcours(em, caseId);
    const session = { title: p.session.title, organisme: p.session.organisme.name, startDate: p.session.startDate, endDate: p.session.endDate };
    return {
      recipients: { prescripteur: p.prescripteur?.contactEmail ?? null, organisme: p.session.organisme.contactEmail },
      summary: `Formation : ${session.title} (${session.organisme}).`,
      context: { session, prescripteur: p.prescripteur?.name ?? null },
    };
  },
  templates: PARCOURS_TEMPLATES,
  partnerEvents: Object.fromEntries(PARCOURS_EVENT_TYPES.map((type) => [type, eventData])),
});

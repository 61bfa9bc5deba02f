/**
 * A case as each role may see it. Identity for those who work with the person (caseworker, prescriber,
 * training provider); sensitive data for caseworkers only, and every such read is written to the audit log;
 * ops see ids and stages, never a name.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { AuditEntry, type Dossier, PersonSensitive } from '../../db/entities';
import { etatQuery, parcoursWorkflowId, type ParcoursState } from '../../workflows/parcours/messages';
import { actorOf, type Principal } from '../auth';

export async function caseView(em: EntityManager, client: Client, principal: Principal, dossier: Dossier) {
  const state = await client.workflow.getHandle(parcoursWorkflowId(dossier.id)).query(etatQuery);
  return {
    ...stateView(state),
    session: {
      id: dossier.session.id,
      title: dossier.session.title,
      organisme: dossier.session.organisme.name,
      bassin: dossier.session.bassin,
      dispositif: dossier.session.dispositif,
      startDate: dossier.session.startDate,
      endDate: dossier.session.endDate,
    },
    prescripteur: dossier.prescripteur ? { id: dossier.prescripteur.id, name: dossier.prescripteur.name } : null,
    ...(principal.role === 'ops' ? {} : { person: personView(principal, dossier) }),
    ...(principal.role === 'caseworker' ? { sensitive: await readSensitive(em, principal, dossier) } : {}),
    ...formationView(principal, state),
  };
}

/** Pay progress: the caseworker sees all of it, the organisme which statements it has certified. */
function formationView(principal: Principal, { formation }: ParcoursState) {
  if (!formation) return {};
  if (principal.role === 'caseworker') return { formation };
  if (principal.role === 'organisme') {
    return { formation: { entryDate: formation.entryDate, endDate: formation.endDate, statements: formation.statements,
      suspendedSince: formation.suspendedSince, sortie: formation.sortie } };
  }
  return {};
}

export function stateView(state: ParcoursState) {
  return { caseId: state.caseId, stage: state.stage, history: state.history, deadlines: state.deadlines, closure: state.closure };
}

function personView(principal: Principal, { person }: Dossier) {
  const contact = { lastName: person.lastName, firstName: person.firstName, email: person.email, phone: person.phone ?? undefined };
  if (principal.role === 'organisme') return contact;
  return { ...contact, birthDate: person.birthDate, gender: person.gender, postalCode: person.postalCode };
}

async function readSensitive(em: EntityManager, principal: Principal, dossier: Dossier) {
  const sensitive = await em.findOneOrFail(PersonSensitive, { person: dossier.person.id });
  em.create(AuditEntry, { actor: actorOf(principal), action: 'lecture_donnees_sensibles', dossierId: dossier.id, detail: {} });
  await em.flush();
  return { rqth: sensitive.rqth, rsa: sensitive.rsa, sousMainDeJustice: sensitive.sousMainDeJustice, illettrisme: sensitive.illettrisme };
}

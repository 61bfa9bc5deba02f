/**
 * A case as each role may see it: the core part (stage, journal, deadlines, what the stage allows now), the
 * person as far as the role needs (sensitive data for caseworkers only, every such read audited; ops see ids
 * and stages, never a name), then what the case's process adds.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { PersonSensitive } from '../../db/entities';
import { writeAudit } from '../../activities/case/audit';
import type { CaseHeader } from '../../domain/case/journal';
import { actionsAllowedIn, type ProcessDefinition } from '../../domain/case/process';
import { actorOf, type Principal } from '../auth';
import type { LoadedCase } from './access';
import type { CaseRecord, IdentityLevel, PersonRecord } from './process-api';
import { caseState } from './state';

/**
 * `sensitive: false`: without the sensitive data (the console shows them only on request, each request audited).
 */
export async function caseView(em: EntityManager, client: Client, principal: Principal, { dossier, process, satellite }: LoadedCase,
  { sensitive = true }: { sensitive?: boolean } = {}) {
  const state = await caseState(em, client, { dossier, process, satellite });
  const identity = process.identity(principal);
  return {
    ...stateView(state),
    process: process.definition.kind,
    stageLabel: process.definition.stages[state.stage] ?? state.stage,
    allowedActions: allowedActions(process.definition, state.stage),
    incident: dossier.incidentSince ? { since: dossier.incidentSince.toISOString(), detail: dossier.incidentDetail ?? '' } : null,
    ...(identity === 'none' ? {} : { person: personView(identity, dossier.person) }),
    ...(principal.role === 'caseworker' && sensitive ? { sensitive: await readSensitive(em, principal, dossier) } : {}),
    ...(await process.view(em, principal, satellite, state)),
  };
}

export function stateView(state: CaseHeader) {
  return { caseId: state.caseId, stage: state.stage, history: state.history, deadlines: state.deadlines, closure: state.closure };
}

const allowedActions = (definition: ProcessDefinition, stage: string) =>
  actionsAllowedIn(definition, stage).map((action) => ({ action, label: definition.actions[action].label }));

function personView(identity: IdentityLevel, person: PersonRecord) {
  const contact = { lastName: person.lastName, firstName: person.firstName, email: person.email, phone: person.phone ?? undefined };
  if (identity === 'contact') return contact;
  // A company's contact (sur-mesure) has no birth date, gender nor postal code: absent, not null (the document's shape).
  return { ...contact, birthDate: person.birthDate ?? undefined, gender: person.gender ?? undefined, postalCode: person.postalCode ?? undefined };
}

/** The sensitive data of a case's person (caseworkers only): every read is audited. */
export async function readSensitive(em: EntityManager, principal: Principal, dossier: CaseRecord) {
  const sensitive = await em.findOne(PersonSensitive, { person: dossier.person.id });
  await writeAudit(em, { operation: 'lecture_donnees_sensibles', actor: actorOf(principal), dossierId: dossier.id });
  return { rqth: sensitive?.rqth ?? false, rsa: sensitive?.rsa ?? false, sousMainDeJustice: sensitive?.sousMainDeJustice ?? false,
    illettrisme: sensitive?.illettrisme ?? false };
}

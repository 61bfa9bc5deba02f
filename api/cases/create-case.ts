/**
 * Repérage: a case is created by a caseworker or by a partner's referral. The person, the sensitive data
 * and the case are written in one transaction, and the workflow is started before it commits: a failure
 * anywhere leaves nothing half-written. A second referral of the same person to the same session (or the
 * same partner reference twice) is a 409 naming the existing case.
 */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { Dossier, FormationSession, Organisation, Person, PersonSensitive } from '../../db/entities';
import { personKey } from '../../domain/personne/person-key';
import { parcours } from '../../workflows';
import { parcoursWorkflowId, type ParcoursDelays, type ParcoursInput } from '../../workflows/parcours/messages';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import type { PersonSchema, SensitiveSchema } from '../schemas';

export interface CreateCaseCommand {
  person: z.infer<typeof PersonSchema>;
  sensitive?: z.infer<typeof SensitiveSchema>;
  sessionId: string;
  prescripteurId?: string;
  prescripteurReference?: string;
  referentEmail?: string;
  actor: string;
  /** Tests shorten the delays; production uses the defaults. */
  delays?: Partial<ParcoursDelays>;
}

const fieldError = (path: string, message: string): HttpError => new HttpError(400, 'requête invalide', { fields: [{ path, message }] });
const duplicate = (caseId: string, why: string): HttpError => new HttpError(409, why, { caseId });

export async function createCase(ctx: ApiContext, cmd: CreateCaseCommand): Promise<{ caseId: string }> {
  try {
    return await ctx.orm.em.fork().transactional((em) => insertAndStart(ctx, em as EntityManager, cmd));
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      throw new HttpError(409, 'un dossier identique vient d’être créé (doublon)');
    }
    throw err;
  }
}

async function insertAndStart(ctx: ApiContext, em: EntityManager, cmd: CreateCaseCommand): Promise<{ caseId: string }> {
  const session = await em.findOne(FormationSession, cmd.sessionId, { populate: ['organisme'] });
  if (!session) throw fieldError('sessionId', 'session inconnue');
  const prescripteur = cmd.prescripteurId ? await em.findOne(Organisation, cmd.prescripteurId) : null;
  if (cmd.prescripteurId && (!prescripteur || prescripteur.kind === 'organisme_formation')) {
    throw fieldError('prescripteurId', 'prescripteur inconnu');
  }
  const key = personKey(ctx.config.PERSON_KEY_SECRET, cmd.person);
  await rejectDuplicates(em, cmd, key, session);

  const person = await findOrCreatePerson(em, cmd, key);
  const dossier = em.create(Dossier, {
    id: randomUUID(),
    person,
    session,
    prescripteur,
    prescripteurReference: cmd.prescripteurReference ?? null,
    referentEmail: cmd.referentEmail ?? ctx.config.ALERT_MAILBOX,
    createdBy: cmd.actor,
  });
  await em.flush();

  const input: ParcoursInput = {
    caseId: dossier.id,
    session: {
      sessionId: session.id,
      organismeId: session.organisme.id,
      dispositif: session.dispositif,
      bassin: session.bassin,
      startDate: session.startDate,
      endDate: session.endDate,
    },
    prescripteur: prescripteur ? { id: prescripteur.id, kind: prescripteur.kind } : null,
    createdBy: cmd.actor,
    delays: { ...ctx.config.PARCOURS_DELAYS, ...cmd.delays },
  };
  await ctx.client.workflow.start(parcours, {
    workflowId: parcoursWorkflowId(dossier.id),
    taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
    args: [input],
  });
  return { caseId: dossier.id };
}

async function rejectDuplicates(em: EntityManager, cmd: CreateCaseCommand, key: string, session: FormationSession): Promise<void> {
  if (cmd.prescripteurId && cmd.prescripteurReference) {
    const same = await em.findOne(Dossier, { prescripteur: cmd.prescripteurId, prescripteurReference: cmd.prescripteurReference });
    if (same) throw duplicate(same.id, 'cette prescription (même référence) a déjà un dossier');
  }
  const open = await em.findOne(Dossier, { person: { personKey: key }, session, open: true });
  if (open) throw duplicate(open.id, 'cette personne a déjà un dossier ouvert pour cette session');
}

/** The person is found again by its pseudonymous key; a new one gets its sensitive data beside it. */
async function findOrCreatePerson(em: EntityManager, cmd: CreateCaseCommand, key: string): Promise<Person> {
  const known = await em.findOne(Person, { personKey: key });
  if (known) return known;
  const person = em.create(Person, { id: randomUUID(), personKey: key, ...cmd.person, phone: cmd.person.phone ?? null });
  const sensitive = cmd.sensitive;
  em.create(PersonSensitive, {
    person,
    rqth: sensitive?.rqth ?? false,
    rsa: sensitive?.rsa ?? false,
    sousMainDeJustice: sensitive?.sousMainDeJustice ?? false,
    illettrisme: sensitive?.illettrisme ?? false,
  });
  return person;
}

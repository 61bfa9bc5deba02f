/**
 * Opening a case, whatever its process: the person (found again by its pseudonymous key, or created with
 * its sensitive data), the case row, the process's satellite row, all in one transaction, and the workflow
 * started before it commits. A failure anywhere leaves nothing half-written. A second open case of the same
 * person, process and key is a 409 naming the existing case.
 */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { Dossier, Person, PersonSensitive } from '../../db/entities';
import { personKey } from '../../domain/personne/person-key';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import type { PersonSchema, SensitiveSchema } from '../schemas';

export interface OpenCaseCommand {
  person: z.infer<typeof PersonSchema>;
  sensitive?: z.infer<typeof SensitiveSchema>;
  processKind: string;
  /** One open case per person, process and this key (null: no such rule). */
  dedupKey: string | null;
  referentEmail: string;
  referentName?: string | null;
  createdBy: string;
  /** What the 409 says when that open case exists. */
  duplicateMessage: string;
}

export interface OpenCaseSteps {
  /** The process's own duplicate rules, before anything is written (throw a 409). */
  rejectDuplicates?(em: EntityManager, personKey: string): Promise<void>;
  /** Writes the satellite row(s) of the new case. */
  writeSatellite(em: EntityManager, dossier: Dossier): Promise<void> | void;
  /** Starts the workflow; runs last, inside the transaction. */
  start(caseId: string): Promise<unknown>;
}

export const duplicateCase = (caseId: string, why: string): HttpError => new HttpError(409, why, { caseId });

export async function openCase(ctx: ApiContext, cmd: OpenCaseCommand, steps: OpenCaseSteps): Promise<{ caseId: string }> {
  try {
    return await ctx.orm.em.fork().transactional((em) => insertAndStart(ctx, em as EntityManager, cmd, steps));
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw new HttpError(409, 'un dossier identique vient d’être créé (doublon)');
    throw err;
  }
}

async function insertAndStart(ctx: ApiContext, em: EntityManager, cmd: OpenCaseCommand, steps: OpenCaseSteps): Promise<{ caseId: string }> {
  const key = personKey(ctx.config.PERSON_KEY_SECRET, cmd.person);
  await steps.rejectDuplicates?.(em, key);
  if (cmd.dedupKey) {
    const open = await em.findOne(Dossier, { person: { personKey: key }, processKind: cmd.processKind, dedupKey: cmd.dedupKey, open: true });
    if (open) throw duplicateCase(open.id, cmd.duplicateMessage);
  }
  const dossier = em.create(Dossier, {
    id: randomUUID(), person: await findOrCreatePerson(em, cmd, key), processKind: cmd.processKind, dedupKey: cmd.dedupKey,
    referentEmail: cmd.referentEmail, referentName: cmd.referentName ?? null, createdBy: cmd.createdBy,
  });
  await steps.writeSatellite(em, dossier);
  await em.flush();
  await steps.start(dossier.id);
  return { caseId: dossier.id };
}

/** The person is found again by its pseudonymous key; a new one gets its sensitive data beside it. */
async function findOrCreatePerson(em: EntityManager, cmd: OpenCaseCommand, key: string): Promise<Person> {
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

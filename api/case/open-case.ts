/**
 * Opening a case, whatever its process: the person (found again by its pseudonymous key, or created with
 * its sensitive data), the case row, the process's satellite row, all in one transaction, and the workflow
 * started before it commits. A failure anywhere leaves nothing half-written. A second open case of the same
 * person, process and key is a 409 naming the existing case.
 *
 * A person already known keeps one record, completed by what the new case brings (docs/DECISIONS.md):
 * a sensitive flag reported true is recorded (a case never clears one: that is a caseworker's correction);
 * contact data the record lacks (a phone...) are filled in; contact data that differ from the record are not
 * overwritten (a third party could otherwise redirect the person's mail) and are named in the answer, which
 * says what was added.
 */
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { writeAudit } from '../../activities/case/audit';
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

export const duplicateCase = (caseId: string, why: string): HttpError => new HttpError(409, why, { caseId, code: 'DuplicateCase' });

/** What became of the person's record: new, or known and completed (field names only, never values). */
export interface PersonOutcome {
  known: boolean;
  /** Recorded now on the known person: `phone`, `sensitive.rsa`... */
  added: string[];
  /** Sent with another value than the record's, which is kept: `email`, `postalCode`, `gender`, `phone`. */
  kept: string[];
}

export interface OpenedCase {
  caseId: string;
  person: PersonOutcome;
}

export async function openCase(ctx: ApiContext, cmd: OpenCaseCommand, steps: OpenCaseSteps): Promise<OpenedCase> {
  try {
    return await ctx.orm.em.fork().transactional((em) => insertAndStart(ctx, em as EntityManager, cmd, steps));
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      throw new HttpError(409, 'un dossier identique vient d’être créé (doublon)', { code: 'DuplicateCase' });
    }
    throw err;
  }
}

async function insertAndStart(ctx: ApiContext, em: EntityManager, cmd: OpenCaseCommand, steps: OpenCaseSteps): Promise<OpenedCase> {
  const key = personKey(ctx.config.PERSON_KEY_SECRET, cmd.person);
  await steps.rejectDuplicates?.(em, key);
  if (cmd.dedupKey) {
    const open = await em.findOne(Dossier, { person: { personKey: key }, processKind: cmd.processKind, dedupKey: cmd.dedupKey, open: true });
    if (open) throw duplicateCase(open.id, cmd.duplicateMessage);
  }
  const { person, outcome } = await findOrCreatePerson(em, cmd, key);
  const dossier = em.create(Dossier, {
    id: randomUUID(), person, processKind: cmd.processKind, dedupKey: cmd.dedupKey,
    referentEmail: cmd.referentEmail, referentName: cmd.referentName ?? null, createdBy: cmd.createdBy,
  });
  await steps.writeSatellite(em, dossier);
  await em.flush();
  if (outcome.added.length) {
    // Which kinds of data were added, not which flag: the audit log holds no sensitive value.
    const kinds = [...new Set(outcome.added.map((f) => (f.startsWith('sensitive.') ? 'donnees_sensibles' : f)))];
    await writeAudit(em, { operation: 'personne_completee', actor: cmd.createdBy, dossierId: dossier.id, detail: { champs: kinds } });
  }
  await steps.start(dossier.id);
  return { caseId: dossier.id, person: outcome };
}

const SENSITIVE_FLAGS = ['rqth', 'rsa', 'sousMainDeJustice', 'illettrisme'] as const;
/** Filled in when the record has none; kept as recorded when they differ. */
const CONTACT_FIELDS = ['email', 'phone', 'postalCode', 'gender'] as const;

/** The person is found again by its pseudonymous key and completed; a new one gets its sensitive data beside it. */
async function findOrCreatePerson(em: EntityManager, cmd: OpenCaseCommand, key: string): Promise<{ person: Person; outcome: PersonOutcome }> {
  const known = await em.findOne(Person, { personKey: key });
  if (known) return { person: known, outcome: await complete(em, known, cmd) };
  const person = em.create(Person, { id: randomUUID(), personKey: key, ...cmd.person, phone: cmd.person.phone ?? null });
  const sensitive = cmd.sensitive;
  em.create(PersonSensitive, {
    person,
    rqth: sensitive?.rqth ?? false,
    rsa: sensitive?.rsa ?? false,
    sousMainDeJustice: sensitive?.sousMainDeJustice ?? false,
    illettrisme: sensitive?.illettrisme ?? false,
  });
  return { person, outcome: { known: false, added: [], kept: [] } };
}

/** Completes a known person with what the new case brings (see the top of this file). */
async function complete(em: EntityManager, person: Person, cmd: OpenCaseCommand): Promise<PersonOutcome> {
  const added: string[] = [];
  const kept: string[] = [];
  for (const field of CONTACT_FIELDS) {
    const sent = cmd.person[field];
    if (sent === undefined || sent === null) continue;
    const recorded = person[field];
    if (recorded === null || recorded === undefined) {
      Object.assign(person, { [field]: sent });
      added.push(field);
    } else if (normalise(sent) !== normalise(recorded)) {
      kept.push(field);
    }
  }
  const reported = SENSITIVE_FLAGS.filter((flag) => cmd.sensitive?.[flag] === true);
  if (reported.length) {
    const sensitive = await em.findOne(PersonSensitive, { person: person.id })
      ?? em.create(PersonSensitive, { person, rqth: false, rsa: false, sousMainDeJustice: false, illettrisme: false });
    for (const flag of reported.filter((f) => !sensitive[f])) {
      sensitive[flag] = true;
      added.push(`sensitive.${flag}`);
    }
  }
  return { known: true, added, kept };
}

const normalise = (value: string): string => value.trim().toLowerCase().replace(/[\s.]/g, '');

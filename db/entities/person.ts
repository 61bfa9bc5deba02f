import { EntitySchema } from '@mikro-orm/core';

/**
 * A person a case is about: a trainee, or a company's contact for a sur-mesure order (known by name and
 * contact only: no birth date, gender or postal code). Identity and contact are personal data: shown to
 * caseworkers, the prescriber and the organisme.
 */
export class Person {
  id!: string;
  /** HMAC of the normalised identity: finds the same person again without storing a searchable copy. */
  personKey!: string;
  lastName!: string;
  firstName!: string;
  birthDate!: string | null;
  gender!: 'F' | 'M' | 'X' | null;
  email!: string;
  phone: string | null = null;
  postalCode!: string | null;
}

/**
 * Sensitive data (GDPR art. 9 and 10, RSA): kept apart, loaded only for the caseworker role, every read
 * audited. Never in a workflow, a search attribute, a log or a partner event.
 */
export class PersonSensitive {
  person!: Person;
  rqth = false;
  rsa = false;
  sousMainDeJustice = false;
  illettrisme = false;
}

export const PersonSchema = new EntitySchema<Person>({
  class: Person,
  tableName: 'person',
  properties: {
    id: { type: 'uuid', primary: true },
    personKey: { type: 'string', length: 64, unique: true },
    lastName: { type: 'string', length: 200 },
    firstName: { type: 'string', length: 200 },
    birthDate: { type: 'date', nullable: true },
    gender: { type: 'string', length: 1, nullable: true },
    email: { type: 'string', length: 320 },
    phone: { type: 'string', length: 30, nullable: true },
    postalCode: { type: 'string', length: 5, nullable: true },
  },
});

export const PersonSensitiveSchema = new EntitySchema<PersonSensitive>({
  class: PersonSensitive,
  tableName: 'person_sensitive',
  properties: {
    person: { kind: '1:1', entity: () => Person, primary: true, owner: true },
    rqth: { type: 'boolean' },
    rsa: { type: 'boolean' },
    sousMainDeJustice: { type: 'boolean' },
    illettrisme: { type: 'boolean' },
  },
});

import { EntitySchema } from '@mikro-orm/core';

/** Partners of the Réseau pour l'Emploi (prescribers) and training providers (organismes de formation). */
export const ORGANISATION_KINDS = [
  'france_travail',
  'mission_locale',
  'cap_emploi',
  'conseil_departemental',
  'spip',
  'cria',
  'organisme_formation',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export class Organisation {
  id!: string;
  kind!: OrganisationKind;
  name!: string;
  /** Mailbox that receives the mails about the cases it prescribed. */
  contactEmail!: string;
  /** Endpoint receiving handoff events (partner notifications); null: the partner reads them through the API. */
  webhookUrl: string | null = null;
  /** HMAC-SHA256 key signing the events sent to this partner. */
  webhookSecret: string | null = null;
}

export const OrganisationSchema = new EntitySchema<Organisation>({
  class: Organisation,
  tableName: 'organisation',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string', length: 40 },
    name: { type: 'string', length: 200 },
    contactEmail: { type: 'string', length: 320 },
    webhookUrl: { type: 'string', length: 2000, nullable: true },
    webhookSecret: { type: 'string', length: 200, nullable: true },
  },
});

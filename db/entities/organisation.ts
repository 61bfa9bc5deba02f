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
  /** A health & social training institute (IFSI, IFAS...): reports its students' attendance and exits. */
  'institut_formation_sanitaire_sociale',
  /** The CROUS: sends the students' social files, hears of the bursary decisions. */
  'crous',
  /** A company (sur-mesure orders), identified by its SIRET. */
  'entreprise',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The partners of the Réseau pour l'Emploi that may refer a person to a training (prescripteurs). */
export const PRESCRIBER_KINDS: readonly OrganisationKind[] = ['france_travail', 'mission_locale', 'cap_emploi', 'conseil_departemental', 'spip', 'cria'];

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
  /** SIRET of the establishment (companies, providers); null when not known. */
  siret: string | null = null;
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
    siret: { type: 'string', length: 14, nullable: true, unique: 'organisation_siret_unique' },
  },
});

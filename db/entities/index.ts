export * from './organisation';
export * from './formation-session';
export * from './person';
export * from './dossier';
export * from './parcours-dossier';
export * from './positionnement';
export * from './contrat';
export * from './seat-reservation';
export * from './audit-entry';
export * from './sent-mail';
export * from './partner-event';
export * from './badge-assertion';
export * from './payment';
export * from './bank-account';
export * from './remuneration-dossier';
export * from './sur-mesure-entities';
export * from './bourse-dossier';
export * from './bourse-aide-urgence';

import { OrganisationSchema } from './organisation';
import { FormationSessionSchema } from './formation-session';
import { PersonSchema, PersonSensitiveSchema } from './person';
import { DossierSchema } from './dossier';
import { ParcoursDossierSchema } from './parcours-dossier';
import { PositionnementSchema } from './positionnement';
import { ContratEngagementSchema } from './contrat';
import { SeatReservationSchema } from './seat-reservation';
import { AuditEntrySchema } from './audit-entry';
import { SentMailSchema } from './sent-mail';
import { PartnerEventSchema } from './partner-event';
import { BadgeAssertionSchema } from './badge-assertion';
import { LEDGER_ENTITIES } from './payment';
import { BankAccountSchema } from './bank-account';
import { RemunerationDossierSchema } from './remuneration-dossier';
import { SUR_MESURE_ENTITIES } from './sur-mesure-entities';
import { BOURSE_ENTITIES } from './bourse-dossier';

export const ENTITIES = [
  OrganisationSchema,
  FormationSessionSchema,
  PersonSchema,
  PersonSensitiveSchema,
  DossierSchema,
  ParcoursDossierSchema,
  PositionnementSchema,
  ContratEngagementSchema,
  SeatReservationSchema,
  AuditEntrySchema,
  SentMailSchema,
  PartnerEventSchema,
  BadgeAssertionSchema,
  ...LEDGER_ENTITIES,
  BankAccountSchema,
  RemunerationDossierSchema,
  ...SUR_MESURE_ENTITIES,
  ...BOURSE_ENTITIES,
];

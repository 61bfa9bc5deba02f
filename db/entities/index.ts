export * from './organisation';
export * from './formation-session';
export * from './person';
export * from './dossier';
export * from './positionnement';
export * from './contrat';
export * from './seat-reservation';
export * from './audit-entry';
export * from './sent-mail';
export * from './partner-event';

import { OrganisationSchema } from './organisation';
import { FormationSessionSchema } from './formation-session';
import { PersonSchema, PersonSensitiveSchema } from './person';
import { DossierSchema } from './dossier';
import { PositionnementSchema } from './positionnement';
import { ContratEngagementSchema } from './contrat';
import { SeatReservationSchema } from './seat-reservation';
import { AuditEntrySchema } from './audit-entry';
import { SentMailSchema } from './sent-mail';
import { PartnerEventSchema } from './partner-event';

export const ENTITIES = [
  OrganisationSchema,
  FormationSessionSchema,
  PersonSchema,
  PersonSensitiveSchema,
  DossierSchema,
  PositionnementSchema,
  ContratEngagementSchema,
  SeatReservationSchema,
  AuditEntrySchema,
  SentMailSchema,
  PartnerEventSchema,
];

/** Reference data a test needs: partners, a training provider and its sessions (unique per call). */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FormationSession, Organisation, type OrganisationKind } from '../../db/entities';

export interface Catalogue {
  franceTravail: Organisation;
  missionLocale: Organisation;
  organisme: Organisation;
  autreOrganisme: Organisation;
  session: FormationSession;
  petiteSession: FormationSession;
  autreSession: FormationSession;
}

export const isoDay = (offsetDays = 0, from = Date.now()): string => new Date(from + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** `franceTravailId`: the id the suite's worker is configured with (FRANCE_TRAVAIL_ORG_ID). */
export async function seedCatalogue(orm: MikroORM, webhooks: { franceTravail?: string; missionLocale?: string; secret?: string } = {},
  franceTravailId: string = randomUUID()): Promise<Catalogue> {
  const em = orm.em.fork();
  const tag = randomUUID().slice(0, 8);
  const org = (kind: OrganisationKind, name: string, webhookUrl?: string, id: string = randomUUID()): Organisation => em.create(Organisation, {
    id, kind, name: `${name} ${tag}`, contactEmail: `contact-${kind}-${tag}@partenaire.test`,
    webhookUrl: webhookUrl ?? null, webhookSecret: webhookUrl ? (webhooks.secret ?? 'secret-de-test') : null,
  });
  const franceTravail = org('france_travail', 'France Travail Normandie', webhooks.franceTravail, franceTravailId);
  const missionLocale = org('mission_locale', 'Mission Locale de Caen', webhooks.missionLocale);
  const organisme = org('organisme_formation', 'AFPA Caen');
  const autreOrganisme = org('organisme_formation', 'GRETA du Havre');
  const session = (organismeOrg: Organisation, title: string, seats: number, bassin: string): FormationSession => em.create(FormationSession, {
    id: randomUUID(), title: `${title} ${tag}`, organisme: organismeOrg, dispositif: 'qualif', bassin,
    startDate: isoDay(0), endDate: isoDay(300), totalHours: 1200, hoursPerWeek: 35, seats,
  });
  const catalogue = {
    franceTravail, missionLocale, organisme, autreOrganisme,
    session: session(organisme, 'Titre professionnel Soudeur', 12, 'caen'),
    petiteSession: session(organisme, 'Conducteur routier', 1, 'caen'),
    autreSession: session(autreOrganisme, 'Préparatoire compétences clés', 12, 'le-havre'),
  };
  await em.flush();
  return catalogue;
}

let counter = 0;
// Letters only (names are normalised to letters for the duplicate check): each hex digit becomes a letter.
const letters = (s: string): string => s.replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));

/**
 * The start of the surname of every person newPerson() makes in this process: suites run in parallel
 * processes, so a suite counts "its" rows with it (`last_name like ?`) without seeing the others'.
 */
export const PROCESS_SURNAME_PREFIX = `NomZqx${letters(process.pid.toString(16))}x`;

/** A person with a name found nowhere else, so tests can search the stored history for it. */
export function newPerson(overrides: Record<string, string> = {}) {
  counter += 1;
  const marker = `Zqx${letters(`${process.pid.toString(16)}x${counter.toString(16)}x${randomUUID().replace(/-/g, '').slice(0, 12)}`)}`;
  return {
    lastName: `Nom${marker}`,
    firstName: 'Camille',
    birthDate: '2001-04-12',
    gender: 'F' as const,
    email: `camille.${marker.toLowerCase()}@exemple.test`,
    postalCode: '14000',
    ...overrides,
  };
}

/** A session of the suite's organisme starting on `startDate` (time-skipping suites move the clock on). */
export async function createSession(orm: MikroORM, organisme: Organisation, startDate: string, days = 300): Promise<FormationSession> {
  const em = orm.em.fork();
  const session = em.create(FormationSession, {
    id: randomUUID(), title: `Session du ${startDate}`, organisme: em.getReference(Organisation, organisme.id), dispositif: 'qualif',
    bassin: 'caen', startDate, endDate: isoDay(days, Date.parse(`${startDate}T12:00:00Z`)), totalHours: 1200, hoursPerWeek: 35, seats: 20,
  });
  await em.flush();
  return session;
}

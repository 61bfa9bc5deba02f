/**
 * Reference data for development: the Réseau pour l'Emploi partners of the Calvados, two training providers
 * and four sessions of the regional offer. Idempotent: fixed ids and `insert … on conflict do nothing`, so
 * `npm start` runs it at every start and never overwrites what a developer changed by hand.
 * Standalone: `npx tsx scripts/seed-dev.ts` seeds the database of DATABASE_URL.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { FormationSession, Organisation, type OrganisationKind } from '../db/entities';
import { migrate, openOrm } from '../db/orm';
import { loadConfig } from '../platform/config';
import { seedDevSurMesure } from './seed-dev-sur-mesure';
import { seedDevBourse } from './seed-dev-bourse';

export interface SeedOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  contactEmail: string;
}

const org = (n: number, kind: OrganisationKind, name: string, contactEmail: string): SeedOrganisation =>
  ({ id: `5eed0000-0000-4000-a000-${String(n).padStart(12, '0')}`, kind, name, contactEmail });

/** Prescribers: they refer people and follow the cases they prescribed. */
export const SEED_PARTNERS: SeedOrganisation[] = [
  org(1, 'france_travail', 'France Travail Normandie', 'formation.normandie@francetravail.test'),
  org(2, 'mission_locale', 'Mission Locale de Caen', 'contact@mlcaen.test'),
  org(3, 'cap_emploi', 'Cap emploi Calvados', 'contact@capemploi14.test'),
  org(4, 'conseil_departemental', 'Conseil départemental du Calvados', 'insertion@calvados.test'),
  org(5, 'spip', 'SPIP du Calvados', 'spip.calvados@justice.test'),
];

/** Training providers (organismes de formation): they run the sessions and confirm entries. */
export const SEED_PROVIDERS: SeedOrganisation[] = [
  org(11, 'organisme_formation', 'AFPA Caen', 'caen@afpa.test'),
  org(12, 'organisme_formation', 'GRETA du Havre', 'greta.lehavre@ac-normandie.test'),
];

const [afpa, greta] = SEED_PROVIDERS;

/** A day relative to today (YYYY-MM-DD); dates are fixed by the first seed, later runs change nothing. */
const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const session = (n: number, organisme: SeedOrganisation, title: string, dispositif: string, bassin: string,
  startIn: number, weeks: number, hoursPerWeek: number, seats: number) => ({
  id: `5eed0000-0000-4000-b000-${String(n).padStart(12, '0')}`, title, organisme: organisme.id, dispositif, bassin,
  startDate: day(startIn), endDate: day(startIn + weeks * 7), totalHours: weeks * hoursPerWeek, hoursPerWeek, seats,
});

export const seedSessions = () => [
  session(1, afpa, 'Titre professionnel Soudeur', 'qualif', 'caen', 21, 30, 35, 12),
  session(2, afpa, 'Titre professionnel Agent de restauration', 'qualif', 'caen', 42, 20, 35, 10),
  session(3, greta, 'Préparatoire compétences clés', 'preparatoire', 'le-havre', 14, 12, 30, 15),
  session(4, greta, 'Titre professionnel Préparateur de commandes', 'qualif', 'rouen', 56, 16, 35, 8),
  // Started three months before the first start: its trainees (scripts/seed-demo.ts) are in training, with pay.
  session(5, afpa, 'Titre professionnel Agent de maintenance des bâtiments', 'qualif', 'caen', -90, 40, 35, 12),
];

/** The session whose cases the demonstration seed puts in training. */
export const DEMO_SESSION_ID = '5eed0000-0000-4000-b000-000000000005';

/** Inserts what is missing; returns how many rows were new. */
export async function seedDev(orm: MikroORM): Promise<{ organisations: number; sessions: number }> {
  const em = orm.em.fork();
  const organisations = [...SEED_PARTNERS, ...SEED_PROVIDERS].map((o) => ({ ...o, webhookUrl: null, webhookSecret: null }));
  const orgs = await em.createQueryBuilder(Organisation).insert(organisations).onConflict('id').ignore().execute('run');
  const sessions = await em.createQueryBuilder(FormationSession).insert(seedSessions()).onConflict('id').ignore().execute('run');
  return { organisations: orgs.affectedRows + (await seedDevSurMesure(orm)) + (await seedDevBourse(orm)), sessions: sessions.affectedRows };
}

async function main(): Promise<void> {
  const orm = await openOrm(loadConfig().DATABASE_URL);
  try {
    await migrate(orm);
    const added = await seedDev(orm);
    console.log(`seed: ${added.organisations} organisations and ${added.sessions} sessions added`);
  } finally {
    await orm.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

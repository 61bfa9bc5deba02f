/**
 * What the bursary suites share (each has a database of its own: ./own-database.ts): the organisations
 * (institutes, a CROUS with a real endpoint), barème rows copied to the years the time-skipping suites live in (later years are added as rows: that is
 * how the tables are meant to grow), and valid applications.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Organisation } from '../../db/entities';
import type { DemandeBourse } from '../../domain/bourse/demande';
import { newPerson } from './fixtures';

export interface BourseOrgs {
  institut: Organisation;
  autreInstitut: Organisation;
  crous: Organisation;
}

export async function seedBourseOrgs(orm: MikroORM, crousWebhook?: { url: string; secret: string }): Promise<BourseOrgs> {
  const em = orm.em.fork();
  const tag = randomUUID().slice(0, 8);
  const org = (kind: Organisation['kind'], name: string, hook?: { url: string; secret: string }) => em.create(Organisation, {
    id: randomUUID(), kind, name: `${name} ${tag}`, contactEmail: `contact-${kind}-${tag}@exemple.test`,
    webhookUrl: hook?.url ?? null, webhookSecret: hook?.secret ?? null,
  });
  const orgs = {
    institut: org('institut_formation_sanitaire_sociale', 'IFSI du CHU de Caen'),
    autreInstitut: org('institut_formation_sanitaire_sociale', 'IFAS de Rouen'),
    crous: org('crous', 'CROUS Normandie', crousWebhook),
  };
  await em.flush();
  return orgs;
}

/** Copies the 2025-2026 barème (ceilings and amounts) to other academic years, marked as unverified test rows. */
export async function copyBareme(orm: MikroORM, annees: string[]): Promise<void> {
  const conn = orm.em.fork().getConnection();
  for (const annee of annees) {
    await conn.execute(`insert into bourse_plafond (annee, points, echelon, plafond_euros, source, verified)
      select ?, points, echelon, plafond_euros, 'copie de test du barème 2025-2026', false from bourse_plafond where annee = '2025-2026'
      on conflict do nothing`, [annee]);
    await conn.execute(`insert into bourse_montant (annee, echelon, annuel_cents, source, verified)
      select ?, echelon, annuel_cents, 'copie de test du barème 2025-2026', false from bourse_montant where annee = '2025-2026'
      on conflict do nothing`, [annee]);
  }
}

let dseCounter = 0;
export const newDse = (): string => `DSE${process.pid % 100000}${Date.now() % 1_000_000}${++dseCounter}`.slice(0, 20);

/**
 * A valid application. Worked example (barème 2025-2026): distance 40 km → 1 point, one other child not in
 * higher education → 2 points: 3 points. Ceilings for 3 points: échelon 3 22 716 €, échelon 4 19 758 €; a
 * revenu brut global of 20 000 € gives échelon 3: 3 828 € a year, 10 instalments of 382,80 €.
 */
export function demandeBourse(institutId: string, overrides: Partial<DemandeBourse> = {}): DemandeBourse {
  return {
    dse: newDse(), annee: '2027-2028', person: newPerson({ birthDate: '2004-05-06' }), institutId, formation: 'infirmier',
    premierMois: '2027-09', nombreMois: 10, revenuBrutGlobalEuros: 20_000,
    elementsDeCharge: { distanceKm: 40, enfantsACharge: 1, enfantsEnseignementSuperieur: 0, handicapReconnuCdaph: false, prochesAides: 0 },
    iban: 'FR7630006000011234567890189',
    ...overrides,
  } as DemandeBourse;
}

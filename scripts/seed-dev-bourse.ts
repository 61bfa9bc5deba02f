/**
 * Reference data of the bursaries for development: two health & social training institutes and the CROUS
 * Normandie, with fixed ids (idempotent: `insert … on conflict do nothing`), and the development tokens of the
 * roles institut, crous and commission that `npm start` prints. The barème of the current academic year is not
 * published: decisions on its cases answer 409 (ParameterMissing); applications of 2025-2026 can be awarded.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../api/auth';
import { Organisation } from '../db/entities';
import type { SeedOrganisation } from './seed-dev';

const org = (n: number, kind: SeedOrganisation['kind'], name: string, contactEmail: string): SeedOrganisation =>
  ({ id: `5eed0000-0000-4001-a000-${String(n).padStart(12, '0')}`, kind, name, contactEmail });

export const SEED_BOURSE_ORGS: SeedOrganisation[] = [
  org(1, 'institut_formation_sanitaire_sociale', 'IFSI du CHU de Caen', 'ifsi@chu-caen.test'),
  org(2, 'institut_formation_sanitaire_sociale', 'IFAS de Rouen', 'ifas@chu-rouen.test'),
  org(3, 'crous', 'CROUS Normandie', 'bourses@crous-normandie.test'),
];

/** Inserts what is missing; returns how many organisations were new. */
export async function seedDevBourse(orm: MikroORM): Promise<number> {
  const rows = SEED_BOURSE_ORGS.map((o) => ({ ...o, webhookUrl: null, webhookSecret: null }));
  const inserted = await orm.em.fork().createQueryBuilder(Organisation).insert(rows).onConflict('id').ignore().execute('run');
  return inserted.affectedRows;
}

/** The development tokens of the bursary roles, as `npm start` lists them. */
export function bourseTokens(entry: (label: string, claims: Principal) => Promise<string[]>): Promise<string[]>[] {
  const [ifsi, , crous] = SEED_BOURSE_ORGS;
  return [
    entry(`institut   ${ifsi.name} (org ${ifsi.id})`, { sub: 'institut-dev', role: 'institut', org: ifsi.id }),
    entry(`crous      ${crous.name} (org ${crous.id})`, { sub: 'crous-dev', role: 'crous', org: crous.id }),
    entry('commission membre-dev (aides d’urgence, sans identité)', { sub: 'membre-dev', role: 'commission' }),
  ];
}

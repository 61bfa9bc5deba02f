/**
 * Development data of the sur-mesure orders: two companies (identified by valid SIRETs) that can express
 * needs with the tokens `npm start` prints. Idempotent, like scripts/seed-dev.ts: fixed ids, nothing overwritten.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Organisation } from '../db/entities';
import type { SeedOrganisation } from './seed-dev';

export interface SeedEntreprise extends SeedOrganisation {
  siret: string;
}

const entreprise = (n: number, name: string, contactEmail: string, siret: string): SeedEntreprise =>
  ({ id: `5eed0000-0000-4000-a000-${String(n).padStart(12, '0')}`, kind: 'entreprise', name, contactEmail, siret });

/** SIRETs whose SIREN and 14 digits pass the Luhn check (the first is DOMAIN.md's example, the second made up). */
export const SEED_ENTREPRISES: SeedEntreprise[] = [
  entreprise(21, 'Chaudronnerie du Calvados', 'rh@chaudronnerie-calvados.test', '20003452800014'),
  entreprise(22, 'Transports du Bocage', 'recrutement@transports-bocage.test', '99914142700016'),
];

/** Inserts the companies that are missing; returns how many were new. */
export async function seedDevSurMesure(orm: MikroORM): Promise<number> {
  const rows = SEED_ENTREPRISES.map((o) => ({ ...o, webhookUrl: null, webhookSecret: null }));
  const result = await orm.em.fork().createQueryBuilder(Organisation).insert(rows).onConflict('id').ignore().execute('run');
  return result.affectedRows;
}

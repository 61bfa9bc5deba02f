/** MikroORM on PostgreSQL: one ORM per process, `em.fork()` per activity call and per request. */
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { Migration20261129000000 } from './migrations/Migration20261129000000';
import { Migration20261201000000 } from './migrations/Migration20261201000000';
import { Migration20261201000100 } from './migrations/Migration20261201000100';
import { Migration20261201000200 } from './migrations/Migration20261201000200';
import { Migration20261203000000 } from './migrations/Migration20261203000000';
import { Migration20261203000100 } from './migrations/Migration20261203000100';
import { Migration20261203000200 } from './migrations/Migration20261203000200';
import { Migration20261203000300 } from './migrations/Migration20261203000300';
import { Migration20261203000400 } from './migrations/Migration20261203000400';
import { Migration20261205000000 } from './migrations/Migration20261205000000';
import { Migration20261205000100 } from './migrations/Migration20261205000100';
import { Migration20261205000200 } from './migrations/Migration20261205000200';
import { Migration20261206000000 } from './migrations/Migration20261206000000';
import { Migration20261207000000 } from './migrations/Migration20261207000000';
import { Migration20261208000000 } from './migrations/Migration20261208000000';
import { Migration20261208000100 } from './migrations/Migration20261208000100';
import { Migration20261209000000 } from './migrations/Migration20261209000000';
import { Migration20261210000000 } from './migrations/Migration20261210000000';
import { Migration20261210000100 } from './migrations/Migration20261210000100';
import { Migration20261211000000 } from './migrations/Migration20261211000000';

/**
 * `poolMax`: connections this process may hold (DATABASE_POOL_MAX); the default suits a test's process.
 * A URL's `host` parameter naming a directory (libpq's convention: `postgresql://u:p@localhost:5432/db?host=/tmp`)
 * connects through the server's Unix socket there: on one host, a query's round trip costs both processes less
 * CPU than through TCP's loopback (docs/SCALE.md, eighth pass).
 */
export function ormOptions(databaseUrl: string, poolMax = 10): Options {
  const socketDir = new URL(databaseUrl).searchParams.get('host');
  return {
    clientUrl: databaseUrl,
    ...(socketDir?.startsWith('/') ? { host: socketDir } : {}),
    entities: ENTITIES,
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: poolMax },
    migrations: {
      // Listed explicitly: the same migrations run from sources (tsx, jest) and from a compiled build.
      migrationsList: [
        { name: 'Migration20261129000000', class: Migration20261129000000 },
        { name: 'Migration20261201000000', class: Migration20261201000000 },
        { name: 'Migration20261201000100', class: Migration20261201000100 },
        { name: 'Migration20261201000200', class: Migration20261201000200 },
        { name: 'Migration20261203000000', class: Migration20261203000000 },
        { name: 'Migration20261203000100', class: Migration20261203000100 },
        { name: 'Migration20261203000200', class: Migration20261203000200 },
        { name: 'Migration20261203000300', class: Migration20261203000300 },
        { name: 'Migration20261203000400', class: Migration20261203000400 },
        { name: 'Migration20261205000000', class: Migration20261205000000 },
        { name: 'Migration20261205000100', class: Migration20261205000100 },
        { name: 'Migration20261205000200', class: Migration20261205000200 },
        { name: 'Migration20261206000000', class: Migration20261206000000 },
        { name: 'Migration20261207000000', class: Migration20261207000000 },
        { name: 'Migration20261208000000', class: Migration20261208000000 },
        { name: 'Migration20261208000100', class: Migration20261208000100 },
        { name: 'Migration20261209000000', class: Migration20261209000000 },
        { name: 'Migration20261210000000', class: Migration20261210000000 },
        { name: 'Migration20261210000100', class: Migration20261210000100 },
        { name: 'Migration20261211000000', class: Migration20261211000000 },
      ],
      transactional: true,
      allOrNothing: true,
    },
  };
}

export async function openOrm(databaseUrl: string, poolMax?: number): Promise<MikroORM> {
  return MikroORM.init(ormOptions(databaseUrl, poolMax));
}

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.getMigrator().up();
}

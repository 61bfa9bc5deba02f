/**
 * A database of the suite's own on the shared PostgreSQL server, created and migrated here and dropped at
 * the end: for suites that look at every row (nothing written, whatever the table) or write anywhere (the
 * fuzzer; a payment file takes every pending payment of its database), so other suites running at the same
 * time neither disturb them nor are disturbed.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm, ormOptions } from '../../db/orm';

export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createOwnDatabase(prefix: string): Promise<OwnDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = await openOrm(process.env.DATABASE_URL!);
  await admin.em.fork().getConnection().execute(`create database "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  // Migrated through an ORM whose logger is quiet: the migrator prints a line per step.
  const migrator = await MikroORM.init({ ...ormOptions(url.toString()), logger: () => undefined });
  await migrate(migrator).finally(() => migrator.close());
  return {
    url: url.toString(),
    async drop() {
      await admin.em.fork().getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}

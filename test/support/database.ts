/**
 * A database of a suite's own on the test server, migrated, dropped afterwards: for suites whose assertions
 * read the whole ledger (the latest paid month, every pending payment) while other suites pay in the shared one.
 */
import { migrate, openOrm } from '../../db/orm';

export interface OwnDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createOwnDatabase(prefix: string, upTo?: string): Promise<OwnDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = await openOrm(process.env.DATABASE_URL!);
  await admin.em.fork().getConnection().execute(`create database "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const orm = await openOrm(url.toString());
  if (upTo) await orm.getMigrator().up({ to: upTo });
  else await migrate(orm);
  await orm.close();
  return {
    url: url.toString(),
    async drop() {
      await admin.em.fork().getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}

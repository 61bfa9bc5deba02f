/** Applies the pending migrations to DATABASE_URL (`npm run migrate`). */
import { loadConfig } from '../platform/config';
import { migrate, openOrm } from './orm';

async function main(): Promise<void> {
  const orm = await openOrm(loadConfig().DATABASE_URL);
  await migrate(orm);
  await orm.close();
  console.log('migrations applied');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

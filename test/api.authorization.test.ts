/**
 * Authorisation, proven on every route, generated from the app's route table (api/route.ts): for each
 * route, no token → 401; each role it does not allow → 403; for each organisation role it allows, the object
 * of another organisation → 403 (docs/DECISIONS.md: 403 for an existing object of another organisation);
 * an unknown id → 404; a bad body or query → 400; a NUL character → 400; and nothing written, in PostgreSQL
 * (every row of every table) nor in the cases' workflows. Real API and worker, on a database of the suite's own.
 *
 * A route added without what this needs (a path parameter whose kind is unknown, a body without example)
 * fails the first test, naming it; a route Express serves that is not in the table fails it too.
 */
import { randomUUID } from 'node:crypto';
import { describeRoutes } from '../api/app';
import { ORGANISATION_ROLES, ROLES, type Role } from '../api/auth';
import { OBJECT_KINDS, type ObjectKind, type RouteRecord } from '../api/route';
import { processApiOf } from '../api/processes';
import { workflowIdOf } from '../domain/case/process';
import { startSystem, type System } from './support/api';
import { testConfig, uniqueQueue } from './support/config';
import { createOwnDatabase, type OwnDatabase } from './support/own-database';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { buildWorld, type World } from './support/world';

/**
 * How the test makes an id of each kind a path parameter can designate: one that exists and belongs to the
 * world's organisations (for the owned kinds), and one that designates nothing. A kind added to
 * OBJECT_KINDS without its line here does not compile.
 */
const OBJECTS: Record<ObjectKind, { unknown: () => string; existing?: (w: World, route: RouteRecord) => string }> = {
  case: { unknown: randomUUID, existing: caseFor },
  partner_event: { unknown: randomUUID, existing: (w) => w.known.eventId[0] },
  session: { unknown: randomUUID, existing: (w) => w.catalogue.session.id },
  payment_file: { unknown: () => 'PF-19990101-1' },
  badge_class: { unknown: () => 'inconnue.je-pratique' },
  badge_assertion: { unknown: randomUUID },
  overpayment: { unknown: () => 'IN-199901-00000000000000000000' },
  sur_mesure_candidate: { unknown: randomUUID },
  sur_mesure_trainee: { unknown: randomUUID },
  pay_parameter_notice: { unknown: () => 'revalorisation-1999-04-01-remuneration_rate' },
  pay_parameter_proposal: { unknown: randomUUID },
};

/** A case of the route's process (the core's routes: any process; the trainee journey's) the world's organisations see. */
function caseFor(w: World, route: RouteRecord): string {
  const found = w.visibleCase[route.process ?? 'parcours'];
  if (!found) throw new Error(`${label(route)}: the test world has no case of the process ${route.process}: add one to test/support/world.ts`);
  return found;
}

const isOrgRole = (role: Role): boolean => (ORGANISATION_ROLES as readonly Role[]).includes(role);
const label = (r: Pick<RouteRecord, 'method' | 'path'>): string => `${r.method.toUpperCase()} ${r.path}`;
/** The table as declared (read before the system runs, to generate one test per route). */
const TABLE = describeRoutes(testConfig());

let db: OwnDatabase;
let smtp: SmtpCatcher;
let sys: System;
let world: World;

beforeAll(async () => {
  db = await createOwnDatabase('authz');
  smtp = await startSmtpCatcher();
  const ftId = randomUUID();
  sys = await startSystem(testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('authz'),
    FRANCE_TRAVAIL_ORG_ID: ftId, PAYING_AGENT_IBAN: 'FR7630001007941234567890185' }));
  world = await buildWorld(sys, ftId);
  // The world's workflows send their mails and alerts: wait until nothing moves any more.
  let previous = '';
  for (let current = await snapshot(); current !== previous; current = await snapshot()) {
    previous = current;
    await new Promise((r) => setTimeout(r, 1500));
  }
}, 120_000);

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
  await db?.drop();
}, 60_000);

/** Every row of every table, and the length of every case's workflow history. */
async function snapshot(): Promise<string> {
  const conn = sys.orm.em.fork().getConnection();
  const tables = await conn.execute<{ name: string }[]>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const sums = await conn.execute<{ name: string; sum: string }[]>(tables.map(({ name }) =>
    `select '${name}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${name}" t`).join(' union all '));
  const histories = await Promise.all(Object.entries(world?.processOf ?? {}).map(async ([caseId, kind]) =>
    (await sys.client.workflow.getHandle(workflowIdOf(processApiOf(kind).definition, caseId)).describe()).historyLength));
  return JSON.stringify({ sums, histories });
}

/** The path with each parameter replaced: `values` first, else an existing object of its kind. */
function pathOf(route: RouteRecord, values: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (values[name] !== undefined) return encodeURIComponent(values[name]);
    const kind = route.designates[name];
    return encodeURIComponent(OBJECTS[kind].existing?.(world, route) ?? OBJECTS[kind].unknown());
  });
}

const call = (route: RouteRecord, opts: { token?: string; path?: string; body?: unknown; raw?: string } = {}) =>
  sys.call(route.method.toUpperCase(), opts.path ?? pathOf(route), { token: opts.token, body: opts.body ?? route.example, raw: opts.raw });

/** A token of a role the route allows (its own organisation's, for an organisation role); none for a public route. */
const allowedToken = (route: RouteRecord): string | undefined =>
  (route.access === 'public' ? undefined : world.tokens[route.access.roles[0]]);

test('the route table holds every route Express serves, each with what this test needs', () => {
  const table = sys.routes.map(label).sort();
  expect(table).toEqual(TABLE.map(label).sort());
  // A route served but not declared (router.get by hand, without declareRoute) is a route nobody checks.
  // The console (/console, api/console) is pages for browsers on a session cookie, not the API: its own tests.
  expect([...sys.expressRoutes].filter((r) => !r.split(' ')[1].startsWith('/console')).sort()).toEqual(table);
  const problems = sys.routes.flatMap((route) => [
    ...route.params.filter((p) => !route.designates[p]).map((p) =>
      `${label(route)}: what does the path parameter « ${p} » designate? Say it in the route's spec: designates: { ${p}: <one of ${
        Object.keys(OBJECT_KINDS).join(', ')}> } (api/route.ts, docs/CASE-CORE.md)`),
    ...(route.schemas.body && route.example === undefined ? [`${label(route)}: its body has no example: add example: {...} to its spec`] : []),
    ...(route.schemas.body && route.example !== undefined && !route.schemas.body.safeParse(route.example).success
      ? [`${label(route)}: its example is refused by its own body schema: ${JSON.stringify(route.schemas.body.safeParse(route.example).error?.issues)}`] : []),
    ...(route.access !== 'public' && route.access.roles.length === 0 ? [`${label(route)}: no role may call it`] : []),
  ]);
  expect(problems).toEqual([]);
});

describe.each(TABLE.map((route) => [label(route), route] as const))('%s', (_name, declared) => {
  // The served route (same method and path): its schemas and example, as the running app has them.
  const route = (): RouteRecord => sys.routes.find((r) => label(r) === label(declared))!;

  test('no token 401, wrong roles 403, another organisation 403, unknown id 404, bad input 400; nothing written', async () => {
    const r = route();
    const before = await snapshot();
    const seen: string[] = [];
    const expectStatus = async (what: string, status: number, res: Promise<{ status: number; body: { code?: string } | null }>) => {
      const { status: got, body } = await res;
      seen.push(`${what} → ${got}${got === status ? '' : ` (expected ${status}: ${JSON.stringify(body)})`}`);
    };

    if (r.access === 'public') {
      const res = await call(r);
      expect({ publicRoute: label(r), status: res.status < 500 && res.status !== 401 }).toEqual({ publicRoute: label(r), status: true });
    } else {
      const { roles } = r.access;
      await expectStatus('no token', 401, call(r));
      await expectStatus('forged token', 401, call(r, { token: `${world.tokens[roles[0]]}x` }));
      for (const role of ROLES.filter((x) => !roles.includes(x))) await expectStatus(`role ${role}`, 403, call(r, { token: world.tokens[role] }));
      for (const role of roles.filter(isOrgRole)) {
        for (const [param] of Object.entries(r.designates).filter(([, kind]) => OBJECT_KINDS[kind].owned)) {
          await expectStatus(`${role} of another organisation, ${param} of the world's`, 403, call(r, { token: world.otherOrgTokens[role] }));
        }
      }
    }
    const token = allowedToken(r);
    for (const param of r.params) {
      const unknown = OBJECTS[r.designates[param]].unknown();
      await expectStatus(`unknown ${param} ${unknown}`, 404, call(r, { token, path: pathOf(r, { [param]: unknown }) }));
    }
    if (r.schemas.body) {
      await expectStatus('body of the wrong type', 400, call(r, { token, body: ['pas', 'un', 'objet'] }));
      await expectStatus('body with an unknown field', 400, call(r, { token, body: { ...(r.example as object), champInconnu: true } }));
      await expectStatus('malformed JSON', 400, call(r, { token, raw: '{"pas du json' }));
    }
    if (r.schemas.query) await expectStatus('unknown query parameter', 400, call(r, { token, path: `${pathOf(r)}?champInconnu=1` }));
    await expectStatus('NUL character in the query', 400, call(r, { token, path: `${pathOf(r)}?x=%00` }));
    await expectStatus('NUL character in the path', 400, call(r, { token, path: `${pathOf(r)}%00` }));

    expect(seen.filter((s) => s.includes('expected'))).toEqual([]);
    expect(seen.length).toBeGreaterThan(r.access === 'public' ? 1 : 3);
    expect(await snapshot()).toBe(before);
  });
});

/**
 * Fuzzing the whole API with schemathesis, as a caller of every role would: the real API and worker
 * (startSystem) on a database of the suite's own, a test SMTP server, reference data and cases at several
 * stages (test/support/world.ts). Every operation of /openapi.json is run with every role's token; the
 * operations a role may call are fuzzed in depth (coverage phase + generated cases, half of the ids swapped
 * for existing ones by test/fuzz/hooks.py), the others get a few cases (they must answer 401/403 as
 * documented). The suite fails on any 5xx, on any answer the document does not describe (status, content
 * type, body, headers), on a 2xx to invalid data, and on a known path answering an unknown method with
 * anything but 405 + Allow.
 *
 * FUZZ_EXAMPLES (default 12) and FUZZ_SEED (default fixed, for a reproducible run) change the budget.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Role } from '../api/auth';
import { startSystem, type System } from './support/api';
import { testConfig, uniqueQueue } from './support/config';
import { createOwnDatabase, type OwnDatabase } from './support/own-database';
import { inPool, runSchemathesis, type RunResult } from './support/schemathesis';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp';
import { buildWorld, type World } from './support/world';

const DEEP_EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 12);
const SHALLOW_EXAMPLES = 2;
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const CHECKS = [
  'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance',
  'response_headers_conformance', 'negative_data_rejection', 'missing_required_header', 'unsupported_method',
  'allow_header_conformance', 'use_after_free', 'ensure_resource_availability',
] as const;

let db: OwnDatabase;
let smtp: SmtpCatcher;
let sys: System;
let world: World;

beforeAll(async () => {
  db = await createOwnDatabase('fuzz');
  smtp = await startSmtpCatcher();
  const ftId = randomUUID();
  sys = await startSystem(testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEMPORAL_TASK_QUEUE: uniqueQueue('fuzz'),
    FRANCE_TRAVAIL_ORG_ID: ftId, PAYING_AGENT_IBAN: 'FR7630001007941234567890185' }));
  world = await buildWorld(sys, ftId);
}, 120_000);

afterAll(async () => {
  await sys?.stop();
  await smtp?.close();
  await db?.drop();
}, 60_000);

interface Operation { id: string; label: string; roles: Role[] | 'public' }

function operationsOf(doc: { paths: Record<string, Record<string, { operationId: string; security?: unknown[]; 'x-roles'?: Role[] }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
    id: op.operationId, label: `${method.toUpperCase()} ${path}`,
    roles: op.security?.length === 0 ? 'public' as const : (op['x-roles'] ?? []),
  })));
}

test('schemathesis: every operation with every role, no server error and no answer outside the document', async () => {
  const doc = await (await fetch(`${sys.baseUrl}/openapi.json`)).json() as Parameters<typeof operationsOf>[0];
  const operations = operationsOf(doc);
  expect(operations.length).toBe(sys.routes.filter((r) => r.documented).length);
  expect(operations.every((o) => o.id)).toBe(true);

  const dir = join(process.env.TEST_DATA_DIR!, `fuzz-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const ids = join(dir, 'ids.json');
  writeFileSync(ids, JSON.stringify(world.known));
  // Every role runs every operation. Those it may call get generated cases; the coverage phase of each
  // (the same requests whoever sends them) runs once, with one of the roles that may call it, spread so that
  // no run carries most of them; the public operations are a caseworker's.
  const mayCall = (o: Operation, role: Role): boolean => (o.roles === 'public' ? role === 'caseworker' : o.roles.includes(role));
  const load = new Map<Role, number>(ROLES.map((role) => [role, 0]));
  const coverer = new Map<string, Role>();
  for (const o of [...operations].sort((a, b) => ROLES.filter((r) => mayCall(a, r)).length - ROLES.filter((r) => mayCall(b, r)).length)) {
    const role = ROLES.filter((r) => mayCall(o, r)).sort((a, b) => load.get(a)! - load.get(b)!)[0];
    if (!role) throw new Error(`${o.label}: no role may call it`);
    coverer.set(o.id, role);
    load.set(role, load.get(role)! + 1);
  }
  const coveredBy = (o: Operation): Role | undefined => coverer.get(o.id);
  const runs = ROLES.map((role) => ({
    name: role, token: world.tokens[role],
    deep: operations.filter((o) => coveredBy(o) === role).map((o) => o.id),
    fuzzed: operations.filter((o) => mayCall(o, role) && coveredBy(o) !== role).map((o) => o.id),
    shallow: operations.filter((o) => !mayCall(o, role)).map((o) => o.id),
  }));
  // The heaviest first, two at a time (2 cores: the API and worker on one, schemathesis on the other).
  runs.sort((a, b) => b.deep.length + b.fuzzed.length - a.deep.length - a.fuzzed.length);
  const results = await inPool(runs.map((run) => () => runSchemathesis({
    name: run.name, schemaUrl: `${sys.baseUrl}/openapi.json`, token: run.token,
    budget: { deep: run.deep, fuzzed: run.fuzzed, shallow: run.shallow },
    deepExamples: DEEP_EXAMPLES, shallowExamples: SHALLOW_EXAMPLES, checks: CHECKS, seed: SEED,
    dir: join(dir, run.name), env: { SPRFP_FUZZ_IDS: ids, SCHEMATHESIS_HOOKS: join(__dirname, 'fuzz', 'hooks.py') },
  })), 2);

  console.log(summary(operations, results));
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.name}: ${f.operation} ${f.code} ${f.title}: ${f.message}`));
  const errors = results.flatMap((r) => r.errors.map((e) => `${r.name}: ${e}`));
  expect({ failures, errors }).toEqual({ failures: [], errors: [] });
  // Not vacuous: every role ran every operation, the requests reached the handlers (2xx, 409) and beyond.
  for (const r of results) {
    expect({ role: r.name, exitCode: r.exitCode }).toEqual({ role: r.name, exitCode: 0 });
    expect(Object.keys(r.statuses).sort()).toEqual(operations.map((o) => o.label).sort());
  }
  const all = mergeStatuses(results);
  const succeeded = (label: string): boolean => Object.keys(all[label] ?? {}).some((s) => /^20[0-2]$/.test(s));
  for (const label of ['POST /cases', 'POST /referrals', 'GET /cases/{caseId}', 'POST /sur-mesure/commandes']) {
    expect({ label, succeeded: succeeded(label) }).toEqual({ label, succeeded: true });
  }
  expect(operations.filter((o) => succeeded(o.label)).length).toBeGreaterThan(operations.length / 3);
}, 600_000);

function mergeStatuses(results: RunResult[]): Record<string, Record<string, number>> {
  const merged: Record<string, Record<string, number>> = {};
  for (const r of results) {
    for (const [label, byStatus] of Object.entries(r.statuses)) {
      for (const [status, n] of Object.entries(byStatus)) (merged[label] ??= {})[status] = (merged[label][status] ?? 0) + n;
    }
  }
  return merged;
}

/** The figures of the run: operations, requests per role, statuses per operation, failures. */
function summary(operations: Operation[], results: RunResult[]): string {
  const merged = mergeStatuses(results);
  return [
    `schemathesis: ${operations.length} operations × ${results.length} roles; up to ${DEEP_EXAMPLES} generated cases per operation a role may call `
      + `(+ coverage phase), ${SHALLOW_EXAMPLES} per other operation; seed ${SEED}`,
    ...results.map((r) => `  ${r.name.padEnd(13)} ${String(r.requests).padStart(5)} requests, ${r.failures.length} failures, ${r.seconds} s (${r.phases.join(', ')})`),
    `  total ${results.reduce((n, r) => n + r.requests, 0)} requests, ${results.reduce((n, r) => n + r.failures.length, 0)} failures; `
      + `${Object.values(merged).filter((byStatus) => Object.keys(byStatus).some((s) => /^20[0-2]$/.test(s))).length} operations answered 2xx at least once`,
    ...Object.keys(merged).sort().map((label) => `  ${label.padEnd(46)} ${Object.entries(merged[label]).map(([s, n]) => `${s}×${n}`).join(' ')}`),
  ].join('\n');
}

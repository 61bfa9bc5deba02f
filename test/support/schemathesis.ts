/**
 * Schemathesis (PyPI, pinned in scripts/bootstrap.mjs, installed in the project's .venv) run against the
 * real API: one run per role, reading its report (NDJSON) for what was sent, what came back and which
 * checks failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** SCHEMATHESIS_PATH, else the project's .venv (node scripts/bootstrap.mjs installs it there). */
export function schemathesisExecutable(): string {
  const path = process.env.SCHEMATHESIS_PATH ?? join(ROOT, '.venv', 'bin', 'schemathesis');
  if (!existsSync(path)) throw new Error(`schemathesis not found at ${path}: run \`node scripts/bootstrap.mjs\` (or set SCHEMATHESIS_PATH)`);
  return path;
}

export interface OperationBudget {
  /** operationIds fuzzed in depth: the coverage phase (every boundary and invalid value) and generated cases. */
  deep: string[];
  /** Generated cases only (the coverage phase of these runs with another role). */
  fuzzed: string[];
  /** A few cases each, no coverage phase (for this role they answer 401/403). */
  shallow: string[];
}

export interface RunOptions {
  name: string;
  schemaUrl: string;
  token: string | null;
  budget: OperationBudget;
  deepExamples: number;
  shallowExamples: number;
  checks: readonly string[];
  seed: number;
  /** Directory of the run's files (config, report, output). */
  dir: string;
  env: Record<string, string>;
}

export interface Failure {
  operation: string;
  code: string;
  title: string;
  message: string;
}

export interface RunResult {
  name: string;
  exitCode: number | null;
  /** Requests sent and answered, by operation label (`POST /cases`), then by status. */
  statuses: Record<string, Record<number, number>>;
  requests: number;
  failures: Failure[];
  errors: string[];
  output: string;
  seconds: number;
  /** Duration of each phase, as schemathesis reports it. */
  phases: string[];
}

const tomlList = (values: string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

function configToml(opts: RunOptions): string {
  const section = (ids: string[], examples: number, coverage: boolean): string => (ids.length ? `
[[operations]]
include-operation-id = ${tomlList(ids)}
generation.max-examples = ${examples}
phases.coverage.enabled = ${coverage}
` : '');
  return `# Written by test/support/schemathesis.ts for one run (${opts.name}).
seed = ${opts.seed}

[generation]
max-examples = ${opts.deepExamples}
allow-x00 = true
# The same cases for the same seed, whatever ran before.
database = "none"

[cache]
# \`st replay <id>\` works from this directory (kept with KEEP_TEST_DATA=1).
directory = ${JSON.stringify(join(opts.dir, 'cache'))}
${section(opts.budget.deep, opts.deepExamples, true)}${section(opts.budget.fuzzed, opts.deepExamples, false)}${
  section(opts.budget.shallow, opts.shallowExamples, false)}`;
}

export async function runSchemathesis(opts: RunOptions): Promise<RunResult> {
  mkdirSync(opts.dir, { recursive: true });
  const config = join(opts.dir, 'schemathesis.toml');
  writeFileSync(config, configToml(opts));
  const reportDir = join(opts.dir, 'report');
  const args = ['--config-file', config, 'run', opts.schemaUrl,
    '--checks', opts.checks.join(','), '--phases', 'examples,coverage,fuzzing',
    '--report', 'ndjson', '--report-dir', reportDir, '--no-color', '--request-timeout', '20', '--workers', '1',
    ...(opts.token ? ['--header', `Authorization: Bearer ${opts.token}`] : [])];
  let output = '';
  const started = Date.now();
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(schemathesisExecutable(), args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  writeFileSync(join(opts.dir, 'output.txt'), output);
  const phases = [...output.matchAll(/(Examples|Coverage|Fuzzing) \(in ([\d.]+)s\)/g)].map((m) => `${m[1].toLowerCase()} ${Math.round(Number(m[2]))} s`);
  return { name: opts.name, exitCode, output, seconds: Math.round((Date.now() - started) / 1000), phases, ...readReport(reportDir) };
}

interface Recorder {
  label: string;
  interactions?: Record<string, { response?: { status_code: number } | null }>;
  checks?: Record<string, { name: string; status: string; failure_info?: { failure?: { code?: string; title?: string; message?: string; operation?: string } } }[]>;
}

function readReport(dir: string): Pick<RunResult, 'statuses' | 'requests' | 'failures' | 'errors'> {
  const statuses: Record<string, Record<number, number>> = {};
  const failures = new Map<string, Failure>();
  const errors: string[] = [];
  let requests = 0;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ndjson')) : [];
  if (files.length !== 1) return { statuses, requests, failures: [], errors: [`expected one NDJSON report in ${dir}, found ${files.length}`] };
  for (const line of readFileSync(join(dir, files[0]), 'utf8').split('\n').filter(Boolean)) {
    const event = JSON.parse(line) as Record<string, Record<string, unknown>>;
    const [kind] = Object.keys(event);
    if (kind === 'NonFatalError' || kind === 'FatalError') errors.push(JSON.stringify(event[kind]).slice(0, 2000));
    if (kind !== 'ScenarioFinished') continue;
    const finished = event[kind] as { status?: string; recorder: Recorder };
    const { recorder } = finished;
    if (finished.status === 'error') errors.push(`${recorder.label}: scenario error`);
    for (const interaction of Object.values(recorder.interactions ?? {})) {
      if (!interaction.response) continue;
      requests += 1;
      const byStatus = (statuses[recorder.label] ??= {});
      byStatus[interaction.response.status_code] = (byStatus[interaction.response.status_code] ?? 0) + 1;
    }
    for (const checks of Object.values(recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status !== 'failure') continue;
        const f = check.failure_info?.failure ?? {};
        const failure = { operation: f.operation ?? recorder.label, code: f.code ?? check.name, title: f.title ?? check.name,
          message: (f.message ?? '').split('\n')[0] };
        failures.set(`${failure.operation}|${failure.code}|${failure.message}`, failure);
      }
    }
  }
  return { statuses, requests, failures: [...failures.values()], errors };
}

/** Runs `tasks` with at most `concurrency` of them at a time, keeping their order in the results. */
export async function inPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

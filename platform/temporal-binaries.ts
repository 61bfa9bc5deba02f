/**
 * Where the Temporal servers come from: an explicit path (env), the project's .venv (pinned PyPI wheels
 * installed by scripts/bootstrap.mjs), or, when neither exists, the SDK's own download.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing/lib/ephemeral-server';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const root = join(__dirname, '..');

function executable(envVar: string, venvName: string): EphemeralServerExecutable {
  const path = process.env[envVar] ?? join(root, '.venv', 'bin', venvName);
  return existsSync(path) ? { type: 'existing-path', path } : { type: 'cached-download' };
}

export const temporalCliExecutable = (): EphemeralServerExecutable => executable('TEMPORAL_CLI_PATH', 'temporal');
export const testServerExecutable = (): EphemeralServerExecutable =>
  executable('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');

/** Path of the CLI for `temporal server start-dev`, run as a child process by scripts/start.ts. */
export function temporalCliPath(): string {
  const exe = temporalCliExecutable();
  if (exe.type !== 'existing-path') throw new Error('Temporal CLI not found: run `node scripts/bootstrap.mjs`');
  return exe.path;
}

/**
 * How the dev server keeps its SQLite file: a write-ahead log, synced at its checkpoints. SQLite's default (a
 * rollback journal created, synced and deleted at every commit, with one connection) cost the dev server half its
 * pace (with the log: 24.5 → 48.9 trivial workflows/s; docs/SCALE.md, ninth pass). A killed server loses nothing
 * (the log is already written to the OS); a power cut may lose its last commits, as a dev server may.
 */
export const DEV_SERVER_SQLITE_OPTIONS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

/**
 * `temporal server start-dev` on loopback with the project's search attributes and a quiet log, its SQLite file (if
 * any: none keeps it in memory) kept as above; `extra`: the caller's own flags (UI, headless).
 */
export function devServerArgs(port: number, dbFile: string | null, extra: string[] = []): string[] {
  return ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), ...(dbFile ? ['--db-filename', dbFile, ...DEV_SERVER_SQLITE_OPTIONS] : []),
    ...extra, '--log-level', 'warn', ...ALL_SEARCH_ATTRIBUTES.flatMap((sa) => ['--search-attribute', `${sa.name}=Keyword`])];
}

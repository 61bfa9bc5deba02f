/**
 * As root in a private directory (mode 700 above the clone or the data folder), embedded PostgreSQL cannot
 * start: `npm start` and `npm test` stop at once with the reason and the fix, instead of failing in initdb.
 */
import { mkdirSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = join(__dirname, '..');
let privateDir: string;

beforeAll(() => {
  privateDir = mkdtempSync(join(tmpdir(), 'sprfp-private-'));
  mkdirSync(join(privateDir, 'clone'));
  chmodSync(privateDir, 0o700);
});
afterAll(() => rmSync(privateDir, { recursive: true, force: true }));

// Not root, PostgreSQL runs as this user, who owns the private directory: nothing to refuse (next test).
const asRoot = process.getuid?.() === 0 ? test : test.skip;

asRoot('as root, the embedded PostgreSQL stops at once, naming the closed directory and the fixes', () => {
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'embedded-postgres.mjs'), join(privateDir, 'clone', 'pg'), '54999', 'x'],
    { encoding: 'utf8', timeout: 30_000 });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`cannot go through ${privateDir}`);
  expect(run.stderr).toContain('chmod o+x');
  expect(run.stderr).toContain('DATABASE_URL');
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('a traversable directory passes the check; a private one is named; a non-root user is never refused', () => {
  const check = (paths: string[], uid: number): string | null => {
    const script = `import { postgresAccessProblem } from '${join(ROOT, 'scripts', 'postgres-access.mjs')}';
      console.log(JSON.stringify(postgresAccessProblem(${JSON.stringify(paths)}, ${uid})));`;
    return JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout);
  };
  expect(check([join(ROOT, 'node_modules'), join(ROOT, '.data', 'x')], 0)).toBeNull();
  expect(check([join(privateDir, 'clone')], 0)).toContain(privateDir);
  expect(check([join(privateDir, 'clone')], 1000)).toBeNull();
});

test('a private directory that the postgres user owns (its data folder after initdb) is no obstacle to it', () => {
  const owned = join(privateDir, '..', `sprfp-owned-${process.pid}`);
  mkdirSync(owned, { mode: 0o700 });
  try {
    const closed = (ownerUid: number): string | null => {
      const script = `import { firstClosedDirectory } from '${join(ROOT, 'scripts', 'postgres-access.mjs')}';
        console.log(JSON.stringify(firstClosedDirectory(${JSON.stringify(owned)}, ${ownerUid})));`;
      return JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout);
    };
    const me = process.getuid!();
    expect(closed(me)).toBeNull(); // owned by "postgres" (here: this user), mode 700
    expect(closed(me + 1)).toBe(owned); // someone else's, mode 700
  } finally {
    rmSync(owned, { recursive: true, force: true });
  }
});

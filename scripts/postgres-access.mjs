// As root, embedded PostgreSQL runs its binaries and keeps its data as the `postgres` user: every directory
// above the binaries and the data folder must let other users through (the x bit). A clone inside a private
// directory (root's home, mode 700) makes initdb fail with EACCES much later; this finds it at once.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The uid of the `postgres` user (/etc/passwd), or null. */
function postgresUid() {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
    return line ? Number(line.split(':')[2]) : null;
  } catch {
    return null;
  }
}

/**
 * The first directory on the way to `path` that the `postgres` user cannot traverse, or null: others' x bit, or
 * its own (the data folder initdb made, mode 700, is postgres's: a second start must not be refused).
 */
export function firstClosedDirectory(path, ownerUid = postgresUid()) {
  const chain = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    let stats;
    try {
      stats = statSync(dir);
    } catch {
      return null; // not created yet: its parent was traversable, so will it be
    }
    const ownedAndOpen = ownerUid !== null && stats.uid === ownerUid && (stats.mode & 0o100) !== 0;
    if (stats.isDirectory() && (stats.mode & 0o001) === 0 && !ownedAndOpen) return dir;
  }
  return null;
}

/** The reason and the fix, when running as root with a path the `postgres` user cannot reach; null when fine. */
export function postgresAccessProblem(paths, uid = process.getuid?.()) {
  if (uid !== 0) return null;
  for (const path of paths) {
    const closed = firstClosedDirectory(path);
    if (closed) {
      return `embedded PostgreSQL runs as the user "postgres" when started as root, and "postgres" cannot go through ${closed} `
        + `(mode ${(statSync(closed).mode & 0o777).toString(8)}), on the way to ${path}.\n`
        + `Fix one of: clone the project in a directory other users can traverse (e.g. /srv or /opt); `
        + `or allow traversal with "chmod o+x ${closed}"; or run as a non-root user; `
        + `or set DATABASE_URL to an existing PostgreSQL (the embedded one is then not started).`;
    }
  }
  return null;
}

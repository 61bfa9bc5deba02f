/**
 * The infrastructure of a bench run, started like `npm test` does: embedded PostgreSQL (unless DATABASE_URL),
 * the Temporal dev server with the project's search attributes (unless TEMPORAL_ADDRESS), the migrations, and
 * an SMTP sink: a real SMTP server that accepts every mail and throws it away, so the worker's mail sending
 * is real (connection, SMTP dialogue, body) but costs no storage.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SMTPServer } from 'smtp-server';
import { migrate, openOrm } from '../db/orm';
import { devServerArgs, temporalCliPath } from '../platform/temporal-binaries';
import type { Children } from './children';

export const root = join(__dirname, '..');

export const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number };
    srv.close(() => resolve(port));
  }).on('error', reject);
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** PostgreSQL URL, and the pid of the process tree that runs it (null: external, not measured). */
export async function startPostgres(children: Children, dataDir: string): Promise<{ url: string; pid: number | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, pid: null };
  const script = join(root, 'scripts', 'embedded-postgres.mjs');
  const pg = await children.start('postgres', process.execPath, [script, join(dataDir, 'pg'), String(await freePort()), 'sprfp_bench'],
    /^READY (\S+)/, { ipc: true });
  return { url: pg.started.match[1], pid: pg.pid };
}

export async function migrateDatabase(url: string): Promise<void> {
  const orm = await openOrm(url);
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
}

/** Temporal address, and the pid of the dev server (null: external). */
export async function startTemporal(children: Children, dataDir: string): Promise<{ address: string; pid: number | null }> {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS, pid: null };
  const port = await freePort();
  // BENCH_TEMPORAL_DB=memory: the dev server's in-memory SQLite instead of a file (to see what the file costs).
  const dbFile = process.env.BENCH_TEMPORAL_DB === 'memory' ? null : join(dataDir, 'temporal.sqlite');
  const server = await children.start('temporal', temporalCliPath(), devServerArgs(port, dbFile, ['--headless']), /^Temporal Server:/);
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return { address, pid: server.pid };
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(250);
    }
  }
}

export interface SmtpSink {
  url: string;
  received(): number;
  close(): Promise<void>;
}

/** An SMTP server in the bench process: accepts any sender and recipient, reads the body, keeps nothing. */
export async function startSmtpSink(): Promise<SmtpSink> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count += 1;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

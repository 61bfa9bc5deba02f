/**
 * The whole system for an end-to-end test: the real API over HTTP on a free port, a real worker, both on
 * the dev server and PostgreSQL from globalSetup, with the test's own SMTP server and task queue.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { issueToken, type Principal } from '../../api/auth';
import { openOrm } from '../../db/orm';
import type { Config } from '../../platform/config';
import { dataConverter } from '../../platform/codec-converter';
import { createMailer } from '../../platform/mailer';
import { startTestWorker } from './worker';

export interface System {
  baseUrl: string;
  orm: MikroORM;
  client: Client;
  config: Config;
  token(claims: Principal): Promise<string>;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: string }): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startSystem(config: Config): Promise<System> {
  const orm = await openOrm(config.DATABASE_URL);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS) });
  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const { worker, done } = await startTestWorker(nativeConnection, orm, config);
  const server: Server = await new Promise((resolve) => {
    const s = createApp({ orm, client, config }, createMailer(config.SMTP_URL)).listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl, orm, client, config,
    token: (claims) => issueToken(config.AUTH_JWT_SECRET, claims),
    async call(method, path, opts = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await new Promise((r) => server.close(r));
      worker.shutdown();
      await done;
      await Promise.all([nativeConnection.close(), connection.close(), orm.close()]);
    },
  };
}

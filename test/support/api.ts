/**
 * The whole system for an end-to-end test: the real API over HTTP on a free port, a real worker, both on
 * the dev server and PostgreSQL from globalSetup, with the test's own SMTP server and task queue.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express } from 'express';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp, routeTableOfApp } from '../../api/app';
import { startStatementRelay } from '../../api/parcours/etats-presence-inbox';
import type { RouteRecord } from '../../api/route';
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
  /** The app's route table (api/route.ts): every route it serves. */
  routes: readonly RouteRecord[];
  /** The methods and paths Express itself routes, mounts included (`POST /codec/encode`). */
  expressRoutes: string[];
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
  const app = createApp({ orm, client, config }, createMailer(config.SMTP_URL));
  const relay = startStatementRelay({ orm, client }, { idleMs: 50 });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl, orm, client, config, routes: routeTableOfApp(app), expressRoutes: expressRoutesOf(app),
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
      await relay.stop();
      worker.shutdown();
      await done;
      await Promise.all([nativeConnection.close(), connection.close(), orm.close()]);
    },
  };
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

/** Every route of an Express 5 app, by walking its router stack (sub-routers and their mount paths included). */
export function expressRoutesOf(app: Express): string[] {
  const walk = (stack: Layer[], prefix: string): string[] => stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path}`);
    }
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return layer.handle?.stack ? walk(layer.handle.stack, prefix + mount) : [];
  });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
}

/**
 * The Prometheus endpoint of the API process: GET /metrics on its own port (API_METRICS_PORT), never on the
 * public API port. It is reached by Prometheus inside the private network only, so it needs no token, and the
 * load balancer in front of the API (deploy/haproxy.cfg) never exposes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Registry } from 'prom-client';
import { businessRegistry } from './business';
import { httpRegistry } from './http';
import { processRegistry } from './process';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** What the API process exposes: its requests, its own health, and the business gauges read from PostgreSQL. */
export const apiRegistries = (orm: MikroORM): Registry[] => [httpRegistry, processRegistry(orm), businessRegistry(orm)];

export async function startMetricsServer(registries: Registry[], port: number, host: string): Promise<MetricsServer> {
  const merged = Registry.merge(registries);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    merged.metrics().then(
      (text) => res.writeHead(200, { 'content-type': merged.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The process's own health, for the API: Node.js's standard metrics (event-loop delay, heap, GC, CPU: prom-client's
 * default set, `nodejs_*` and `process_*`) and its PostgreSQL pool (connections in use, requests waiting for one).
 * A slow request with a calm event loop and an empty pool queue waits on PostgreSQL or Temporal; with a delayed
 * event loop the process had no CPU (or did synchronous work); with a pool queue, too few connections.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { PROCESS_METRICS as M } from './names';

/** The pool as tarn (knex's pool) counts it. */
interface PoolCounts {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

export function processRegistry(orm: MikroORM): Registry {
  const registry = new Registry();
  // 10 ms: the event-loop delay histogram's resolution (prom-client resets it at each scrape: one window per scrape).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const pool = (): PoolCounts | undefined => (orm.em.getConnection().getKnex().client as { pool?: PoolCounts }).pool;
  new Gauge({
    name: M.dbPoolConnections, help: 'Connections of the process\'s PostgreSQL pool, by state (used, free)', labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const p = pool();
      this.set({ state: 'used' }, p?.numUsed() ?? 0);
      this.set({ state: 'free' }, p?.numFree() ?? 0);
    },
  });
  new Gauge({
    name: M.dbPoolPendingAcquires, help: 'Queries of the process waiting for a PostgreSQL connection of its pool', registers: [registry],
    collect() { this.set(pool()?.numPendingAcquires() ?? 0); },
  });
  return registry;
}

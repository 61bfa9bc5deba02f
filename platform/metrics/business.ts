/**
 * Business gauges read from PostgreSQL when Prometheus scrapes (no state in the process, so every API replica
 * reports the same figures: the dashboard takes max() across instances). Labels are codes (payment kind, mail
 * template, process, stage, event type), never a person, a case id or an address.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Gauge, Registry } from 'prom-client';
import { logger } from '../logger';
import { BUSINESS_METRICS as M } from './names';

type Row = Record<string, unknown>;
type Setter = (rows: Row[]) => void;

interface Query {
  sql: string;
  apply: Setter;
}

/**
 * A gauge refilled from scratch at each scrape (a stage no case is in any more disappears). prom-client collects
 * the metrics of a registry in parallel: each gauge waits for the one refresh of this scrape.
 */
function gauge(registry: Registry, refresh: () => Promise<void>, name: string, help: string, labelNames: string[] = []): Gauge<string> {
  return new Gauge({ name, help, labelNames, registers: [registry], collect: refresh });
}

function fill(g: Gauge<string>, rows: Row[], value: string, labels: Record<string, string>): void {
  g.reset();
  for (const row of rows) {
    const set = Object.fromEntries(Object.entries(labels).map(([label, column]) => [label, String(row[column] ?? '')]));
    g.set(set, Number(row[value] ?? 0));
  }
}

function queries(registry: Registry, refresh: () => Promise<void>): Query[] {
  const g = (name: string, help: string, labelNames: string[] = []) => gauge(registry, refresh, name, help, labelNames);
  const payments = g( M.paymentsIssued, 'Payments in the ledger, by kind (only grows)', ['kind']);
  const euros = g(M.paymentsIssuedEuros, 'Amount of the payments in the ledger, by kind, in euros', ['kind']);
  const unacked = g(M.handoffsUnacknowledged, 'Partner events not acknowledged yet, by event type', ['event_type']);
  const oldest = g(M.handoffOldestUnacknowledgedAge, 'Age of the oldest partner event not acknowledged yet (0: none)');
  const alerts = g(M.alertsSent, 'Alert mails sent (deadlines, incidents, partners), by template', ['template']);
  const cases = g(M.casesOpen, 'Open cases, by process and stage', ['process', 'stage']);
  const incidents = g(M.incidentsOpen, 'Open cases whose activity keeps failing (incidents), by process', ['process']);
  const waiting = g(M.statementsWaiting, 'Attendance statements accepted and not yet handed to their case');
  const oldestWaiting = g(M.statementOldestWaitingAge, 'Age of the oldest attendance statement not yet handed to its case (0: none)');
  return [
    { sql: `select kind, count(*)::int as n, coalesce(sum(amount_cents), 0)::float8 / 100 as euros from payment group by kind`,
      apply: (rows) => { fill(payments, rows, 'n', { kind: 'kind' }); fill(euros, rows, 'euros', { kind: 'kind' }); } },
    { sql: `select type, count(*)::int as n from partner_event where status = 'pending' group by type`,
      apply: (rows) => fill(unacked, rows, 'n', { event_type: 'type' }) },
    { sql: `select coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age from partner_event where status = 'pending'`,
      apply: (rows) => oldest.set(Number(rows[0]?.age ?? 0)) },
    { sql: `select template, count(*)::int as n from sent_mail where template like 'alerte%' and status = 'sent' group by template`,
      apply: (rows) => fill(alerts, rows, 'n', { template: 'template' }) },
    { sql: `select process_kind, stage, count(*)::int as n from dossier where open group by process_kind, stage`,
      apply: (rows) => fill(cases, rows, 'n', { process: 'process_kind', stage: 'stage' }) },
    { sql: `select process_kind, count(*)::int as n from dossier where open and incident_since is not null group by process_kind`,
      apply: (rows) => fill(incidents, rows, 'n', { process: 'process_kind' }) },
    { sql: `select count(*)::int as n, coalesce(extract(epoch from now() - min(received_at)), 0)::float8 as age
      from statement_inbox where status in ('recu', 'en_cours')`,
      apply: (rows) => { waiting.set(Number(rows[0]?.n ?? 0)); oldestWaiting.set(Number(rows[0]?.age ?? 0)); } },
  ];
}

/** A registry whose scrape runs the queries (a few aggregate reads; indexes on dossier(process_kind, stage)). */
export function businessRegistry(orm: MikroORM): Registry {
  const registry = new Registry();
  let inFlight: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    inFlight ??= read().finally(() => { inFlight = null; });
    return inFlight;
  };
  const up = gauge(registry, refresh, M.up, 'Whether the business gauges could be read from PostgreSQL at this scrape');
  const took = gauge(registry, refresh, M.scrapeDuration, 'Time taken to read the business gauges from PostgreSQL');
  const all = queries(registry, refresh);
  async function read(): Promise<void> {
    const t0 = performance.now();
    try {
      const connection = orm.em.fork().getConnection();
      const results = await Promise.all(all.map((q) => connection.execute<Row[]>(q.sql)));
      results.forEach((rows, i) => all[i].apply(rows));
      up.set(1);
    } catch (err) {
      logger.warn({ err }, 'business metrics: PostgreSQL could not be read');
      up.set(0);
    }
    took.set((performance.now() - t0) / 1000);
  }
  return registry;
}

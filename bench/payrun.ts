/**
 * (b) The measured pay run: every trainee's statement goes through the API, as the training providers send
 * them (POST /cases/:caseId/etats-presence with the organisme's bearer token, in a burst or at a steady rate:
 * `StatementPace`); each workflow then waits its paymentDelay, computes the month, issues the payment in the ledger
 * and mails the trainee the statement of the amount. The figure: N / (last ledger row − first request sent).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { issueToken } from '../api/auth';
import type { Seeded } from './payrun-setup';
import { sleep } from './infra';
import { forEachBounded, waitFor } from './util';

export interface Submission {
  t0: number;
  lastResponseAt: number;
  latenciesMs: number[];
  retries: number;
  /**
   * Latencies of the statements the workflow answered itself (200) instead of the inbox (202): the read model had
   * no fresh snapshot of the case, or would have refused (api/parcours/etats-presence-inbox.ts).
   */
  answeredByWorkflowMs: number[];
  /** Requests still refused after the retries (their payment will never come). */
  failures: { caseId: string; status: number; body: string }[];
}

const ATTEMPTS = 3;

/**
 * How the statements arrive: `inFlight` requests at a time, each sent as soon as one is answered (a burst: the
 * API's capacity, and a latency that is in flight ÷ capacity), or `perSecond` on a steady clock whatever the
 * answers (an arrival rate: the latency a provider meets while the pay run goes on).
 */
export type StatementPace = { inFlight: number } | { perSecond: number };

export async function submitStatements(apiUrl: string, secret: string, seeded: Seeded, period: string, pace: StatementPace): Promise<Submission> {
  const tokens = new Map<string, string>();
  for (const org of seeded.organismeIds) tokens.set(org, await issueToken(secret, { sub: `bench-${org.slice(0, 8)}`, role: 'organisme', org }));
  const body = JSON.stringify({ period, scheduledMinutes: 8400, unjustifiedAbsenceMinutes: 0, indemnitesJournalieresCents: 0 });
  const latenciesMs: number[] = [];
  const answeredByWorkflowMs: number[] = [];
  const failures: Submission['failures'] = [];
  let retries = 0;
  let lastResponseAt = 0;
  const t0 = Date.now();
  const send = async ({ caseId, organismeId }: Seeded['cases'][number]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const sent = performance.now();
      let status = 0;
      let text: string;
      try {
        const res = await fetch(`${apiUrl}/cases/${caseId}/etats-presence`, {
          method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(organismeId)}` },
        });
        status = res.status;
        text = await res.text();
      } catch (err) {
        text = String(err);
      }
      latenciesMs.push(performance.now() - sent);
      if (status === 200) answeredByWorkflowMs.push(performance.now() - sent);
      lastResponseAt = Date.now();
      if (status === 200 || status === 202) return; // 202: in the inbox, recorded by the relay
      if (attempt === ATTEMPTS) return void failures.push({ caseId, status, body: text.slice(0, 300) });
      retries += 1;
    }
  };
  if ('inFlight' in pace) await forEachBounded(seeded.cases, pace.inFlight, send);
  else await Promise.all(seeded.cases.map(async (c, i) => { await sleep(t0 + (i * 1000) / pace.perSecond - Date.now()); await send(c); }));
  return { t0, lastResponseAt, latenciesMs, answeredByWorkflowMs, retries, failures };
}

export interface Completion {
  count: number;
  /** Time of the last row (its database timestamp), ms since the epoch. */
  lastAt: number;
}

const PAYMENTS_SQL = `select count(*)::int as count, max(p.issued_at) as last_at from payment p
  join dossier d on d.id = p.dossier_id where p.kind = 'MENSUEL' and p.period = ? and d.created_by = ?`;

/** Waits until the ledger holds the MENSUEL payment of `period` of `expected` bench cases. */
export async function waitForPayments(orm: MikroORM, seeded: Seeded, period: string, expected: number): Promise<Completion> {
  return waitForRows(orm, 'payments', PAYMENTS_SQL, [period, seeded.createdBy], expected);
}

/** The MENSUEL payments of `period` of the bench cases in the ledger now. */
export async function paymentsSoFar(orm: MikroORM, seeded: Seeded, period: string): Promise<number> {
  const [row] = await orm.em.fork().execute<{ count: number }[]>(PAYMENTS_SQL, [period, seeded.createdBy]);
  return row.count;
}

/** Waits until the statement mail of `period` of `expected` bench cases has been accepted by the SMTP server. */
export async function waitForStatementMails(orm: MikroORM, seeded: Seeded, period: string, expected: number): Promise<Completion> {
  return waitForRows(orm, 'statement mails', `select count(*)::int as count, max(m.sent_at) as last_at from sent_mail m
    join dossier d on d.id = m.dossier_id where m.template = 'releve_mensuel' and m.status = 'sent' and m.idempotency_key like ?
    and d.created_by = ?`, [`%:releve:${period}:%`, seeded.createdBy], expected);
}

async function waitForRows(orm: MikroORM, what: string, sql: string, params: unknown[], expected: number): Promise<Completion> {
  let last: Completion = { count: 0, lastAt: NaN };
  await waitFor(what, async () => {
    const [row] = await orm.em.fork().execute(sql, params);
    last = { count: row.count, lastAt: row.last_at ? new Date(row.last_at).getTime() : NaN };
    return { done: last.count >= expected, progress: last.count };
  }, { everyMs: 250 });
  return last;
}

export interface DbActivity {
  /** Connections of the database (all processes), and how many were running a query, mean and max over the samples. */
  connectionsMax: number;
  activeMean: number;
  activeMax: number;
  samples: number;
  /**
   * What the busy connections were doing, summed over the samples: `running` (on a CPU, or waiting for one), a wait
   * event (`IO:WalSync`, `Lock:transactionid`, …), or `idle in transaction` (a transaction open while its process did
   * something else). The most frequent first.
   */
  waits: Record<string, number>;
}

/** Samples pg_stat_activity every `everyMs` until stopped: is the database (or a connection pool) the limit? */
export function sampleDbActivity(orm: MikroORM, everyMs = 500): { stop(): Promise<DbActivity> } {
  const active: number[] = [];
  const waits = new Map<string, number>();
  let connectionsMax = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await orm.em.fork().execute<{ state: string | null; what: string | null; n: number }[]>(`select state,
          case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running') else state end as what, count(*)::int as n
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by 1, 2`);
      active.push(rows.filter((r) => r.state === 'active').reduce((sum, r) => sum + r.n, 0));
      connectionsMax = Math.max(connectionsMax, rows.reduce((sum, r) => sum + r.n, 0));
      for (const r of rows.filter((x) => x.state !== 'idle' && x.what)) waits.set(r.what!, (waits.get(r.what!) ?? 0) + r.n);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { connectionsMax, activeMean: active.reduce((a, b) => a + b, 0) / Math.max(active.length, 1), activeMax: Math.max(0, ...active),
        samples: active.length, waits: Object.fromEntries([...waits].sort((a, b) => b[1] - a[1])) };
    },
  };
}

/**
 * Where a slow answer of the pay run spent its time: the API's own view (its request histogram: the time between
 * Express receiving a request and answering it), its event loop's delay and its PostgreSQL pool's queue (its
 * metrics endpoint, platform/metrics/process.ts), and the bench's own event loop (a client starved of CPU measures
 * its own delay too). Scraped every 5 s: each scrape also reads the business gauges from PostgreSQL.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { API_METRICS as A, PROCESS_METRICS as P } from '../platform/metrics/names';
import { parseExposition, quantileBetween, total, type Sample } from './metrics-sampler';
import { percentile } from './util';

export interface ApiFigures {
  /** Server-side p50/p95 (ms) of the routes the bench calls, from the API's histogram over the phase. */
  server: Record<'statement' | 'case' | 'list', { p50Ms: number; p95Ms: number; count: number }>;
  /** The API's event-loop delay: p99 of each 5 s window (median and max over the windows) and the largest delay. */
  apiLoopP99MedianMs: number;
  apiLoopP99MaxMs: number;
  apiLoopMaxMs: number;
  /** The API's queries waiting for a pooled connection, at the scrapes (max), and connections in use (max). */
  poolPendingMax: number;
  poolUsedMax: number;
  /** The bench's own event-loop delay over the phase. */
  benchLoopP99Ms: number;
  benchLoopMaxMs: number;
}

const ROUTES = { statement: ['POST', '/cases/:caseId/etats-presence'], case: ['GET', '/cases/:caseId'], list: ['GET', '/cases'] } as const;
const HISTOGRAM = A.httpRequestDuration;

export class ApiSampler {
  private first: Sample[] = [];
  private last: Sample[] = [];
  private readonly windows: { p99: number; max: number; pending: number; used: number }[] = [];
  private readonly benchLoop = monitorEventLoopDelay({ resolution: 10 });
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  async begin(everyMs = 5000): Promise<void> {
    this.first = await this.scrape();
    this.last = this.first;
    this.windows.length = 0; // the first scrape's window is the time before the phase
    this.benchLoop.enable();
    this.timer = setInterval(() => void this.scrape().then((s) => { this.last = s; }, () => undefined), everyMs);
  }

  async end(): Promise<ApiFigures> {
    if (this.timer) clearInterval(this.timer);
    this.benchLoop.disable();
    this.last = await this.scrape();
    const route = ([method, path]: readonly [string, string]) => {
      const only = (samples: Sample[]) => samples.filter((s) => !s.name.startsWith(HISTOGRAM) || (s.labels.method === method && s.labels.route === path));
      const [before, after] = [only(this.first), only(this.last)];
      return {
        p50Ms: 1000 * quantileBetween(before, after, HISTOGRAM, 0.5),
        p95Ms: 1000 * quantileBetween(before, after, HISTOGRAM, 0.95),
        count: total(after, `${HISTOGRAM}_count`) - total(before, `${HISTOGRAM}_count`),
      };
    };
    const of = (key: 'p99' | 'max' | 'pending' | 'used') => this.windows.map((w) => w[key]);
    return {
      server: { statement: route(ROUTES.statement), case: route(ROUTES.case), list: route(ROUTES.list) },
      apiLoopP99MedianMs: percentile(of('p99'), 50),
      apiLoopP99MaxMs: Math.max(...of('p99')),
      apiLoopMaxMs: Math.max(...of('max')),
      poolPendingMax: Math.max(...of('pending')),
      poolUsedMax: Math.max(...of('used')),
      benchLoopP99Ms: this.benchLoop.percentile(99) / 1e6,
      benchLoopMaxMs: this.benchLoop.max / 1e6,
    };
  }

  private async scrape(): Promise<Sample[]> {
    const samples = parseExposition(await (await fetch(this.url)).text());
    const used = samples.find((s) => s.name === P.dbPoolConnections && s.labels.state === 'used')?.value ?? 0;
    this.windows.push({ p99: 1000 * total(samples, P.eventLoopLagP99), max: 1000 * total(samples, P.eventLoopLagMax),
      pending: total(samples, P.dbPoolPendingAcquires), used });
    return samples;
  }
}

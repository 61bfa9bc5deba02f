/**
 * Samples the workers' Prometheus endpoints (the SDK's runtime metrics, WORKER_METRICS_PORT) during a phase of
 * the bench, and reads over that phase: the sticky cache hit rate, the workflow task latencies p95 (from the
 * histograms' buckets, as histogram_quantile does), the largest cache size, and each worker's share of the work.
 */
import { WORKER_METRICS as W } from '../platform/metrics/names';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
export function parseExposition(text: string): Sample[] {
  return text.split('\n').filter((line) => line && !line.startsWith('#')).flatMap((line) => {
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!match) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });
}

export const total = (samples: Sample[], name: string): number => samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0);

/** Cumulative bucket counts of a histogram, summed over its series: le → count. */
function buckets(samples: Sample[], name: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of samples.filter((x) => x.name === `${name}_bucket`)) {
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    out.set(le, (out.get(le) ?? 0) + s.value);
  }
  return out;
}

/** The q-quantile of the observations made between two scrapes (linear inside the bucket, like histogram_quantile). */
export function quantileBetween(before: Sample[], after: Sample[], name: string, q: number): number {
  const start = buckets(before, name);
  const bounds = [...buckets(after, name)].map(([le, n]) => [le, n - (start.get(le) ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  const count = bounds.at(-1)?.[1] ?? 0;
  if (count <= 0) return NaN;
  const rank = q * count;
  let previous: readonly [number, number] = [0, 0];
  for (const bound of bounds) {
    if (bound[1] >= rank) {
      if (bound[0] === Infinity) return previous[0];
      return previous[0] + ((bound[0] - previous[0]) * (rank - previous[1])) / Math.max(bound[1] - previous[1], 1e-9);
    }
    previous = bound;
  }
  return NaN;
}

export interface WorkerMetricsSummary {
  cacheHitRate: number;
  workflowTaskExecutionP95Ms: number;
  workflowTaskScheduleToStartP95Ms: number;
  maxCacheSize: number;
  /** Per worker: workflow tasks and activities it ran during the phase. */
  perWorker: { workflowTasks: number; activities: number }[];
}

export class WorkerMetricsSampler {
  private first: Sample[][] = [];
  private last: Sample[][] = [];
  private maxCacheSize = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly urls: string[]) {}

  async begin(everyMs = 2000): Promise<void> {
    this.first = await this.scrapeAll();
    this.last = this.first;
    this.timer = setInterval(() => void this.scrapeAll().then((s) => { this.last = s; }, () => undefined), everyMs);
  }

  async end(): Promise<WorkerMetricsSummary> {
    if (this.timer) clearInterval(this.timer);
    this.last = await this.scrapeAll();
    const before = this.first.flat();
    const after = this.last.flat();
    const delta = (name: string): number => total(after, name) - total(before, name);
    const hits = delta(W.stickyCacheHit);
    const misses = delta(W.stickyCacheMiss);
    return {
      cacheHitRate: hits + misses > 0 ? hits / (hits + misses) : NaN,
      workflowTaskExecutionP95Ms: 1000 * quantileBetween(before, after, W.workflowTaskExecutionLatency, 0.95),
      workflowTaskScheduleToStartP95Ms: 1000 * quantileBetween(before, after, W.workflowTaskScheduleToStartLatency, 0.95),
      maxCacheSize: this.maxCacheSize,
      perWorker: this.last.map((samples, i) => ({
        workflowTasks: total(samples, `${W.workflowTaskExecutionLatency}_count`) - total(this.first[i] ?? [], `${W.workflowTaskExecutionLatency}_count`),
        activities: total(samples, `${W.activityExecutionLatency}_count`) - total(this.first[i] ?? [], `${W.activityExecutionLatency}_count`),
      })),
    };
  }

  private async scrapeAll(): Promise<Sample[][]> {
    const all = await Promise.all(this.urls.map(async (url) => parseExposition(await (await fetch(url)).text())));
    this.maxCacheSize = Math.max(this.maxCacheSize, all.reduce((sum, samples) => sum + total(samples, W.stickyCacheSize), 0));
    return all;
  }
}

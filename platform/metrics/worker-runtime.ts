/**
 * The worker's Prometheus endpoint: the Temporal SDK's own runtime metrics (task latencies, slots, sticky
 * cache, polls), served by the SDK's core on WORKER_METRICS_PORT at /metrics. Runtime.install must run once,
 * before any connection or worker of the process is created.
 */
import { Runtime } from '@temporalio/worker';

export function installWorkerMetrics(port: number, host: string): void {
  if (port === 0) return;
  Runtime.install({
    telemetryOptions: {
      metrics: {
        prometheus: {
          bindAddress: `${host}:${port}`,
          // Prometheus conventions: `_total` on counters, durations in seconds named `_seconds`.
          countersTotalSuffix: true,
          useSecondsForDurations: true,
          unitSuffix: true,
        },
      },
    },
  });
}

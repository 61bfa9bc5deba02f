/**
 * Every metric name the system exports, in one list: the dashboard (deploy/grafana) and the bench may only use
 * these, and test/deploy-config.test.ts checks every dashboard query against them. Names follow the Prometheus
 * conventions (base units in the name, `_total` on counters); labels carry codes, never personal data.
 */

/** The API's own metrics (api process, API_METRICS_PORT). */
export const API_METRICS = {
  httpRequestDuration: 'http_request_duration_seconds',
  /** Case pages served, by source: `read_model` (PostgreSQL) or `workflow` (a query: no snapshot yet, or stale). */
  caseStateReads: 'sprfp_case_state_reads_total',
} as const;

/** The API process's own health (platform/metrics/process.ts) that the dashboard and the bench read: prom-client's event-loop delay, and its pool. */
export const PROCESS_METRICS = {
  /** Event-loop delay over the last scrape interval (prom-client resets its histogram at each scrape). */
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
  eventLoopLagMax: 'nodejs_eventloop_lag_max_seconds',
  dbPoolConnections: 'sprfp_db_pool_connections',
  dbPoolPendingAcquires: 'sprfp_db_pool_pending_acquires',
} as const;

/** Business gauges computed from PostgreSQL at scrape time (api process, API_METRICS_PORT). */
export const BUSINESS_METRICS = {
  /** Ledger rows by kind (a count that only grows: read it with delta()/increase() like a counter). */
  paymentsIssued: 'sprfp_payments_issued',
  paymentsIssuedEuros: 'sprfp_payments_issued_euros',
  handoffsUnacknowledged: 'sprfp_handoffs_unacknowledged',
  handoffOldestUnacknowledgedAge: 'sprfp_handoff_oldest_unacknowledged_age_seconds',
  alertsSent: 'sprfp_alerts_sent',
  casesOpen: 'sprfp_cases_open',
  incidentsOpen: 'sprfp_incidents_open',
  /** Attendance statements accepted, not yet handed to their case (the inbox's relay: api/parcours/etats-presence-inbox.ts). */
  statementsWaiting: 'sprfp_statements_waiting',
  statementOldestWaitingAge: 'sprfp_statement_oldest_waiting_age_seconds',
  /** 1 when the last scrape could read PostgreSQL, 0 otherwise (the other gauges then keep their last values). */
  up: 'sprfp_business_metrics_up',
  scrapeDuration: 'sprfp_business_metrics_scrape_duration_seconds',
} as const;

/**
 * The Temporal SDK's runtime metrics the dashboard and the bench read (worker process, WORKER_METRICS_PORT),
 * as the Prometheus exporter names them with the options of platform/metrics/worker-runtime.ts (prefix
 * `temporal_`, `_total` on counters, durations in seconds with a `_seconds` suffix).
 */
export const WORKER_METRICS = {
  workflowTaskExecutionLatency: 'temporal_workflow_task_execution_latency_seconds',
  workflowTaskScheduleToStartLatency: 'temporal_workflow_task_schedule_to_start_latency_seconds',
  workflowTaskReplayLatency: 'temporal_workflow_task_replay_latency_seconds',
  activityExecutionLatency: 'temporal_activity_execution_latency_seconds',
  stickyCacheHit: 'temporal_sticky_cache_hit_total',
  stickyCacheMiss: 'temporal_sticky_cache_miss_total',
  stickyCacheSize: 'temporal_sticky_cache_size',
  slotsAvailable: 'temporal_worker_task_slots_available',
  slotsUsed: 'temporal_worker_task_slots_used',
  workflowPollSucceed: 'temporal_workflow_task_queue_poll_succeed_total',
  workflowPollEmpty: 'temporal_workflow_task_queue_poll_empty_total',
  activityPollNoTask: 'temporal_activity_poll_no_task_total',
  workflowCompleted: 'temporal_workflow_completed_total',
  workflowFailed: 'temporal_workflow_failed_total',
  activityExecutionFailed: 'temporal_activity_execution_failed_total',
  workflowTaskExecutionFailed: 'temporal_workflow_task_execution_failed_total',
} as const;

/** Every name, with the suffixes Prometheus adds to histograms (for query checks). */
export function exportedSeriesNames(): Set<string> {
  const names = new Set<string>();
  for (const name of [...Object.values(API_METRICS), ...Object.values(PROCESS_METRICS), ...Object.values(BUSINESS_METRICS), ...Object.values(WORKER_METRICS)]) {
    names.add(name);
    for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

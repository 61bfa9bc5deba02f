/**
 * The monitoring and production-shape files of deploy/, checked without a container engine (none runs here):
 * parsed, cross-checked against the code (every metric a dashboard or an alert queries is one the code exports,
 * platform/metrics/names.ts; ports agree with platform/config.ts), and linted by the real tools when
 * scripts/bootstrap.mjs could unpack them into .tools (`promtool check config`, `haproxy -c`); without them the
 * parse-and-check below is all, and the test says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../platform/config';
import { exportedSeriesNames } from '../platform/metrics/names';

const ROOT = join(__dirname, '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
// Compose's `!reset` (an override that empties a list) is a tag yaml does not know: read as the plain value.
const yaml = (file: string): any => parse(read(file), { logLevel: 'error', merge: true });
const defaults = loadConfig({});

/** A tool unpacked by bootstrap into .tools, or on the PATH; null when neither. */
function tool(name: string, paths: string[]): string | null {
  for (const path of paths.map((p) => join(ROOT, '.tools', p))) if (existsSync(path)) return path;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const TOOL_ENV = { ...process.env, LD_LIBRARY_PATH: join(ROOT, '.tools', 'usr', 'lib', 'x86_64-linux-gnu') };

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels, or durations. */
function metricNamesOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // grouping labels
  return [...bare.matchAll(/\b[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()/g)]
    .filter((m) => !/\d/.test(bare[m.index - 1] ?? '') && !PROMQL_WORDS.has(m[0].toLowerCase()) && !/\s*\(/.test(bare.slice(m.index + m[0].length, m.index + m[0].length + 2)))
    .map((m) => m[0]);
}

describe('metric names of queries', () => {
  test('the extraction finds metrics, not functions, labels or durations', () => {
    expect(metricNamesOf('histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{status_code=~"5.."}[5m])))'))
      .toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNamesOf('max(sprfp_handoff_oldest_unacknowledged_age_seconds) > 72 * 3600 and on (job) up == 0'))
      .toEqual(['sprfp_handoff_oldest_unacknowledged_age_seconds', 'up']);
  });
});

describe('Prometheus', () => {
  const config = yaml('deploy/prometheus/prometheus.yml');
  const exported = exportedSeriesNames();

  test('scrapes every worker and API replica on the ports the code listens on', () => {
    const job = (name: string) => config.scrape_configs.find((j: any) => j.job_name === name);
    expect(job('sprfp-worker').dns_sd_configs[0]).toMatchObject({ names: ['worker'], type: 'A', port: defaults.WORKER_METRICS_PORT });
    expect(job('sprfp-api').dns_sd_configs[0]).toMatchObject({ names: ['api'], type: 'A', port: defaults.API_METRICS_PORT });
    for (const file of config.rule_files) expect(existsSync(join(ROOT, 'deploy', 'prometheus', file))).toBe(true);
  });

  test('every alert reads series the code exports', () => {
    const rules = yaml('deploy/prometheus/alerts.yml').groups.flatMap((g: any) => g.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const names = metricNamesOf(rule.expr);
      expect({ alert: rule.alert, unknown: names.filter((n) => n !== 'up' && !exported.has(n)) }).toEqual({ alert: rule.alert, unknown: [] });
      expect(names.length).toBeGreaterThan(0);
    }
  });

  const promtool = tool('promtool', ['usr/bin/promtool']);
  (promtool ? test : test.skip)('promtool check config (and its rule files)', () => {
    execFileSync(promtool!, ['check', 'config', join(ROOT, 'deploy', 'prometheus', 'prometheus.yml')], { encoding: 'utf8' });
  });
  if (!promtool) console.warn('promtool not found (scripts/bootstrap.mjs unpacks it on Debian): prometheus.yml parsed and cross-checked only');
});

describe('Grafana', () => {
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/sprfp.json'));
  const datasource = yaml('deploy/grafana/provisioning/datasources/prometheus.yml').datasources[0];
  const provider = yaml('deploy/grafana/provisioning/dashboards/sprfp.yml').providers[0];
  const panels = dashboard.panels.filter((p: any) => p.type !== 'row');

  test('every dashboard query reads series the code exports, from the provisioned data source', () => {
    const exported = exportedSeriesNames();
    expect(panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of panels) {
      expect(panel.datasource.uid).toBe(datasource.uid);
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) {
        const names = metricNamesOf(target.expr);
        expect({ panel: panel.title, expr: target.expr, names: names.length > 0, unknown: names.filter((n) => !exported.has(n)) })
          .toEqual({ panel: panel.title, expr: target.expr, names: true, unknown: [] });
      }
    }
  });

  test('the dashboard shows what ops asked for', () => {
    const queries = panels.flatMap((p: any) => p.targets.map((t: any) => t.expr)).join('\n');
    for (const name of ['temporal_workflow_task_execution_latency_seconds_bucket', 'temporal_sticky_cache_size', 'temporal_sticky_cache_hit_total',
      'temporal_worker_task_slots_available', 'temporal_workflow_task_queue_poll_succeed_total', 'http_request_duration_seconds_bucket',
      'sprfp_payments_issued', 'sprfp_handoffs_unacknowledged', 'sprfp_cases_open', 'sprfp_incidents_open']) {
      expect(queries).toContain(name);
    }
    const ids = dashboard.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
  });

  test('compose mounts the provisioning and the dashboards where the provider reads them', () => {
    const grafana = yaml('docker-compose.yml').services.grafana;
    expect(grafana.volumes).toContain(`./deploy/grafana/dashboards:${provider.options.path}:ro`);
    expect(grafana.volumes).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(datasource.url).toBe('http://prometheus:9090');
  });
});

describe('docker-compose.yml', () => {
  const compose = yaml('docker-compose.yml');
  const services = compose.services;

  test('prometheus and grafana run beside the system; the metrics ports are never published', () => {
    expect(services.prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(services.prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    for (const name of ['api', 'worker']) {
      const env = services[name].environment;
      expect(env).toMatchObject({ METRICS_HOST: '0.0.0.0', WORKER_METRICS_PORT: String(defaults.WORKER_METRICS_PORT), API_METRICS_PORT: String(defaults.API_METRICS_PORT) });
      const published = (services[name].ports ?? []).join(' ');
      expect(published).not.toContain(String(defaults.WORKER_METRICS_PORT));
      expect(published).not.toContain(String(defaults.API_METRICS_PORT));
    }
    const temporalTarget = yaml('deploy/prometheus/prometheus.yml').scrape_configs.find((j: any) => j.job_name === 'temporal-server').static_configs[0].targets[0];
    expect(services.temporal.environment.PROMETHEUS_ENDPOINT).toBe(`0.0.0.0:${temporalTarget.split(':')[1]}`);
  });

  test('Temporal is the server on PostgreSQL, not the dev server', () => {
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services.temporal.environment.DB).toBe('postgres12');
    expect(JSON.stringify(services)).not.toContain('start-dev');
  });

  test('every required variable is in deploy/env.example, and init-env.sh generates every secret', () => {
    const uncommented = read('docker-compose.yml').split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
    const required = [...uncommented.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    const example = read('deploy/env.example');
    const init = read('deploy/init-env.sh');
    for (const name of new Set(required)) {
      expect({ name, inExample: new RegExp(`^${name}=`, 'm').test(example) }).toEqual({ name, inExample: true });
      if (/PASSWORD|SECRET|KEYS/.test(name)) expect({ name, generated: init.includes(`s|^${name}=`) }).toEqual({ name, generated: true });
    }
  });
});

describe('replicas behind a load balancer', () => {
  const replicas = yaml('deploy/compose.replicas.yml').services;
  const haproxy = read('deploy/haproxy.cfg');

  test('several workers on the same task queue, several APIs behind HAProxy', () => {
    expect(replicas.worker.deploy.replicas).toBeGreaterThanOrEqual(2);
    expect(replicas.api.deploy.replicas).toBeGreaterThanOrEqual(2);
    // The replicas share the task queue of x-app-env: none overrides it.
    expect(replicas.worker.environment?.TEMPORAL_TASK_QUEUE).toBeUndefined();
    expect(replicas.lb.volumes).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(replicas.lb.ports.join(' ')).toContain(':3000:3000');
  });

  test('HAProxy balances over every API replica, checks /health, never serves the metrics port', () => {
    expect(haproxy).toMatch(/^\s*bind :3000$/m);
    expect(haproxy).toMatch(/^\s*server-template api \d+ api:3000$/m);
    expect(haproxy).toMatch(/^\s*option httpchk GET \/health$/m);
    expect(haproxy).toMatch(/resolvers docker/);
    expect(haproxy).not.toMatch(new RegExp(`:${defaults.API_METRICS_PORT}\\b`));
  });

  const haproxyBin = tool('haproxy', ['usr/sbin/haproxy']);
  (haproxyBin ? test : test.skip)('haproxy -c', () => {
    const out = execFileSync(haproxyBin!, ['-c', '-f', join(ROOT, 'deploy', 'haproxy.cfg')], { encoding: 'utf8', env: TOOL_ENV });
    expect(out).toContain('Configuration file is valid');
  });
  if (!haproxyBin) console.warn('haproxy not found (scripts/bootstrap.mjs unpacks it on Debian): haproxy.cfg parsed only');
});

describe('Temporal limits (dynamic config)', () => {
  const dynamic = yaml('deploy/temporal/dynamicconfig/sprfp.yaml');
  const value = (key: string): number => dynamic[key][0].value;

  test('task-queue partitions: as many read as write partitions, on the task queue of the system', () => {
    expect(value('matching.numTaskqueueReadPartitions')).toBeGreaterThanOrEqual(value('matching.numTaskqueueWritePartitions'));
    expect(dynamic['matching.numTaskqueueReadPartitions'][0].constraints.taskQueueName).toBe(defaults.TEMPORAL_TASK_QUEUE);
  });

  test('history limits: warnings before errors, at most the server defaults', () => {
    expect(value('limit.historyCount.warn')).toBeLessThan(value('limit.historyCount.error'));
    expect(value('limit.historySize.warn')).toBeLessThan(value('limit.historySize.error'));
    expect(value('limit.historyCount.error')).toBeLessThanOrEqual(51_200);
    expect(value('limit.historySize.error')).toBeLessThanOrEqual(50 * 2 ** 20);
  });
});

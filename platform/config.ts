/**
 * Every setting of the API and the worker, read once from the environment. Defaults are the embedded
 * ones that `npm start` provides; production sets every variable (see docs/CONFIGURATION.md).
 */
import { z } from 'zod';
import type { ParcoursDelays } from '../workflows/parcours/messages';

const ConfigSchema = z.object({
  DATABASE_URL: z.string().default('postgresql://postgres:postgres@127.0.0.1:54320/sprfp'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('sprfp'),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('Région Normandie – Formation <ne-pas-repondre@formation.normandie.fr>'),
  /** Mailbox of the caseworkers' team, alerted when a case has no named referent. */
  ALERT_MAILBOX: z.string().email().default('instruction.sprfp@normandie.fr'),
  /** Mailbox of ops, alerted when a case's activity keeps failing (an incident). */
  OPS_MAILBOX: z.string().email().default('exploitation.sprfp@normandie.fr'),
  PORT: z.coerce.number().int().default(3000),
  /** Public base URL of the API (links in mails, hosted badges). */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  /** HS256 secret of the bearer tokens (JWT) the API accepts; at least 32 characters. */
  AUTH_JWT_SECRET: z.string().min(32).default('dev-only-secret-change-me-0123456789abcdef'),
  /** Payload codec keys: "keyId:base64(32 bytes)" separated by commas; the first one encrypts. */
  TEMPORAL_CODEC_KEYS: z.string().default('dev-2026:ZGV2LW9ubHkta2V5LWNoYW5nZS1tZS0zMmJ5dGVzISE='),
  /** Key of the pseudonymous person key (HMAC of the identity, used to find duplicate referrals). */
  PERSON_KEY_SECRET: z.string().min(16).default('dev-only-person-key-secret'),
  /** Origins allowed to call the codec endpoint (the Temporal Web UI). */
  CODEC_CORS_ORIGINS: z.string().default('http://localhost:8233,http://127.0.0.1:8233'),
  /** Dev only: let the local Web UI decode without a token. Never set in production. */
  CODEC_ALLOW_ANONYMOUS: z.enum(['true', 'false']).default('false'),
  /** Deadlines and retry delays of new cases, as JSON (e.g. {"positionnementAlertDays": 10}); defaults in code. */
  PARCOURS_DELAYS: z.string().default('{}').transform((s, ctx) => {
    try {
      return JSON.parse(s) as Partial<ParcoursDelays>;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'PARCOURS_DELAYS must be JSON' });
      return z.NEVER;
    }
  }),
  /** The France Travail organisation (organisation.id) that hears of entries and exits. */
  FRANCE_TRAVAIL_ORG_ID: z.string().uuid().optional(),
  /** The Région's account the payment files are paid from (IBAN); unset: POST /payment-files answers 503. */
  PAYING_AGENT_IBAN: z.string().trim().optional(),
  /** The account holder's name written in the payment files. */
  PAYING_AGENT_NAME: z.string().trim().min(1).max(70).default('Région Normandie'),
  /** Optional BIC of that account. */
  PAYING_AGENT_BIC: z.string().trim().optional(),
  LOG_LEVEL: z.string().default('info'),
  /**
   * The console's development sign-in page (a development token per role, docs/CONSOLE.md). Off in production
   * unless set to true explicitly; production signs in with OpenID Connect (OIDC_*).
   */
  CONSOLE_DEV_SIGNIN: z.enum(['true', 'false']).optional(),
  /** The Région's identity provider (OpenID Connect discovery URL's issuer), its client id and secret. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The claim of the identity provider's ID token that names the role (api/auth.ts ROLES); `org` names the organisation. */
  OIDC_ROLE_CLAIM: z.string().default('sprfp_role'),
  /** Address the Prometheus endpoints bind to: 0.0.0.0 in containers (Prometheus scrapes from another one). */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Port of the worker's Prometheus endpoint (the SDK's runtime metrics, /metrics); 0: none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Port of the API's Prometheus endpoint (requests and business gauges, /metrics), apart from PORT; 0: none. */
  API_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
  /** A workflow bundle built beforehand (bundleWorkflowCode): the worker starts in seconds instead of bundling. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /**
   * Workflows the worker keeps in memory (maxCachedWorkflows). The SDK's default is sized from the heap and
   * let a worker grow to 4.7 GB with 10,000 open cases; a case evicted from the cache replays its history when
   * it next wakes (milliseconds: docs/SCALE.md). Memory ≈ idle worker + this × the size of one cached case. 300: a
   * pay run's cases in flight stay cached (the hit rate is the same as with 600), and 10,000 open cases peak at
   * 830 MB instead of 1,082 MB (docs/SCALE.md, fifth pass).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(300),
  /**
   * How far V8 lets a heap of the worker grow past what its last full collection kept, in percent (its
   * `--heap-growing-percent`). V8's own heuristics let the workflows' heap grow to 4 × its live size when collecting
   * is cheap: 92 MB live, 367 MB before each collection during a pay run of 10,000 cases, the worker's memory
   * peak. 50: at most 1.5 × (docs/SCALE.md, fifth pass), for more frequent, short collections. 0: V8's heuristics.
   */
  WORKER_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(50),
  /**
   * PostgreSQL connections one process (API or worker) may hold. A reception of statements holds one for its short
   * transaction; case reads wait for a free one when they are all taken (docs/SCALE.md, fourth pass).
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /**
   * Workflow tasks the worker runs at once (maxConcurrentWorkflowTaskExecutions; the SDK's default is 40). Each
   * one holds a workflow's context being built or replayed: on 2 cores more of them add memory, not speed
   * (docs/SCALE.md: the peak while 10,000 cases started).
   */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(1).default(10),
  /**
   * Statements the API's relay hands to their workflows at once (api/parcours/etats-presence-inbox.ts): the pace
   * of the workers, whatever the pace of the providers' requests (each waits for its workflow's answer: enough in
   * flight to keep the workers busy, far fewer than the cases their cache holds). 0: this API process runs no relay.
   */
  STATEMENT_RELAY_IN_FLIGHT: z.coerce.number().int().min(0).default(32),
  /**
   * Statements an API process receives at once (their checks and their insert into the inbox); the others wait
   * their turn in memory, so a burst leaves connections and event-loop turns to the pages served meanwhile.
   */
  STATEMENT_RECEPTION_IN_FLIGHT: z.coerce.number().int().min(1).default(4),
});

export type Config = z.infer<typeof ConfigSchema>;

const DEV_SECRETS = ['AUTH_JWT_SECRET', 'TEMPORAL_CODEC_KEYS', 'PERSON_KEY_SECRET'] as const;

/** An empty variable counts as unset; in production the development secrets are refused. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = ConfigSchema.parse(set);
  config.CONSOLE_DEV_SIGNIN ??= env.NODE_ENV === 'production' ? 'false' : 'true';
  if (env.NODE_ENV === 'production') {
    const defaults = ConfigSchema.parse({});
    const missing = DEV_SECRETS.filter((key) => config[key] === defaults[key]);
    if (missing.length) throw new Error(`production needs its own ${missing.join(', ')} (docs/CONFIGURATION.md)`);
  }
  return config;
}

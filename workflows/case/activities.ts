/**
 * Activity proxies of the workflows. Business failures (typed, non-retryable) surface at once; every other
 * failure is retried, a bounded number of times (about 5 minutes), then becomes an incident of the case
 * (./incidents.ts): the case waits for ops instead of retrying forever or failing.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 } as const;

/** Mail and partner calls may wait on a slow server. */
export const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

/**
 * Money: short database work. A worker that dies after writing a payment is detected in seconds and the
 * activity retried, finding its ledger row (an overlapping second attempt is harmless for the same reason).
 */
export const payActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/**
 * Short, idempotent database writes run as local activities (issue 9 §2): one marker in the history instead
 * of three events and a workflow task of their own, and no trip through the task queue. Retried in the worker
 * within seconds (about 20 s in all, under the server's local-retry threshold, so no timer); a worker that dies
 * meanwhile loses only the workflow task, which the next worker replays in seconds. What still fails becomes
 * an incident (./incidents.ts), as for the other activities.
 */
const localRetry = { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: 6 } as const;
export const localActs = proxyLocalActivities<Activities>({ startToCloseTimeout: '5 seconds', retry: localRetry });
/** The payment of a month as a local activity: it may wait for the pay parameters' advisory lock. */
export const localPayActs = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: localRetry });

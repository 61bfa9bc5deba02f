/**
 * Activity proxies of the workflows. Business failures (typed, non-retryable) surface at once; every other
 * failure is retried, a bounded number of times (about 5 minutes), then becomes an incident of the case
 * (./incidents.ts): the case waits for ops instead of retrying forever or failing.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 } as const;

/** Mail and partner calls may wait on a slow server. */
export const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

/**
 * Money: short database work. A worker that dies after writing a payment is detected in seconds and the
 * activity retried, finding its ledger row (an overlapping second attempt is harmless for the same reason).
 */
export const payActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

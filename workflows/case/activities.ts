/**
 * Activity proxies of the workflows. Business failures (typed, non-retryable) surface at once; every other
 * failure is retried, a bounded number of times (about 5 minutes), then becomes an incident of the case
 * (./incidents.ts): the case waits for ops instead of retrying forever or failing.
 *
 * The start-to-close timeout is also how long a caller waits when the worker running the activity dies (the
 * server only learns it at the timeout): short for database work, which updates wait on.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 } as const;

/** Database work: the journal, the case's records and projections. A retried attempt finds its rows. */
export const acts = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/** Mail: the mail server may be slow to answer; a retried attempt resends the same Message-ID at worst. */
export const mailActs = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * Money: short database work. A worker that dies after writing a payment is detected in seconds and the
 * activity retried, finding its ledger row (an overlapping second attempt is harmless for the same reason).
 */
export const payActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/**
 * Money followed by its mail in one activity (the month's payment and its relevé): the mail server's time; a
 * retried attempt finds the ledger row and the sent mail.
 */
export const payMailActs = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

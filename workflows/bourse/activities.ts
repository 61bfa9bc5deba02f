/**
 * Activity proxies of the bursary workflows, with retries that END (ENGINEERING.md, pitfall 12): about three
 * minutes of attempts, then the failure reaches the workflow, which alerts the referent and tries again later
 * (the instalments) or fails the person's request (an update). Business failures (typed) are never retried.
 */
import type { RetryPolicy } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { FAILURE_TYPES } from '../../domain/case/failures';

const retry: RetryPolicy = {
  initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10,
  nonRetryableErrorTypes: [...FAILURE_TYPES],
};

/** Reads and writes of the case's records: short, so that a dead worker costs the waiting caller seconds. */
export const bourseActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/** Money: short database work; a worker that dies after the write is detected in seconds and the attempt retried. */
export const boursePayActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

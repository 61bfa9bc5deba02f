/**
 * Activity proxies of the order's own steps, with bounded retries: a step that keeps failing becomes an
 * incident of the case (workflows/case/incidents.ts), which waits for it and tells the referent and ops.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 } as const;

/** Database work of the order: short. */
export const smActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/** The provider's payment: a worker that dies after writing it is detected in seconds and the step retried. */
export const smPayActs = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/** The order's rows are committed by the API just after the start: wait a little for them, then give up. */
export const smStartActs = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: 10 },
});

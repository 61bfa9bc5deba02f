/**
 * The baseline: the most trivial workflow Temporal can run, one activity and its result. Bundled by its own
 * worker (bench/baseline-worker.ts); no Node imports, like the product's workflows.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline-activities';

const { greet } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '1 minute',
  // The product's retry policy (workflows/activities.ts), for a like-for-like comparison.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function benchTrivial(name: string): Promise<string> {
  return greet(name);
}

/**
 * (a) The baseline: M trivial one-activity workflows, started with at most `concurrency` start calls in
 * flight, and left to run: the figure is M / (last close time − first start call), the close times read from
 * the server's visibility once every workflow is completed (so the bench does not poll each result).
 */
import type { Client } from '@temporalio/client';
import type { benchTrivial } from './baseline-workflow';
import { forEachBounded, waitFor } from './util';

export interface BaselineResult {
  workflows: number;
  seconds: number;
  workflowsPerSecond: number;
  startSeconds: number;
  ids: string[];
}

export async function runBaseline(client: Client, taskQueue: string, m: number, concurrency: number, runId: string): Promise<BaselineResult> {
  const ids = Array.from({ length: m }, (_, i) => `bench-baseline-${runId}-${i}`);
  const query = `WorkflowType = "benchTrivial" AND TaskQueue = "${taskQueue}"`;
  const t0 = Date.now();
  await forEachBounded(ids, concurrency, async (workflowId, i) => {
    await client.workflow.start<typeof benchTrivial>('benchTrivial', { workflowId, taskQueue, args: [`stagiaire ${i}`] });
  });
  const startSeconds = (Date.now() - t0) / 1000;

  await waitFor('baseline workflows', async () => {
    const completed = (await client.workflow.count(`${query} AND ExecutionStatus = "Completed"`)).count;
    return { done: completed >= m, progress: completed };
  });
  const notCompleted = (await client.workflow.count(`${query} AND ExecutionStatus != "Completed"`)).count;
  if (notCompleted > 0) throw new Error(`baseline: ${notCompleted} workflows did not complete`);

  let lastClose = 0;
  for await (const wf of client.workflow.list({ query, pageSize: 1000 })) {
    lastClose = Math.max(lastClose, wf.closeTime?.getTime() ?? 0);
  }
  // The check of one result: the activity really ran through the codec and back.
  const sample = await client.workflow.getHandle(ids[0]).result();
  if (sample !== 'bonjour stagiaire 0') throw new Error(`baseline: unexpected result ${JSON.stringify(sample)}`);
  const seconds = (lastClose - t0) / 1000;
  return { workflows: m, seconds, workflowsPerSecond: m / seconds, startSeconds, ids };
}

/** Starts a case's workflow, tagged with its process kind for ops (search attribute SprfpProcess). */
import type { Workflow } from '@temporalio/common';
import { SA_PROCESS } from '../../workflows/search-attributes';
import type { ApiContext } from '../context';

export async function startCaseWorkflow<W extends Workflow>(ctx: ApiContext, workflow: W, workflowId: string, processKind: string,
  ...args: Parameters<W>): Promise<void> {
  await ctx.client.workflow.start(workflow, {
    workflowId,
    taskQueue: ctx.config.TEMPORAL_TASK_QUEUE,
    args,
    typedSearchAttributes: [{ key: SA_PROCESS, value: processKind }],
  } as never);
}

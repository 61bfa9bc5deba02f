/** Builds the worker: the workflows of workflows/index.ts and the activities bound to their dependencies. */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { activityFailureInterceptor } from '../activities/case/failure-interceptor';
import { dataConverter } from '../platform/codec-converter';

/** The workflow interceptors every bundle carries: incidents instead of stuck or failed cases. */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../workflows/case/incidents')];

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  codecKeys: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests bundle once); otherwise the worker bundles workflows/index.ts. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Workflows kept in memory (WORKER_MAX_CACHED_WORKFLOWS); absent: the SDK's default. */
  maxCachedWorkflows?: number;
  /** Workflow tasks run at once (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS); absent: the SDK's default. */
  maxConcurrentWorkflowTasks?: number;
  /** Tests: a workflow bug fails the workflow instead of retrying its task forever. */
  failWorkflowsOnError?: boolean;
}

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    // A prebuilt bundle carries them already (built with WORKFLOW_INTERCEPTOR_MODULES): the SDK would ignore them.
    interceptors: { ...(setup.workflowBundle ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }), activity: [activityFailureInterceptor] },
    activities: createActivities(setup.deps),
    dataConverter: dataConverter(setup.codecKeys),
    ...(setup.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: setup.maxCachedWorkflows }),
    ...(setup.maxConcurrentWorkflowTasks === undefined ? {} : { maxConcurrentWorkflowTaskExecutions: setup.maxConcurrentWorkflowTasks }),
    ...(setup.failWorkflowsOnError ? { workflowFailureErrorTypes: { '*': ['Error'] } } : {}),
  });
}

/**
 * The workflow bundle, built once by the bench or the chaos run and handed to every worker process they start
 * (WORKFLOW_BUNDLE_PATH): a worker then starts in seconds instead of running webpack, and two workers run the
 * very same code. Built with the interceptors every worker carries (worker/worker.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../worker/worker';

const quiet = { log: () => undefined, info: () => undefined, warn: () => undefined, debug: () => undefined, trace: () => undefined, error: console.error };

export async function writeWorkflowBundle(dataDir: string): Promise<string> {
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, logger: quiet });
  const path = join(dataDir, 'workflow-bundle.js');
  writeFileSync(path, bundle.code);
  return path;
}

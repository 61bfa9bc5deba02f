import { rmSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Started } from '../platform/child-process';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __devServer?: TestWorkflowEnvironment; __pg?: Started };
  await g.__devServer?.teardown();
  await g.__pg?.stop();
  if (process.env.TEST_DATA_DIR && !process.env.KEEP_TEST_DATA) rmSync(process.env.TEST_DATA_DIR, { recursive: true, force: true });
}

/**
 * The baseline's worker, a process of the same kind as the product's (node --import tsx, the same SDK, the
 * same default worker options and the same encrypting data converter), running only bench/baseline-workflow.ts.
 * Env: TEMPORAL_ADDRESS, BENCH_BASELINE_TASK_QUEUE (and TEMPORAL_NAMESPACE, TEMPORAL_CODEC_KEYS as the product).
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { dataConverter } from '../platform/codec-converter';
import { loadConfig } from '../platform/config';
import { baselineActivities } from './baseline-activities';

async function main(): Promise<void> {
  const config = loadConfig();
  const taskQueue = process.env.BENCH_BASELINE_TASK_QUEUE ?? 'bench-baseline';
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('./baseline-workflow'),
    activities: baselineActivities(),
    dataConverter: dataConverter(config.TEMPORAL_CODEC_KEYS),
  });
  console.log(`baseline worker started on ${taskQueue}`);
  await worker.run(); // until SIGTERM/SIGINT, like the product's worker
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

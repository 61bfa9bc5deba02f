/**
 * Replay: the current workflow code must reproduce, command for command, the recorded histories of
 * running cases. test/fixtures/histories/ holds histories recorded from earlier versions (part 1 of the
 * journey, before part 2 was written); .data/histories holds the ones this run's suites just recorded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../platform/codec-converter';
import { testConfig } from './support/config';

const dirs = [join(__dirname, 'fixtures', 'histories'), join(__dirname, '..', '.data', 'histories')];
const histories = dirs.filter(existsSync).flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, path: join(dir, f) })));

test('there are recorded histories to replay (committed fixtures at least)', () => {
  expect(histories.filter((h) => h.path.includes('fixtures')).length).toBeGreaterThan(0);
});

test.each(histories.map((h) => [h.name, h.path]))('replays %s without non-determinism', async (_name, path) => {
  // fromObject rather than the SDK's historyFromJSON, whose protobuf instance differs under Jest's module registry.
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path, 'utf8')));
  await Worker.runReplayHistory(
    { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, dataConverter: dataConverter(testConfig().TEMPORAL_CODEC_KEYS) },
    history,
  );
});

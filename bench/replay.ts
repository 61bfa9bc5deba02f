/**
 * What an evicted case costs when it wakes (issue 9 §1): the worker replays its whole history. Replays the
 * committed history of a 10-month course (test/fixtures/histories) `times` times in one replay worker of the
 * product's bundle and times each replay; the first (which includes bundling) is left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../platform/codec-converter';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../worker/worker';
import { root } from './infra';
import { mean, percentile, round } from './util';

export interface ReplayFigure { fixture: string; events: number; msMean: number; msP95: number }

export async function timeReplays(codecKeys: string, fixtures: string[], times = 20): Promise<ReplayFigure[]> {
  const figures: ReplayFigure[] = [];
  for (const fixture of fixtures) {
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'histories', fixture), 'utf8')));
    const replays = Worker.runReplayHistories({ workflowsPath: require.resolve('../workflows'), dataConverter: dataConverter(codecKeys),
      interceptors: { workflowModules: WORKFLOW_INTERCEPTOR_MODULES } }, Array.from({ length: times + 1 }, (_, i) => ({ workflowId: `replay-${i}`, history })));
    const durations: number[] = [];
    let previous = performance.now();
    for await (const result of replays) {
      if (result.error) throw result.error;
      const now = performance.now();
      durations.push(now - previous);
      previous = now;
    }
    const timed = durations.slice(1);
    figures.push({ fixture, events: history.events.length, msMean: round(mean(timed), 1), msP95: round(percentile(timed, 95), 1) });
  }
  return figures;
}

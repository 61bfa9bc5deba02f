/**
 * The case page's read model (activities/case/snapshot.ts) against the workflow itself: the snapshot a case's
 * activities carried must be the state its workflow answers, once the case has finished its current change.
 */
import { isDeepStrictEqual } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { CaseHeader } from '../../domain/case/journal';
import { caseStateReads } from '../../platform/metrics/http';
import { eventually } from './journey';

const comparable = (state: unknown): unknown => (state === undefined ? undefined : JSON.parse(JSON.stringify(state)));

type Rows = (sql: string, params: unknown[]) => Promise<any[]>;

const snapshotOf = async (rows: Rows, caseId: string): Promise<unknown> =>
  comparable((await rows('select state from case_snapshot where dossier_id = ?', [caseId]))[0]?.state);

export async function expectReadModelInStep<S extends CaseHeader>(rows: Rows, handle: WorkflowHandle, query: QueryDefinition<S>, caseId: string): Promise<void> {
  const state = comparable(await handle.query(query));
  const inStep = await eventually(() => snapshotOf(rows, caseId), (s) => isDeepStrictEqual(s, state), 10_000).catch(() => undefined);
  // Not in step after 10 s: the difference, as Jest shows it.
  expect(inStep ?? await snapshotOf(rows, caseId)).toEqual(state);
}

/** How many case pages this process's API answered from the read model so far (api/case/state.ts). */
export async function readModelReads(): Promise<number> {
  return (await caseStateReads.get()).values.find((v) => v.labels.source === 'read_model')?.value ?? 0;
}

/**
 * The case's journal: every change of the parcours goes through `record`, which appends to the history
 * (queried by the API), projects it to PostgreSQL with the audit entry, and keeps the search attributes
 * in step. One way to change a case, so the workflow and the database cannot disagree.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { Stage } from '../../domain/parcours/stages';
import { acts } from '../activities';
import { SA_BASSIN, SA_DISPOSITIF, SA_ORGANISME, SA_PRESCRIPTEUR, SA_STAGE } from '../search-attributes';
import type { Actor, HistoryEntry, ParcoursInput, ParcoursState } from './messages';

export function initialState(input: ParcoursInput): ParcoursState {
  return {
    caseId: input.caseId,
    stage: 'reperage',
    session: input.session,
    prescripteur: input.prescripteur,
    positionnement: { scheduledAt: null, resultsRecorded: false },
    closure: null,
    history: [],
    deadlines: [],
  };
}

export function publishSearchAttributes(state: ParcoursState): void {
  upsertSearchAttributes([
    { key: SA_STAGE, value: state.stage },
    { key: SA_DISPOSITIF, value: state.session.dispositif },
    { key: SA_BASSIN, value: state.session.bassin },
    { key: SA_ORGANISME, value: state.session.organismeId },
    ...(state.prescripteur ? [{ key: SA_PRESCRIPTEUR, value: state.prescripteur.id }] : []),
  ]);
}

export interface RecordOptions {
  stage?: Stage;
  detail?: HistoryEntry['detail'];
  closure?: ParcoursState['closure'];
}

export async function record(state: ParcoursState, action: string, actor: Actor, opts: RecordOptions = {}): Promise<HistoryEntry> {
  const entry: HistoryEntry = {
    seq: state.history.length + 1,
    stage: opts.stage ?? state.stage,
    action,
    actor,
    at: new Date().toISOString(),
    ...(opts.detail ? { detail: opts.detail } : {}),
  };
  state.history.push(entry);
  state.stage = entry.stage;
  if (opts.closure) state.closure = opts.closure;
  publishSearchAttributes(state);
  await acts.recordTransition({
    caseId: state.caseId,
    entry,
    open: entry.stage !== 'clos',
    closedReason: state.closure?.reason,
  });
  return entry;
}

export const lastEntry = (state: ParcoursState): HistoryEntry => state.history[state.history.length - 1];

/** Idempotency key of a mail: the case, what it is about and the journal entry that caused it. */
export const mailKey = (state: ParcoursState, what: string, seq: number): string => `${state.caseId}:${what}:${seq}`;

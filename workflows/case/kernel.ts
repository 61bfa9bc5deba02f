/**
 * The workflow kernel every process stands on: the case header, its journal (every change goes through
 * `record`, which appends to the history, keeps the search attributes in step and projects the stage and the
 * audit entry to PostgreSQL), the one-at-a-time lock, and the checks of actions against the process
 * definition. It knows no process by name: a process gives its definition, its state and its search attributes.
 */
import { Mutex } from 'async-mutex';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';
import { actionNotAllowed } from '../../domain/case/failures';
import { lastEntry, type Actor, type CaseHeader, type Closure, type HistoryEntry } from '../../domain/case/journal';
import { actionNotAllowedMessage, isActionAllowed, type ProcessDefinition } from '../../domain/case/process';
import { acts } from './activities';
import { notifyLinkedCase, type LinkedCase } from './linked';

export interface RecordOptions<S extends string> {
  stage?: S;
  detail?: HistoryEntry['detail'];
  closure?: Closure;
}

export interface CaseKernel<T extends CaseHeader<S>, S extends string, A extends string> {
  readonly state: T;
  readonly definition: ProcessDefinition<S, A>;
  /** The one way to change a case: journal entry, search attributes, stage projection and audit entry. */
  record(action: string, actor: Actor, opts?: RecordOptions<S>): Promise<HistoryEntry<S>>;
  publishSearchAttributes(): void;
  /** Rejects an action the stage does not allow (HTTP 409), naming it as people know it. */
  assertAllowed(action: A): void;
  /** Runs one action at a time, re-checking that the stage still allows it once its turn comes. */
  exclusive<R>(action: A, fn: () => Promise<R>): Promise<R>;
  /** Runs one change at a time (the workflow's own, e.g. a payment, against people's actions). */
  locked<R>(fn: () => Promise<R>): Promise<R>;
  /** Idempotency key of a mail: the case, what it is about and the journal entry that caused it. */
  mailKey(what: string, seq?: number): string;
}

export interface KernelOptions {
  /** A case started on behalf of another one tells it of each change of stage (workflows/case/linked.ts). */
  notify?: LinkedCase;
}

export function createKernel<S extends string, A extends string, T extends CaseHeader<S>>(
  definition: ProcessDefinition<S, A>,
  state: T,
  searchAttributes: (state: T) => SearchAttributeUpdatePair[],
  options: KernelOptions = {},
): CaseKernel<T, S, A> {
  // A real mutex: `await condition(() => !busy); busy = true` lets every waiter whose predicate holds pass
  // in the same activation; the mutex hands the lock to one waiter at a time, in arrival order.
  const mutex = new Mutex();
  const publishSearchAttributes = (): void => upsertSearchAttributes(searchAttributes(state));
  const assertAllowed = (action: A): void => {
    if (!isActionAllowed(definition, action, state.stage)) throw actionNotAllowed(actionNotAllowedMessage(definition, action, state.stage));
  };
  const locked = <R>(fn: () => Promise<R>): Promise<R> => mutex.runExclusive(fn);

  return {
    state,
    definition,
    publishSearchAttributes,
    assertAllowed,
    locked,
    exclusive: (action, fn) => locked(() => {
      assertAllowed(action);
      return fn();
    }),
    mailKey: (what, seq = lastEntry(state).seq) => `${state.caseId}:${what}:${seq}`,

    async record(action, actor, opts = {}) {
      const entry: HistoryEntry<S> = {
        seq: state.history.length + 1,
        stage: opts.stage ?? state.stage,
        action,
        actor,
        at: new Date().toISOString(),
        ...(opts.detail ? { detail: opts.detail } : {}),
      };
      const previousStage = state.stage;
      state.history.push(entry);
      state.stage = entry.stage;
      if (opts.closure) state.closure = opts.closure;
      publishSearchAttributes();
      await acts.recordTransition({ caseId: state.caseId, entry, open: entry.stage !== definition.closedStage, closedReason: state.closure?.reason });
      if (options.notify && entry.stage !== previousStage) {
        await notifyLinkedCase(options.notify, { caseId: state.caseId, previousStage, entry, closure: state.closure });
      }
      return entry;
    },
  };
}

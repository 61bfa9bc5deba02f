/**
 * The workflow kernel every process stands on: the case header, its journal (every change goes through
 * `record`, which appends to the history, keeps the search attributes in step and projects the stage and the
 * audit entry to PostgreSQL), the one-at-a-time lock, and the checks of actions against the process
 * definition. It knows no process by name: a process gives its definition, its state and its search attributes.
 */
import { Mutex } from 'async-mutex';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { TransitionRecord } from '../../activities/case/journal';
import type { CaseSnapshot } from '../../activities/case/snapshot';
import { actionNotAllowed } from '../../domain/case/failures';
import { lastEntry, type Actor, type CaseHeader, type Closure, type HistoryEntry } from '../../domain/case/journal';
import { actionNotAllowedMessage, isActionAllowed, type ProcessDefinition } from '../../domain/case/process';
import { acts } from './activities';
import { notifyLinkedCase, type LinkedCase } from './linked';
import { READ_MODEL_2026_PATCH, WRITES_2026_PATCH } from './versions';

export interface RecordOptions<S extends string> {
  stage?: S;
  detail?: HistoryEntry['detail'];
  closure?: Closure;
  /**
   * The pending deadline of this kind is met by this entry (e.g. the month's statement): with `recordWith` since
   * WRITES_2026_PATCH, it leaves the state before the write, whose snapshot clears it from the case row.
   */
  settles?: string;
  /**
   * The process's own change of state that goes with the entry (a statement stored, the training set up at the
   * entry...), made once the entry is appended and before the write, so the write carries the state after it (the
   * read model's snapshot).
   */
  change?: () => void;
}

/** A case's state and its snapshot for the read model: what the core's waits and mails need of a kernel. */
export interface ProjectedCase<T extends CaseHeader = CaseHeader> {
  readonly state: T;
  /**
   * The state for the case page's read model (activities/case/snapshot.ts), when it changed since the last one
   * an activity carried; undefined otherwise. The journal's, the deadline's and the mail's activities carry it:
   * the read model follows every change without an activity (nor a history event) of its own.
   */
  snapshot(): CaseSnapshot | undefined;
  /**
   * Projects the state (read model, and the case row's next deadline) when it changed with no activity to carry
   * it: a process's own wait, a computation whose result no journal entry follows. Since READ_MODEL_2026_PATCH, for
   * a process that declares `ownChanges`.
   * null when there is nothing to project: await only a projection (`if (p) await p`), since an `await` of its own
   * lets the case's other coroutines issue their commands first, in another order than runs recorded before.
   */
  project(): Promise<void> | null;
}

export interface CaseKernel<T extends CaseHeader<S>, S extends string, A extends string> extends ProjectedCase<T> {
  readonly definition: ProcessDefinition<S, A>;
  /** The one way to change a case: journal entry, search attributes, stage projection and audit entry. */
  record(action: string, actor: Actor, opts?: RecordOptions<S>): Promise<HistoryEntry<S>>;
  /**
   * The same, for an entry that goes with a write of the process (a statement, a payment): `write` gets the
   * transition to project in its own transaction, so one activity does both. Cases recorded before
   * WRITES_2026_PATCH replay their two activities: the journal's, then the write with `null`.
   */
  recordWith<R>(action: string, actor: Actor, opts: RecordOptions<S>,
    write: (entry: HistoryEntry<S>, transition: TransitionRecord | null) => Promise<R>): Promise<{ entry: HistoryEntry<S>; result: R }>;
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
  /**
   * The process changes its state where none of the kernel's activities follows (waits of its own, a computation)
   * and calls `project()` there. Its runs project every change since READ_MODEL_2026_PATCH; a process without such
   * changes does by construction (the trainee journey), with no patch marker.
   */
  ownChanges?: true;
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
  // What was last upserted: since WRITES_2026_PATCH an unchanged set is not upserted again (an event saved per entry).
  let published = '';
  const publishSearchAttributes = (): void => {
    const pairs = searchAttributes(state);
    published = JSON.stringify(pairs);
    upsertSearchAttributes(pairs);
  };
  const publishChangedSearchAttributes = (): void => {
    if (JSON.stringify(searchAttributes(state)) === published && patched(WRITES_2026_PATCH)) return;
    publishSearchAttributes();
  };
  const assertAllowed = (action: A): void => {
    if (!isActionAllowed(definition, action, state.stage)) throw actionNotAllowed(actionNotAllowedMessage(definition, action, state.stage));
  };
  const locked = <R>(fn: () => Promise<R>): Promise<R> => mutex.runExclusive(fn);
  let sent = '';
  let sentAtMs = 0;
  // Decided once per run, at its first snapshot: a run replayed from before the patch keeps false when it goes on
  // live, so its snapshots stay marked incomplete (its waits set deadlines no activity carried).
  let everyChange: boolean | undefined;
  const projectsEveryChange = (): boolean => !options.ownChanges || (everyChange ??= patched(READ_MODEL_2026_PATCH));
  const snapshot = (): CaseSnapshot | undefined => {
    const json = JSON.stringify(state);
    if (json === sent) return undefined;
    sent = json;
    // Two carriers scheduled in one activation share the workflow's time, and their activities may run in either
    // order: the later state is dated a millisecond after, so the older one never overwrites it (snapshot.ts).
    sentAtMs = Math.max(Date.now(), sentAtMs + 1);
    // A copy: the activity's input is the state as of now, whatever the workflow changes next.
    return { caseId: state.caseId, seq: state.history.length, at: new Date(sentAtMs).toISOString(), state: JSON.parse(json),
      complete: projectsEveryChange() };
  };
  const project = (): Promise<void> | null => {
    if (!options.ownChanges || !projectsEveryChange()) return null; // runs started before: their pages query them
    const changed = snapshot();
    return changed ? acts.projectCase(changed) : null;
  };

  /** The entry appended to the journal, the search attributes in step: what every change does before its activity. */
  const append = (action: string, actor: Actor, opts: RecordOptions<S>) => {
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
    publishChangedSearchAttributes();
    const transition: TransitionRecord = { caseId: state.caseId, entry, open: entry.stage !== definition.closedStage, closedReason: state.closure?.reason };
    return { entry, transition, previousStage };
  };
  const notify = async (entry: HistoryEntry<S>, previousStage: S): Promise<void> => {
    if (options.notify && entry.stage !== previousStage) {
      await notifyLinkedCase(options.notify, { caseId: state.caseId, previousStage, entry, closure: state.closure });
    }
  };
  const record = async (action: string, actor: Actor, opts: RecordOptions<S> = {}): Promise<HistoryEntry<S>> => {
    const { entry, transition, previousStage } = append(action, actor, opts);
    opts.change?.();
    await acts.recordTransition({ ...transition, snapshot: snapshot() });
    await notify(entry, previousStage);
    return entry;
  };

  return {
    state,
    definition,
    publishSearchAttributes,
    snapshot,
    project,
    assertAllowed,
    locked,
    exclusive: (action, fn) => locked(() => {
      assertAllowed(action);
      return fn();
    }),
    mailKey: (what, seq = lastEntry(state).seq) => `${state.caseId}:${what}:${seq}`,

    record,

    async recordWith(action, actor, opts, write) {
      if (!patched(WRITES_2026_PATCH)) {
        const entry = await record(action, actor, { ...opts, change: undefined });
        opts.change?.(); // after the journal's activity, as these cases did
        return { entry, result: await write(entry, null) };
      }
      const { entry, transition, previousStage } = append(action, actor, opts);
      // The case row's deadline follows: the write's snapshot carries the state without it (activities/case/snapshot.ts).
      if (state.deadlines.some((d) => d.kind === opts.settles)) state.deadlines = [];
      opts.change?.();
      const result = await write(entry, { ...transition, snapshot: snapshot() });
      await notify(entry, previousStage);
      return { entry, result };
    },
  };
}

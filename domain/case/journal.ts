/** What every case has, whatever its process: a header, a journal of who did what and when, deadlines. */

/** Who did it: "caseworker:<id>", "partner:<org id>", "organisme:<org id>", "system"... Never a name. */
export type Actor = string;

export interface HistoryEntry<S extends string = string> {
  seq: number;
  stage: S;
  action: string;
  actor: Actor;
  at: string; // ISO timestamp (workflow time)
  detail?: Record<string, string | number | boolean | null>;
}

export interface Deadline {
  kind: string;
  dueAt: string;
  status: 'pending' | 'alerted';
}

export interface Closure {
  reason: string;
  detail?: string;
}

/** The part of a workflow's state the case core reads and writes. */
export interface CaseHeader<S extends string = string> {
  caseId: string;
  stage: S;
  closure: Closure | null;
  history: HistoryEntry<S>[];
  deadlines: Deadline[];
}

export const lastEntry = <S extends string>(state: CaseHeader<S>): HistoryEntry<S> => state.history[state.history.length - 1];

/** The deadline the case row shows (the work queue sorts by it): the earliest of the case's, alerted or not. */
export const nextDeadline = (deadlines: readonly Deadline[]): Deadline | null =>
  deadlines.reduce<Deadline | null>((first, d) => (first === null || d.dueAt < first.dueAt ? d : first), null);

/**
 * Wait, remind, alert: the one way a case waits for something people must do. Each step has a due date;
 * if the awaited thing has not happened by then, the step's notice is sent (a reminder, then an alert to
 * the referent) and the wait goes on. The case shows the deadline and its status while it waits.
 */
import { condition, patched } from '@temporalio/workflow';
import { msUntil } from '../../domain/dates';
import type { Deadline } from '../../domain/case/journal';
import { acts } from './activities';
import type { ProjectedCase } from './kernel';
import { WRITES_2026_PATCH } from './versions';

/**
 * The pending deadline is also projected onto the case row (dossier.echeance_at), so the console's work queue
 * sorts by it without querying each workflow. Behind a patch: histories recorded before it replay unchanged.
 */
const PROJECT_DEADLINE_PATCH = 'projection-echeance';
async function projectDeadline({ state, snapshot }: ProjectedCase, deadline: Deadline | null): Promise<void> {
  if (!patched(PROJECT_DEADLINE_PATCH)) return;
  await acts.projectDeadline({ caseId: state.caseId, dueAt: deadline?.dueAt ?? null, kind: deadline?.kind ?? null, snapshot: snapshot() });
}

export interface ReminderStep {
  dueAtMs: number;
  /** Sends the reminder or the alert of this step. */
  notify: () => Promise<unknown>;
  /** true: nobody is notified at this step (e.g. a suspended training), the wait goes on. */
  skip?: () => boolean;
}

/** Returns once `done()` holds; notifies at each step it passes first. */
export async function waitRemindAlert(kernel: ProjectedCase, kind: string, done: () => boolean, steps: readonly ReminderStep[]): Promise<void> {
  const { state } = kernel;
  for (const step of steps) {
    const deadline: Deadline = { kind, dueAt: new Date(step.dueAtMs).toISOString(), status: 'pending' };
    state.deadlines = [deadline];
    await projectDeadline(kernel, deadline);
    if (await condition(done, msUntil(step.dueAtMs, Date.now()))) break;
    if (step.skip?.()) continue;
    deadline.status = 'alerted';
    await step.notify();
  }
  await condition(done);
  // Met by an entry that cleared its projection itself (`settles`, WRITES_2026_PATCH): nothing left to clear.
  const cleared = state.deadlines.length === 0 && patched(WRITES_2026_PATCH);
  state.deadlines = [];
  if (!cleared) await projectDeadline(kernel, null);
}

/** true when `done` became true before `untilMs`. */
export const waitUntil = (untilMs: number, done: () => boolean): Promise<boolean> => condition(done, msUntil(untilMs, Date.now()));

/**
 * Several deadlines at once: the hiring declaration of each trainee, the 6-month checks, the service fait.
 * Like the core's waitRemindAlert, each step notifies when the awaited thing has not happened by its date;
 * here each wait keeps its own entry among the case's deadlines instead of replacing them all, dated by its
 * last step (the date that counts: a declaration's due date), reminders before it.
 */
import { condition } from '@temporalio/workflow';
import { msUntil } from '../../domain/dates';
import type { Deadline } from '../../domain/case/journal';
import type { ReminderStep } from '../case/deadlines';
import type { ProjectedCase } from '../case/kernel';

/** 08:00 UTC of a day: when a day's reminder goes out. */
export const morningOf = (day: string): number => Date.parse(`${day}T08:00:00.000Z`);

/**
 * Returns true as soon as `done()` holds; false when every step has passed without it, unless
 * `thenWait`: then it waits on after the last notice (the deadline stays shown, alerted) and returns true.
 */
export async function watchDeadline(kernel: ProjectedCase, kind: string, done: () => boolean, steps: readonly ReminderStep[],
  thenWait = false): Promise<boolean> {
  const { state } = kernel;
  const deadline: Deadline = { kind, dueAt: new Date(steps[steps.length - 1].dueAtMs).toISOString(), status: 'pending' };
  state.deadlines.push(deadline);
  const projected = kernel.project(); // shown on the case page and on the case row (the earliest of the order's deadlines)
  if (projected) await projected;
  try {
    for (const step of steps) {
      if (await condition(done, msUntil(step.dueAtMs, Date.now()))) return true;
      deadline.status = 'alerted';
      await step.notify();
    }
    if (thenWait) await condition(done);
    return done();
  } finally {
    state.deadlines = state.deadlines.filter((d) => d !== deadline);
    const projected = kernel.project();
    if (projected) await projected;
  }
}

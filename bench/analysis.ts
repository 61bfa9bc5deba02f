/**
 * Where the time goes, from the histories of a sample of workflows (after the run, not measured): per
 * workflow, how many workflow tasks, activities and events the measured part took; per activity type, how
 * long it waited in the task queue (scheduled → started: the worker was busy) and how long it ran (started →
 * completed: PostgreSQL, SMTP, CPU); how late the timers fired.
 */
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { mean, percentile } from './util';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface ActivityFigures {
  count: number;
  queueMsMean: number;
  runMsMean: number;
  runMsP95: number;
}

export interface Breakdown {
  workflows: number;
  perWorkflow: { events: number; workflowTasks: number; activities: number; timers: number };
  workflowTask: { queueMsMean: number; queueMsP95: number; runMsMean: number };
  activities: Record<string, ActivityFigures>;
  timerLateMsMean: number;
  /** From the first measured event to the end event, per workflow. */
  endToEndMs: { mean: number; p50: number; p95: number };
}

/**
 * `from`: the first event of the measured part of a history; `to`: its last event. Both found from the
 * start; a history without them is left out.
 */
export async function analyse(client: Client, workflowIds: string[], from: (e: HistoryEvent, activityType: (id: unknown) => string) => boolean,
  to: (e: HistoryEvent, activityType: (id: unknown) => string) => boolean): Promise<Breakdown> {
  const counts = { events: 0, workflowTasks: 0, activities: 0, timers: 0 };
  const wfQueue: number[] = [];
  const wfRun: number[] = [];
  const acts: Record<string, { queue: number[]; run: number[] }> = {};
  const timerLate: number[] = [];
  const endToEnd: number[] = [];
  let analysed = 0;

  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const byId = new Map(events.map((e) => [Number(e.eventId), e]));
    const activityType = (scheduledId: unknown): string =>
      byId.get(Number(scheduledId))?.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
    const start = events.findIndex((e) => from(e, activityType));
    const end = events.findIndex((e, i) => i >= start && to(e, activityType));
    if (start < 0 || end < 0) continue;
    analysed += 1;
    const measured = events.slice(start, end + 1);
    const time = (e: HistoryEvent | undefined): number => tsToMs(e?.eventTime);
    endToEnd.push(time(events[end]) - time(events[start]));
    counts.events += measured.length;
    for (const e of measured) {
      if (e.workflowTaskStartedEventAttributes) {
        counts.workflowTasks += 1;
        wfQueue.push(time(e) - time(byId.get(Number(e.workflowTaskStartedEventAttributes.scheduledEventId))));
      } else if (e.workflowTaskCompletedEventAttributes) {
        wfRun.push(time(e) - time(byId.get(Number(e.workflowTaskCompletedEventAttributes.startedEventId))));
      } else if (e.activityTaskCompletedEventAttributes) {
        const a = e.activityTaskCompletedEventAttributes;
        const type = activityType(a.scheduledEventId);
        const figures = (acts[type] ??= { queue: [], run: [] });
        counts.activities += 1;
        figures.queue.push(time(byId.get(Number(a.startedEventId))) - time(byId.get(Number(a.scheduledEventId))));
        figures.run.push(time(e) - time(byId.get(Number(a.startedEventId))));
      } else if (e.timerFiredEventAttributes) {
        const startedEvent = byId.get(Number(e.timerFiredEventAttributes.startedEventId));
        counts.timers += 1;
        timerLate.push(time(e) - time(startedEvent) - tsToMs(startedEvent?.timerStartedEventAttributes?.startToFireTimeout));
      }
    }
  }
  const per = (value: number): number => (analysed ? value / analysed : NaN);
  return {
    workflows: analysed,
    perWorkflow: { events: per(counts.events), workflowTasks: per(counts.workflowTasks), activities: per(counts.activities), timers: per(counts.timers) },
    workflowTask: { queueMsMean: mean(wfQueue), queueMsP95: percentile(wfQueue, 95), runMsMean: mean(wfRun) },
    activities: Object.fromEntries(Object.entries(acts).map(([type, f]) => [type, {
      count: f.run.length / analysed, queueMsMean: mean(f.queue), runMsMean: mean(f.run), runMsP95: percentile(f.run, 95),
    }])),
    timerLateMsMean: timerLate.length ? mean(timerLate) : NaN,
    endToEndMs: { mean: mean(endToEnd), p50: percentile(endToEnd, 50), p95: percentile(endToEnd, 95) },
  };
}

/**
 * Parcours: from the statement's update to the trainee's statement of the amount, sent by the payment's activity
 * itself since PAYMENT_MAIL_PATCH (before it, by a `sendMail` activity after `payMonth`: 22 events per payment).
 */
export const parcoursFrom = (e: HistoryEvent): boolean => Boolean(e.workflowExecutionUpdateAcceptedEventAttributes);
export const parcoursTo = (e: HistoryEvent, activityType: (id: unknown) => string): boolean => {
  const done = e.activityTaskCompletedEventAttributes;
  return Boolean(done) && activityType(done!.scheduledEventId) === 'payMonth';
};

/** Baseline: the whole history. */
export const baselineFrom = (e: HistoryEvent): boolean => Boolean(e.workflowExecutionStartedEventAttributes);
export const baselineTo = (e: HistoryEvent): boolean => Boolean(e.workflowExecutionCompletedEventAttributes);

/** `count` ids spread evenly over the list (the first and the last included). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]);
}

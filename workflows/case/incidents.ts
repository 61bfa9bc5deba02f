/**
 * No case may get stuck on a failing activity, and none may fail for it. Every activity has a bounded retry
 * policy (./activities.ts); when one still fails for a reason that is not the request's (a database or mail
 * server down, a bug), this interceptor records an incident: the case shows it, the referent and ops are
 * alerted once, and the call is tried again when ops repair it (signal `reprendreApresIncident`, the
 * documented ops action: docs/RUNNING.md) or, at the latest, an hour later. Business failures (the request
 * cannot succeed as it is) go straight back to the caller. Nothing changes on the way when all goes well: the
 * commands of a case without incident are the same as before this interceptor existed.
 */
import {
  ActivityFailure, ApplicationFailure, CancelledFailure, condition, proxyActivities, setHandler, workflowInfo,
  type ActivityInput, type Next, type WorkflowInterceptorsFactory, type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { isFailureType } from '../../domain/case/failures';
import { reprendreApresIncident } from './messages';

/** How long a case waits for ops before trying again by itself. */
export const INCIDENT_RETRY_AFTER = '1 hour';

const report = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});
/** Not incidents: the report itself, and partner deliveries (a partner down is normal: the handoff retries in rounds). */
const UNGUARDED: ReadonlySet<string> = new Set(['recordIncident', 'deliverPartnerEvent']);

/** A failure the request cannot cure: the caller's (400/409), never an incident. */
const isBusiness = (err: unknown): boolean =>
  err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && isFailureType(err.cause.type);

class IncidentInterceptor implements WorkflowOutboundCallsInterceptor {
  private repairs = 0;
  private listening = false;

  async scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    if (UNGUARDED.has(input.activityType)) return next(input);
    try {
      return await next(input);
    } catch (err) {
      if (!(err instanceof ActivityFailure) || isBusiness(err) || err.cause instanceof CancelledFailure) throw err;
      await this.waitForRepair(input.activityType, err);
      // A new call (a new activity id), through the interceptors again: a second failure is a new incident.
      const again = proxyActivities<Record<string, (...args: unknown[]) => Promise<unknown>>>(input.options);
      return again[input.activityType](...input.args);
    }
  }

  private async waitForRepair(activityType: string, err: ActivityFailure): Promise<void> {
    this.listen();
    const seen = this.repairs;
    const reason = (err.cause?.message ?? err.message).slice(0, 300);
    await reportQuietly({ workflowId: workflowInfo().workflowId, activityType, reason, open: true });
    await condition(() => this.repairs > seen, INCIDENT_RETRY_AFTER);
    await reportQuietly({ workflowId: workflowInfo().workflowId, activityType, reason, open: false });
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    setHandler(reprendreApresIncident, () => void (this.repairs += 1));
  }
}

/** The report itself may fail (the database is down): the wait for the repair goes on regardless. */
async function reportQuietly(args: Parameters<Activities['recordIncident']>[0]): Promise<void> {
  try {
    await report.recordIncident(args);
  } catch (err) {
    if (err instanceof CancelledFailure) throw err;
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ outbound: [new IncidentInterceptor()] });

/** Starts a partner handoff for a case (its own workflow, abandoned by the case: it lives until acknowledged). */
import type { Duration } from '@temporalio/common';
import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import type { HandoffTarget } from '../../activities/case/handoff';
import type { PartnerEventType } from '../../activities/case/partner-events';
import { handoffWorkflowId } from '../partner-handoff/messages';
import { partnerHandoff } from '../partner-handoff/partner-handoff.workflow';

export interface HandoffSettings {
  /** How long a partner may leave a handoff unacknowledged before the referent is alerted. */
  handoffAlertAfter: Duration;
  /** First retry interval of a delivery (then exponential backoff), and its cap. */
  handoffRetryInitial: Duration;
  handoffRetryMaximum: Duration;
}

export async function startHandoff(caseId: string, settings: HandoffSettings, target: HandoffTarget, type: PartnerEventType,
  occurredAt: string): Promise<void> {
  const eventId = uuid4();
  await startChild(partnerHandoff, {
    workflowId: handoffWorkflowId(eventId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{
      eventId,
      caseId,
      type,
      target,
      occurredAt,
      alertAfter: settings.handoffAlertAfter,
      retryInitial: settings.handoffRetryInitial,
      retryMaximum: settings.handoffRetryMaximum,
    }],
  });
}

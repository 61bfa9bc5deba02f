/** Starts a partner handoff (its own workflow, abandoned by the case: it lives until acknowledged). */
import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import type { PartnerEventType } from '../../activities/partners/events';
import type { HandoffTarget } from '../../activities/partners/handoff';
import { handoffWorkflowId } from '../partner-handoff/messages';
import { partnerHandoff } from '../partner-handoff/partner-handoff.workflow';
import type { ParcoursContext } from './context';

export async function startHandoff(ctx: ParcoursContext, target: HandoffTarget, type: PartnerEventType, occurredAt: string): Promise<void> {
  const eventId = uuid4();
  await startChild(partnerHandoff, {
    workflowId: handoffWorkflowId(eventId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{
      eventId,
      caseId: ctx.state.caseId,
      type,
      target,
      occurredAt,
      alertAfter: ctx.delays.handoffAlertAfter,
      retryInitial: ctx.delays.handoffRetryInitial,
      retryMaximum: ctx.delays.handoffRetryMaximum,
    }],
  });
}

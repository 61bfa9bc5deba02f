import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { HandoffTarget } from '../../activities/case/handoff';
import type { PartnerEventType } from '../../activities/case/partner-events';

export const handoffWorkflowId = (eventId: string): string => `handoff-${eventId}`;

export interface PartnerHandoffInput {
  eventId: string;
  caseId: string;
  type: PartnerEventType;
  target: HandoffTarget;
  occurredAt: string;
  alertAfter: Duration;
  retryInitial: Duration;
  retryMaximum: Duration;
}

export interface HandoffStatus {
  eventId: string;
  organisationId: string | null;
  acknowledged: boolean;
  alerted: boolean;
}

/** Sent by the API when a partner without an endpoint acknowledges the event. */
export const acquitter = defineSignal('acquitter');
export const handoffStatusQuery = defineQuery<HandoffStatus>('statut');

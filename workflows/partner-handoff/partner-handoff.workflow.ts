/**
 * One partner handoff = one workflow (id `handoff-<event id>`): the event is written to the outbox once,
 * pushed to the partner with backoff until a 2xx (or acknowledged through the API), and the case's
 * referent is alerted if that takes longer than `alertAfter`. Delivery goes on after the alert.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { acts } from '../case/activities';
import { acquitter, handoffStatusQuery, type HandoffStatus, type PartnerHandoffInput } from './messages';

export async function partnerHandoff(input: PartnerHandoffInput): Promise<HandoffStatus> {
  const status: HandoffStatus = { eventId: input.eventId, organisationId: null, acknowledged: false, alerted: false };
  setHandler(handoffStatusQuery, () => status);
  setHandler(acquitter, () => void (status.acknowledged = true));

  const prepared = await acts.preparePartnerEvent(input);
  status.organisationId = prepared.organisationId;
  if (prepared.push) void pushUntilAcknowledged(input).then(() => void (status.acknowledged = true));

  if (!(await condition(() => status.acknowledged, input.alertAfter))) {
    status.alerted = true;
    await acts.sendMail({
      key: `${input.eventId}:alerte`,
      caseId: input.caseId,
      template: 'alerte_partenaire',
      to: 'referent',
      params: { partenaire: prepared.organisationName, type: input.type, eventId: input.eventId, since: input.occurredAt },
    });
    await condition(() => status.acknowledged);
  }
  return status;
}

/** Unlimited attempts: an event is never dropped; the backoff caps at `retryMaximum`. */
function pushUntilAcknowledged(input: PartnerHandoffInput): Promise<void> {
  const { deliverPartnerEvent } = proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: input.retryInitial, backoffCoefficient: 2, maximumInterval: input.retryMaximum },
  });
  return deliverPartnerEvent({ eventId: input.eventId });
}

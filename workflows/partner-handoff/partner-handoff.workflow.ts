/**
 * One partner handoff = one workflow (id `handoff-<event id>`): the event is written to the outbox once,
 * pushed to the partner with backoff until a 2xx (or acknowledged through the API), and the case's
 * referent is alerted if that takes longer than `alertAfter`. Delivery goes on after the alert, in rounds of
 * bounded retries: a partner down for days is normal, never an incident of the case. A delivery that can
 * never succeed (the event or its recipient is gone) fails the workflow visibly, after alerting the referent.
 */
import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { acts, mailActs } from '../case/activities';
import { acquitter, handoffStatusQuery, type HandoffStatus, type PartnerHandoffInput } from './messages';

export async function partnerHandoff(input: PartnerHandoffInput): Promise<HandoffStatus> {
  const status: HandoffStatus = { eventId: input.eventId, organisationId: null, acknowledged: false, alerted: false };
  let undeliverable: string | null = null;
  setHandler(handoffStatusQuery, () => status);
  setHandler(acquitter, () => void (status.acknowledged = true));

  const prepared = await acts.preparePartnerEvent(input);
  status.organisationId = prepared.organisationId;
  if (prepared.push) {
    void pushUntilAcknowledged(input, () => status.acknowledged)
      .then(() => void (status.acknowledged = true), (err: Error) => void (undeliverable = err.message));
  }
  const settled = (): boolean => status.acknowledged || undeliverable !== null;

  if (!(await condition(settled, input.alertAfter))) {
    await alert(input, prepared.organisationName, status);
    await condition(settled);
  }
  if (!status.acknowledged && undeliverable) {
    if (!status.alerted) await alert(input, prepared.organisationName, status);
    throw ApplicationFailure.nonRetryable(`événement impossible à livrer : ${undeliverable}`, 'Undeliverable');
  }
  return status;
}

async function alert(input: PartnerHandoffInput, partenaire: string, status: HandoffStatus): Promise<void> {
  status.alerted = true;
  await mailActs.sendMail({
    key: `${input.eventId}:alerte`,
    caseId: input.caseId,
    template: 'alerte_partenaire',
    to: 'referent',
    params: { partenaire, type: input.type, eventId: input.eventId, since: input.occurredAt },
  });
}

/** Rounds of bounded retries (backoff capped at `retryMaximum`), a pause between rounds, until acknowledged. */
async function pushUntilAcknowledged(input: PartnerHandoffInput, acknowledged: () => boolean): Promise<void> {
  const { deliverPartnerEvent } = proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: input.retryInitial, backoffCoefficient: 2, maximumInterval: input.retryMaximum, maximumAttempts: DELIVERY_ATTEMPTS_PER_ROUND },
  });
  for (;;) {
    try {
      return await deliverPartnerEvent({ eventId: input.eventId });
    } catch (err) {
      if (!(err instanceof ActivityFailure) || (err.cause instanceof ApplicationFailure && err.cause.nonRetryable)) throw err;
      if (await condition(acknowledged, input.retryMaximum)) return;
    }
  }
}

/** With the default backoff (30 s doubling up to 1 h), a round lasts about 5 hours. */
const DELIVERY_ATTEMPTS_PER_ROUND = 12;

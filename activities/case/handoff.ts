/**
 * Partner handoff activities: write the event to the outbox once (its data built by the case's process),
 * then push it to the partner's endpoint. `deliverPartnerEvent` throws on anything but a 2xx, and the
 * workflow retries it with backoff until the partner acknowledges.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Organisation, PartnerEvent } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import type { ActivityDeps } from '../deps';
import { EVENT_VERSION, type PartnerEventEnvelope, type PartnerEventType } from './partner-events';
import type { PartnerEventDataBuilder } from './process-module';
import { EVENT_ID_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

/** Who receives it: a given organisation, or the one organisation of a kind (France Travail). */
export type HandoffTarget = { organisationId: string } | { kind: 'france_travail' };

export interface PrepareEventInput {
  eventId: string;
  caseId: string;
  type: PartnerEventType;
  target: HandoffTarget;
  occurredAt: string;
}

export interface PreparedEvent {
  organisationId: string;
  organisationName: string;
  /** false: the partner has no endpoint and acknowledges through the API. */
  push: boolean;
}

const DELIVERY_TIMEOUT_MS = 10_000;

async function resolveTarget(em: EntityManager, target: HandoffTarget, franceTravailOrgId?: string): Promise<Organisation> {
  const id = 'organisationId' in target ? target.organisationId : franceTravailOrgId;
  const found = id ? await em.find(Organisation, { id }) : await em.find(Organisation, { kind: 'france_travail' }, { limit: 2 });
  // Without a configured id, the partner of a kind must be unique: never guess who receives personal data.
  if (found.length !== 1) throw businessFailure('NotFound', `destinataire introuvable ou ambigu : ${JSON.stringify(target)}`);
  return found[0];
}

export function handoffActivities({ orm, franceTravailOrgId }: ActivityDeps, builders: ReadonlyMap<PartnerEventType, PartnerEventDataBuilder>) {
  return {
    async preparePartnerEvent(input: PrepareEventInput): Promise<PreparedEvent> {
      const em = orm.em.fork() as EntityManager;
      const build = builders.get(input.type);
      if (!build) throw businessFailure('InvalidArgument', `type d'événement inconnu : ${input.type}`);
      const org = await resolveTarget(em, input.target, franceTravailOrgId);
      const envelope: PartnerEventEnvelope = {
        id: input.eventId, type: input.type, version: EVENT_VERSION, occurredAt: input.occurredAt, source: 'sprfp-normandie',
        data: await build(em, input.caseId, input.occurredAt),
      };
      await em.createQueryBuilder(PartnerEvent).insert({
        eventId: input.eventId, organisation: org.id, dossierId: input.caseId, type: input.type, version: EVENT_VERSION,
        payload: envelope as unknown as Record<string, unknown>, status: 'pending', attempts: 0, createdAt: new Date(),
      }).onConflict('eventId').ignore().execute();
      return { organisationId: org.id, organisationName: org.name, push: Boolean(org.webhookUrl) };
    },

    async deliverPartnerEvent({ eventId }: { eventId: string }): Promise<void> {
      const em = orm.em.fork() as EntityManager;
      const event = await em.findOne(PartnerEvent, { eventId }, { populate: ['organisation'] });
      if (!event) throw businessFailure('NotFound', `événement ${eventId} introuvable`);
      if (event.status === 'acknowledged') return;
      const body = JSON.stringify(event.payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const { error, gone } = await post(event.organisation.webhookUrl ?? '', body, {
        'content-type': 'application/json',
        [EVENT_ID_HEADER]: eventId,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: sign(event.organisation.webhookSecret ?? '', timestamp, body),
      });
      event.attempts += 1;
      event.lastError = error;
      if (!error) Object.assign(event, { status: 'acknowledged', acknowledgedAt: new Date() });
      await em.flush();
      if (gone) throw businessFailure('Undeliverable', `le partenaire refuse définitivement l'événement ${eventId} (${error})`);
      if (error) throw ApplicationFailure.retryable(error, 'PartnerNotAcknowledged');
    },
  };
}

/**
 * `error` null on a 2xx, else what went wrong (kept in the outbox row for ops); `gone` when the partner says
 * the event will never be taken (410 Gone): every other answer is worth another try.
 */
async function post(url: string, body: string, headers: Record<string, string>): Promise<{ error: string | null; gone: boolean }> {
  try {
    const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    return { error: res.ok ? null : `HTTP ${res.status}`, gone: res.status === 410 };
  } catch (err) {
    return { error: `network: ${(err as Error).message}`.slice(0, 500), gone: false };
  }
}

/**
 * Partner handoff activities: write the event to the outbox once, then push it to the partner's endpoint.
 * `deliverPartnerEvent` throws on anything but a 2xx, and the workflow retries it with backoff until the
 * partner acknowledges.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { businessFailure } from '../errors';
import { buildEventData, EVENT_VERSION, type PartnerEventEnvelope, type PartnerEventType } from './events';
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

type OrgRow = { id: string; name: string; webhook_url: string | null };

async function resolveTarget(em: EntityManager, target: HandoffTarget, franceTravailOrgId?: string): Promise<OrgRow> {
  const conn = em.getConnection();
  const id = 'organisationId' in target ? target.organisationId : franceTravailOrgId;
  const rows: OrgRow[] = id
    ? await conn.execute(`select id, name, webhook_url from organisation where id = ?`, [id])
    : await conn.execute(`select id, name, webhook_url from organisation where kind = ? limit 2`, ['kind' in target ? target.kind : '']);
  // Without a configured id, the partner of a kind must be unique: never guess who receives personal data.
  if (rows.length !== 1) throw businessFailure('NotFound', `destinataire introuvable ou ambigu : ${JSON.stringify(target)}`);
  return rows[0];
}

export function handoffActivities({ orm, franceTravailOrgId }: ActivityDeps) {
  return {
    async preparePartnerEvent(input: PrepareEventInput): Promise<PreparedEvent> {
      const em = orm.em.fork() as EntityManager;
      const org = await resolveTarget(em, input.target, franceTravailOrgId);
      const envelope: PartnerEventEnvelope = {
        id: input.eventId,
        type: input.type,
        version: EVENT_VERSION,
        occurredAt: input.occurredAt,
        source: 'sprfp-normandie',
        data: await buildEventData(em, input.caseId, input.occurredAt),
      };
      await em.getConnection().execute(
        `insert into partner_event (event_id, organisation_id, dossier_id, type, version, payload, status, attempts, created_at)
         values (?, ?, ?, ?, ?, ?, 'pending', 0, now()) on conflict (event_id) do nothing`,
        [input.eventId, org.id, input.caseId, input.type, EVENT_VERSION, JSON.stringify(envelope)],
      );
      return { organisationId: org.id, organisationName: org.name, push: Boolean(org.webhook_url) };
    },

    async deliverPartnerEvent({ eventId }: { eventId: string }): Promise<void> {
      const conn = (orm.em.fork() as EntityManager).getConnection();
      const [event] = await conn.execute(
        `select e.payload, e.status, o.webhook_url, o.webhook_secret from partner_event e
         join organisation o on o.id = e.organisation_id where e.event_id = ?`,
        [eventId],
      );
      if (!event) throw businessFailure('NotFound', `événement ${eventId} introuvable`);
      if (event.status === 'acknowledged') return;
      const body = JSON.stringify(event.payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const error = await post(event.webhook_url, body, {
        'content-type': 'application/json',
        [EVENT_ID_HEADER]: eventId,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: sign(event.webhook_secret ?? '', timestamp, body),
      });
      await conn.execute(
        error
          ? `update partner_event set attempts = attempts + 1, last_error = ? where event_id = ?`
          : `update partner_event set attempts = attempts + 1, last_error = ?, status = 'acknowledged', acknowledged_at = now() where event_id = ?`,
        [error, eventId],
      );
      if (error) throw ApplicationFailure.retryable(error, 'PartnerNotAcknowledged');
    },
  };
}

/** Returns null on a 2xx, else what went wrong (kept in the outbox row for ops). */
async function post(url: string, body: string, headers: Record<string, string>): Promise<string | null> {
  try {
    const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return `network: ${(err as Error).message}`.slice(0, 500);
  }
}

import { EntitySchema } from '@mikro-orm/core';
import { Organisation } from './organisation';

/**
 * Outbox of handoff events to partners. The event id is fixed when the event is decided (by the workflow),
 * so retries resend the same event and the receiver deduplicates on it.
 */
export class PartnerEvent {
  eventId!: string;
  organisation!: Organisation;
  dossierId!: string;
  type!: string;
  version!: number;
  payload!: Record<string, unknown>;
  status: 'pending' | 'acknowledged' = 'pending';
  attempts = 0;
  lastError: string | null = null;
  createdAt: Date = new Date();
  acknowledgedAt: Date | null = null;
}

export const PartnerEventSchema = new EntitySchema<PartnerEvent>({
  class: PartnerEvent,
  tableName: 'partner_event',
  properties: {
    eventId: { type: 'uuid', primary: true },
    organisation: { kind: 'm:1', entity: () => Organisation, index: true },
    dossierId: { type: 'uuid', index: true },
    type: { type: 'string', length: 80 },
    version: { type: 'integer' },
    payload: { type: 'json' },
    status: { type: 'string', length: 20 },
    attempts: { type: 'integer' },
    lastError: { type: 'string', length: 500, nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    acknowledgedAt: { type: 'datetime', nullable: true },
  },
});

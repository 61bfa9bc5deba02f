import { EntitySchema } from '@mikro-orm/core';

/**
 * One row per mail the system decided to send, keyed by an idempotency key derived from the case and the
 * event: a retried activity finds the row and does not send the same mail twice.
 */
export class SentMail {
  idempotencyKey!: string;
  dossierId: string | null = null;
  template!: string;
  recipient!: string;
  messageId!: string;
  /** 'skipped': the template had nothing to say any more (an appointment already past). */
  status: 'sending' | 'sent' | 'skipped' = 'sending';
  sentAt: Date | null = null;
}

export const SentMailSchema = new EntitySchema<SentMail>({
  class: SentMail,
  tableName: 'sent_mail',
  properties: {
    idempotencyKey: { type: 'string', length: 200, primary: true },
    dossierId: { type: 'uuid', nullable: true, index: true },
    template: { type: 'string', length: 60 },
    recipient: { type: 'string', length: 320 },
    messageId: { type: 'string', length: 300 },
    status: { type: 'string', length: 10 },
    sentAt: { type: 'datetime', nullable: true },
  },
});

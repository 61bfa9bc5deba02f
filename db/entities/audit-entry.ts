import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * Append-only log of every action on a case and every read of sensitive data: who, what, when.
 * `detail` holds ids and codes, never personal data. (dossier, seq) is unique for workflow transitions,
 * so a retried activity writes its entry once.
 */
export class AuditEntry {
  [OptionalProps]?: 'id' | 'dossierId' | 'seq' | 'detail' | 'at';
  id!: string;
  dossierId: string | null = null;
  seq: number | null = null;
  actor!: string;
  action!: string;
  detail: Record<string, unknown> = {};
  at: Date = new Date();
}

export const AuditEntrySchema = new EntitySchema<AuditEntry>({
  class: AuditEntry,
  tableName: 'audit_entry',
  uniques: [{ properties: ['dossierId', 'seq'], name: 'audit_entry_transition_unique' }],
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    dossierId: { type: 'uuid', nullable: true, index: true },
    seq: { type: 'integer', nullable: true },
    actor: { type: 'string', length: 120 },
    action: { type: 'string', length: 80 },
    detail: { type: 'json' },
    at: { type: 'datetime', onCreate: () => new Date() },
  },
});

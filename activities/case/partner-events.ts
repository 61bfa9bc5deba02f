/**
 * Handoff events sent to partners: versioned JSON with a stable id. The payload is built once from the
 * database by the case's process and stored in the outbox (`partner_event`), so every retry sends the same bytes.
 */

/** "<process>.<what happened>", e.g. "parcours.entree_formation"; each process lists its own. */
export type PartnerEventType = string;
export const EVENT_VERSION = 1;

export interface PartnerEventEnvelope {
  id: string;
  type: PartnerEventType;
  version: number;
  occurredAt: string;
  source: 'sprfp-normandie';
  data: Record<string, unknown>;
}

/**
 * The one writer of the audit log (who did or read what, when). Every operation audited is in this closed
 * list; `detail` holds ids and codes, never personal data. A case transition is written once per journal
 * entry (unique (dossier, seq)), so a retried activity adds nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '../../db/entities';
import type { HistoryEntry } from '../../domain/case/journal';

export const AUDIT_OPERATIONS = [
  /** A change of a case (its journal entry: the action is the entry's). */
  'transition',
  'lecture_donnees_sensibles',
  /** A known person completed by a new case (which kinds of data, never the values). */
  'personne_completee',
  'lecture_indicateurs',
  'fichier_paiement_produit',
  'fichier_paiement_telecharge',
  'badge_attribue',
  'parametre_propose',
  'parametre_approuve',
  'parametre_rejete',
  /** Finance read the notice of an uprating not entered yet: it is not shown again. */
  'parametre_avis_lu',
  /** An indu remitted by a caseworker's decision, or repaid after a repayment order (recorded by finance). */
  'indu_remise',
  'indu_reversement',
  'import_lot',
  /** The console (docs/CONSOLE.md): a search by name or birth date (its kind and result count, never the terms). */
  'recherche_personne',
  'dossier_attribue',
  'dossier_transfere',
  'dossier_suivi',
  'export_dossiers',
  /** A reminder mail sent again from the work queue (api/console/queue/reminders.ts): the deadline and the template. */
  'relance_envoyee',
] as const;
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

export type AuditEvent =
  | { operation: 'transition'; dossierId: string; entry: HistoryEntry }
  | { operation: Exclude<AuditOperation, 'transition'>; actor: string; dossierId?: string; detail?: Record<string, unknown> };

export async function writeAudit(em: EntityManager, event: AuditEvent): Promise<void> {
  if (event.operation === 'transition') {
    const { entry } = event;
    await em.createQueryBuilder(AuditEntry).insert({
      dossierId: event.dossierId, seq: entry.seq, actor: entry.actor, action: entry.action, detail: entry.detail ?? {}, at: new Date(entry.at),
    }).onConflict(['dossierId', 'seq']).ignore().execute();
    return;
  }
  await em.insert(AuditEntry, { actor: event.actor, action: event.operation, dossierId: event.dossierId ?? null, detail: event.detail ?? {}, at: new Date() });
}

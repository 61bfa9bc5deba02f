/** The kernel's projection of a case's journal into PostgreSQL: the stage of the case row and the audit entry. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from '../../db/entities';
import type { HistoryEntry } from '../../domain/case/journal';
import type { ActivityDeps } from '../deps';
import { writeAudit } from './audit';
import { writeSnapshot, type CaseSnapshot } from './snapshot';

export interface TransitionRecord {
  caseId: string;
  entry: HistoryEntry;
  open: boolean;
  closedReason?: string;
  /** The case's state after this change, when it changed since the last one sent (the case page's read model). */
  snapshot?: CaseSnapshot;
}

/**
 * Projects the workflow's stage onto the case row (never backwards) and appends the audit entry once: in the
 * caller's transaction, so an activity that writes a process's record writes its journal entry with it.
 */
export async function writeTransition(tx: EntityManager, { caseId, entry, open, closedReason, snapshot }: TransitionRecord): Promise<void> {
  await tx.nativeUpdate(Dossier, { id: caseId, stageSeq: { $lt: entry.seq } },
    { stage: entry.stage, stageSeq: entry.seq, open, closedReason: closedReason ?? null, updatedAt: new Date() });
  await writeAudit(tx, { operation: 'transition', dossierId: caseId, entry });
  if (snapshot) await writeSnapshot(tx, snapshot);
}

export function journalActivities({ orm }: ActivityDeps) {
  return {
    async recordTransition(record: TransitionRecord): Promise<void> {
      await (orm.em.fork() as EntityManager).transactional((tx) => writeTransition(tx as EntityManager, record));
    },

    /**
     * Projects the pending deadline onto the case row for the work queue (api/console/queue). Ordered by the
     * workflow (one wait at a time, awaited), so a plain write is enough; a retried write writes the same value.
     */
    async projectDeadline({ caseId, dueAt, kind, snapshot }: { caseId: string; dueAt: string | null; kind: string | null; snapshot?: CaseSnapshot }): Promise<void> {
      await (orm.em.fork() as EntityManager).transactional(async (tx) => {
        await tx.execute('update dossier set echeance_at = ?, echeance_kind = ? where id = ?', [dueAt ? new Date(dueAt) : null, kind, caseId]);
        if (snapshot) await writeSnapshot(tx as EntityManager, snapshot);
      });
    },

    /**
     * A change of the case's state that no other activity carries (a process's own wait: its deadline set or
     * cleared, a computation): the read model's state, and the case row's next deadline taken from it
     * (writeSnapshot; several waits of one case may run side by side, only the newest state is written).
     */
    async projectCase(snapshot: CaseSnapshot): Promise<void> {
      await writeSnapshot(orm.em.fork() as EntityManager, snapshot);
    },
  };
}

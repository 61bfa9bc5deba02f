/** The kernel's projection of a case's journal into PostgreSQL: the stage of the case row and the audit entry. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from '../../db/entities';
import type { HistoryEntry } from '../../domain/case/journal';
import type { ActivityDeps } from '../deps';
import { writeAudit } from './audit';

export interface TransitionRecord {
  caseId: string;
  entry: HistoryEntry;
  open: boolean;
  closedReason?: string;
}

export function journalActivities({ orm }: ActivityDeps) {
  return {
    /** Projects the workflow's stage onto the case row (never backwards) and appends the audit entry once. */
    async recordTransition({ caseId, entry, open, closedReason }: TransitionRecord): Promise<void> {
      await (orm.em.fork() as EntityManager).transactional(async (tx) => {
        await tx.nativeUpdate(Dossier, { id: caseId, stageSeq: { $lt: entry.seq } },
          { stage: entry.stage, stageSeq: entry.seq, open, closedReason: closedReason ?? null, updatedAt: new Date() });
        await writeAudit(tx, { operation: 'transition', dossierId: caseId, entry });
      });
    },
  };
}

/**
 * Who works a case: assign (to me, or transfer to a colleague with a reason) and follow. These are the console's
 * own facts, beside the process: columns of the case row and `dossier_suivi`, each change audited through the
 * one audit writer (activities/case/audit.ts). The process state stays the workflow's.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAudit } from '../../../activities/case/audit';
import { actorOf, type Principal } from '../../auth';

export async function assign(em: EntityManager, principal: Principal, caseId: string, to: string, motif?: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.getConnection().execute('update dossier set assigned_to = ?, updated_at = now() where id = ?', [to, caseId], 'run', tx.getTransactionContext());
    const transfer = to !== actorOf(principal);
    await writeAudit(tx, { operation: transfer ? 'dossier_transfere' : 'dossier_attribue', actor: actorOf(principal), dossierId: caseId,
      detail: transfer ? { a: to, motif: motif ?? '' } : {} });
  });
}

export async function follow(em: EntityManager, principal: Principal, caseId: string): Promise<void> {
  await em.execute('insert into dossier_suivi (dossier_id, actor) values (?, ?) on conflict do nothing', [caseId, actorOf(principal)]);
  await writeAudit(em, { operation: 'dossier_suivi', actor: actorOf(principal), dossierId: caseId });
}

export async function unfollow(em: EntityManager, principal: Principal, caseId: string): Promise<void> {
  await em.execute('delete from dossier_suivi where dossier_id = ? and actor = ?', [caseId, actorOf(principal)]);
}

export async function assignmentOf(em: EntityManager, principal: Principal, caseId: string): Promise<{ assignedTo: string | null; followed: boolean }> {
  const [row] = await em.execute<{ assigned_to: string | null; followed: boolean }[]>(
    'select assigned_to, exists (select 1 from dossier_suivi f where f.dossier_id = d.id and f.actor = ?) as followed from dossier d where id = ?',
    [actorOf(principal), caseId]);
  return { assignedTo: row?.assigned_to ?? null, followed: Boolean(row?.followed) };
}

/**
 * A case's state for its page: the read model (table `case_snapshot`, written by the workflow's own activities:
 * activities/case/snapshot.ts) when it is as recent as the case's journal, else a query of the workflow (a case
 * with no snapshot yet, or whose last snapshot write failed, or a process not on the read model yet). A query of a case the worker no longer holds
 * replays its history and evicts another case: the read model keeps case pages off the workers (issue 9 §3).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { CaseHeader } from '../../domain/case/journal';
import { workflowIdOf } from '../../domain/case/process';
import { caseStateReads } from '../../platform/metrics/http';
import type { LoadedCase } from './access';

export async function caseState<State extends CaseHeader>(em: EntityManager, client: Client, { dossier, process }: LoadedCase): Promise<State> {
  const [row] = process.readModel
    ? await em.execute<{ seq: number; state: State }[]>('select seq, state from case_snapshot where dossier_id = ?', [dossier.id]) : [];
  if (row && row.seq >= dossier.stageSeq) {
    caseStateReads.inc({ source: 'read_model' });
    return row.state;
  }
  caseStateReads.inc({ source: 'workflow' });
  return client.workflow.getHandle(workflowIdOf(process.definition, dossier.id)).query(process.stateQuery) as Promise<State>;
}

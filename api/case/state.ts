/**
 * A case's state for its page: the read model (table `case_snapshot`, written by the workflow's own activities:
 * activities/case/snapshot.ts) when it is as recent as the case's journal, else a query of the workflow (a case
 * with no snapshot yet, or whose last snapshot write failed, or a run started before its process projected every
 * change: docs/VERSIONING.md). A query of a case the worker no longer holds replays its history and evicts another
 * case: the read model keeps case pages off the workers (issue 9 §3).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { CaseHeader } from '../../domain/case/journal';
import { workflowIdOf } from '../../domain/case/process';
import { caseStateReads } from '../../platform/metrics/http';
import type { LoadedCase } from './access';

export async function caseState<State extends CaseHeader>(em: EntityManager, client: Client, loaded: LoadedCase): Promise<State> {
  const snapshot = await readSnapshot<State>(em, loaded);
  caseStateReads.inc({ source: snapshot ? 'read_model' : 'workflow' });
  const { dossier, process } = loaded;
  return snapshot ?? client.workflow.getHandle(workflowIdOf(process.definition, dossier.id)).query(process.stateQuery) as Promise<State>;
}

/**
 * The case's state from the read model, or null when the snapshot is behind the journal or comes from a run that
 * does not project every change of its state (`complete`: activities/case/snapshot.ts). Every process's changes are
 * checked against its workflow by `expectReadModelInStep` in its time-skipping tests.
 */
export async function readSnapshot<State extends CaseHeader>(em: EntityManager, { dossier }: LoadedCase): Promise<State | null> {
  const [row] = await em.execute<{ seq: number; state: State; complete: boolean }[]>(
    'select seq, state, complete from case_snapshot where dossier_id = ?', [dossier.id]);
  if (!row || row.seq < dossier.stageSeq) return null;
  return row.complete ? row.state : null;
}

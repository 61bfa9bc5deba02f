/**
 * The case page's read model (table `case_snapshot`, db/migrations/Migration20261210000000.ts): the workflow's
 * state as of its last change. No activity of its own: the kernel's activities (journal, deadline, mail) carry
 * the state when it changed since the last one sent (workflows/case/kernel.ts `snapshot`), and write it here in
 * their own transaction. The API reads it instead of querying the workflow (api/case/state.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface CaseSnapshot {
  caseId: string;
  /** The journal's length in this state: the API finds a snapshot stale when the case row's stage_seq is higher. */
  seq: number;
  /** The workflow's time of the change: a late or retried write of an older state never overwrites a newer one. */
  at: string;
  state: unknown;
}

export async function writeSnapshot(em: EntityManager, { caseId, seq, at, state }: CaseSnapshot): Promise<void> {
  await em.execute(
    `insert into case_snapshot (dossier_id, seq, at, state) values (?, ?, ?, ?::jsonb)
     on conflict (dossier_id) do update set seq = excluded.seq, at = excluded.at, state = excluded.state
     where case_snapshot.at <= excluded.at`,
    [caseId, seq, new Date(at), JSON.stringify(state)]);
}

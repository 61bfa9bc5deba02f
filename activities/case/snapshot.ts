/**
 * The case page's read model (table `case_snapshot`, db/migrations/Migration20261210000000.ts): the workflow's
 * state as of its last change. The kernel's activities (journal, deadline, mail, a process's write) carry the
 * state when it changed since the last one sent (workflows/case/kernel.ts `snapshot`) and write it here in their
 * own transaction; a change none of them follows (a process's own wait) has `projectCase`. The API reads it
 * instead of querying the workflow (api/case/state.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { nextDeadline, type CaseHeader } from '../../domain/case/journal';

export interface CaseSnapshot {
  caseId: string;
  /** The journal's length in this state: the API finds a snapshot stale when the case row's stage_seq is higher. */
  seq: number;
  /** The workflow's time of the change: a late or retried write of an older state never overwrites a newer one. */
  at: string;
  state: unknown;
  /**
   * The run projects every change of its state (workflows/case/kernel.ts `ownChanges`): the API trusts only such
   * snapshots (api/case/state.ts); a bursary, an aid or an order started before `case-read-model-2026` keeps its
   * page on the workflow query.
   */
  complete?: boolean;
}

/**
 * Writes the state unless a newer one is there, and with it the case row's next deadline taken from that state
 * (the work queue sorts by it): the earliest of its waits, by its kind only ("embauche:<trainee's case>" →
 * "embauche"; the page says which). One statement; the row is left alone when its deadline is already that one.
 */
export async function writeSnapshot(em: EntityManager, { caseId, seq, at, state, complete }: CaseSnapshot): Promise<void> {
  const next = nextDeadline((state as CaseHeader).deadlines ?? []);
  const [dueAt, kind] = next ? [new Date(next.dueAt), next.kind.split(':')[0]] : [null, null];
  await em.execute(
    `with written as (
       insert into case_snapshot (dossier_id, seq, at, state, complete) values (?, ?, ?, ?::jsonb, ?)
       on conflict (dossier_id) do update set seq = excluded.seq, at = excluded.at, state = excluded.state, complete = excluded.complete
       where case_snapshot.at <= excluded.at returning dossier_id)
     update dossier d set echeance_at = ?::timestamptz, echeance_kind = ?::varchar from written w
     where d.id = w.dossier_id and (d.echeance_at is distinct from ?::timestamptz or d.echeance_kind is distinct from ?::varchar)`,
    [caseId, seq, new Date(at), JSON.stringify(state), complete === true, dueAt, kind, dueAt, kind]);
}

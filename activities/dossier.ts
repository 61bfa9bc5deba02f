/**
 * Activities writing the case's records in PostgreSQL. Each one is idempotent: a retry after a crash
 * finds its own earlier write (primary or unique key) and changes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HistoryEntry, SessionRef } from '../workflows/parcours/messages';
import type { Decision, PositionnementResults } from '../domain/parcours/positionnement';
import type { ActivityDeps } from './deps';
import { businessFailure } from './errors';

export interface TransitionRecord {
  caseId: string;
  entry: HistoryEntry;
  open: boolean;
  closedReason?: string;
}

export function dossierActivities({ orm }: ActivityDeps) {
  const em = (): EntityManager => orm.em.fork() as EntityManager;

  return {
    /** Projects the workflow's stage onto the case row (never backwards) and appends the audit entry once. */
    async recordTransition({ caseId, entry, open, closedReason }: TransitionRecord): Promise<void> {
      await em().transactional(async (tx) => {
        // tx.execute, not tx.getConnection().execute: only the former runs inside the transaction.
        const conn = tx;
        await conn.execute(
          `update dossier set stage = ?, stage_seq = ?, open = ?, closed_reason = ?, updated_at = now()
           where id = ? and stage_seq < ?`,
          [entry.stage, entry.seq, open, closedReason ?? null, caseId, entry.seq],
        );
        await conn.execute(
          `insert into audit_entry (dossier_id, seq, actor, action, detail, at) values (?, ?, ?, ?, ?, ?)
           on conflict (dossier_id, seq) do nothing`,
          [caseId, entry.seq, entry.actor, entry.action, JSON.stringify(entry.detail ?? {}), entry.at],
        );
      });
    },

    async savePositionnementPlan({ caseId, scheduledAt }: { caseId: string; scheduledAt: string }): Promise<void> {
      await em().getConnection().execute(
        `insert into positionnement (dossier_id, scheduled_at) values (?, ?)
         on conflict (dossier_id) do update set scheduled_at = excluded.scheduled_at`,
        [caseId, scheduledAt],
      );
    },

    async savePositionnementResults(args: { caseId: string; results: PositionnementResults }): Promise<void> {
      await em().getConnection().execute(
        `insert into positionnement (dossier_id, results) values (?, ?)
         on conflict (dossier_id) do update set results = excluded.results`,
        [args.caseId, JSON.stringify(args.results)],
      );
    },

    async saveDecision(args: { caseId: string; decision: Decision; actor: string; at: string }): Promise<void> {
      const { outcome, ...detail } = args.decision;
      await em().getConnection().execute(
        `insert into positionnement (dossier_id, outcome, outcome_detail, decided_by, decided_at) values (?, ?, ?, ?, ?)
         on conflict (dossier_id) do update set outcome = excluded.outcome, outcome_detail = excluded.outcome_detail,
           decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
        [args.caseId, outcome, JSON.stringify(detail), args.actor, args.at],
      );
    },

    /**
     * Holds a seat of the session for the case (moving it if the case held one elsewhere) and points the case
     * at that session. The session row is locked so two admissions cannot take the last seat together.
     */
    async reserveSeat({ caseId, sessionId }: { caseId: string; sessionId: string }): Promise<SessionRef> {
      return em().transactional(async (tx) => {
        const conn = tx;
        const [session] = await conn.execute(
          `select id, organisme_id, dispositif, bassin, seats, to_char(start_date, 'YYYY-MM-DD') as start_date,
                  to_char(end_date, 'YYYY-MM-DD') as end_date
           from formation_session where id = ? for update`,
          [sessionId],
        );
        if (!session) throw businessFailure('NotFound', `session ${sessionId} introuvable`);
        const [held] = await conn.execute(`select session_id from seat_reservation where dossier_id = ?`, [caseId]);
        if (held?.session_id !== sessionId) {
          const [{ taken }] = await conn.execute(
            `select count(*)::int as taken from seat_reservation where session_id = ?`,
            [sessionId],
          );
          if (taken >= session.seats) throw businessFailure('SessionFull', 'plus aucune place libre dans cette session');
          await conn.execute(`delete from seat_reservation where dossier_id = ?`, [caseId]);
          await conn.execute(
            `insert into seat_reservation (dossier_id, session_id, reserved_at) values (?, ?, now())`,
            [caseId, sessionId],
          );
        }
        await conn.execute(`update dossier set session_id = ? where id = ?`, [sessionId, caseId]);
        return {
          sessionId,
          organismeId: session.organisme_id,
          dispositif: session.dispositif,
          bassin: session.bassin,
          startDate: session.start_date,
          endDate: session.end_date,
        };
      });
    },

    async releaseSeat({ caseId }: { caseId: string }): Promise<void> {
      await em().getConnection().execute(`delete from seat_reservation where dossier_id = ?`, [caseId]);
    },

    /** The signed contract, and the entry date projected onto the case (the indicators count entries by it). */
    async recordContrat(args: { caseId: string; entryDate: string; confirmedBy: string; signedAt: string }): Promise<void> {
      await em().transactional(async (tx) => {
        await tx.execute(
          `insert into contrat_engagement (dossier_id, text_version, signed_at, entry_date, confirmed_by)
           values (?, ?, ?, ?, ?) on conflict (dossier_id) do nothing`,
          [args.caseId, CONTRAT_TEXT_VERSION, args.signedAt, args.entryDate, args.confirmedBy],
        );
        await tx.execute(`update dossier set entry_date = ? where id = ?`, [args.entryDate, args.caseId]);
      });
    },
  };
}

/** Version of the contrat d'engagements réciproques text in force (docs/GLOSSARY.md). */
export const CONTRAT_TEXT_VERSION = '2026-01';

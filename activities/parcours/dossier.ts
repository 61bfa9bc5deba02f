/**
 * Activities writing a trainee journey's records in PostgreSQL. Each one is idempotent: a retry after a
 * crash finds its own earlier write (primary or unique key) and changes nothing.
 */
import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { ContratEngagement, Dossier, FormationSession, ParcoursDossier, Positionnement, SeatReservation } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import type { Decision, PositionnementResults } from '../../domain/parcours/positionnement';
import type { SessionRef } from '../../workflows/parcours/messages';
import { isSaneInstant } from '../../domain/dates';
import type { ActivityDeps } from '../deps';

export function parcoursDossierActivities({ orm }: ActivityDeps) {
  const em = (): EntityManager => orm.em.fork() as EntityManager;

  return {
    async savePositionnementPlan({ caseId, scheduledAt }: { caseId: string; scheduledAt: string }): Promise<void> {
      if (!isSaneInstant(scheduledAt)) throw businessFailure('InvalidArgument', 'scheduledAt : date et heure impossibles');
      await em().upsert(Positionnement, { dossier: caseId, scheduledAt: new Date(scheduledAt) });
    },

    async savePositionnementResults(args: { caseId: string; results: PositionnementResults }): Promise<void> {
      await em().upsert(Positionnement, { dossier: args.caseId, results: args.results as unknown as Record<string, unknown> });
    },

    async saveDecision(args: { caseId: string; decision: Decision; actor: string; at: string }): Promise<void> {
      const { outcome, ...detail } = args.decision;
      await em().upsert(Positionnement, { dossier: args.caseId, outcome, outcomeDetail: detail, decidedBy: args.actor, decidedAt: new Date(args.at) });
    },

    /**
     * Holds a seat of the session for the case (moving it if the case held one elsewhere) and points the case
     * at that session. The session row is locked so two admissions cannot take the last seat together.
     */
    async reserveSeat({ caseId, sessionId }: { caseId: string; sessionId: string }): Promise<SessionRef> {
      try {
        return await em().transactional((tx) => holdSeat(tx, caseId, sessionId));
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) {
          throw businessFailure('ActionNotAllowed', 'cette personne a déjà un dossier ouvert pour cette session');
        }
        throw err;
      }
    },

    async releaseSeat({ caseId }: { caseId: string }): Promise<void> {
      await em().nativeDelete(SeatReservation, { dossier: caseId });
    },

    /** The signed contract, and the entry date projected onto the case (the indicators count entries by it). */
    async recordContrat(args: { caseId: string; entryDate: string; confirmedBy: string; signedAt: string }): Promise<void> {
      await em().transactional(async (tx) => {
        await tx.createQueryBuilder(ContratEngagement).insert({
          dossier: args.caseId, textVersion: CONTRAT_TEXT_VERSION, signedAt: new Date(args.signedAt), entryDate: args.entryDate, confirmedBy: args.confirmedBy,
        }).onConflict('dossier').ignore().execute();
        await tx.nativeUpdate(ParcoursDossier, { dossier: args.caseId }, { entryDate: args.entryDate });
      });
    },
  };
}

async function holdSeat(tx: EntityManager, caseId: string, sessionId: string): Promise<SessionRef> {
  const session = await tx.findOne(FormationSession, sessionId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!session) throw businessFailure('NotFound', `session ${sessionId} introuvable`);
  const held = await tx.findOne(SeatReservation, { dossier: caseId });
  if (held?.session.id !== sessionId) {
    const taken = await tx.count(SeatReservation, { session: sessionId });
    if (taken >= session.seats) throw businessFailure('SessionFull', 'plus aucune place libre dans cette session');
    await tx.nativeDelete(SeatReservation, { dossier: caseId });
    await tx.insert(SeatReservation, { dossier: caseId, session: sessionId, reservedAt: new Date() });
  }
  await tx.nativeUpdate(ParcoursDossier, { dossier: caseId }, { session: sessionId });
  await tx.nativeUpdate(Dossier, { id: caseId }, { dedupKey: sessionId });
  return {
    sessionId,
    organismeId: session.organisme.id,
    dispositif: session.dispositif,
    bassin: session.bassin,
    startDate: session.startDate,
    endDate: session.endDate,
  };
}

/** Version of the contrat d'engagements réciproques text in force (docs/GLOSSARY.md). */
export const CONTRAT_TEXT_VERSION = '2026-01';

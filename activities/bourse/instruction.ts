/**
 * Instruction activities: the échelon computed from the application in PostgreSQL and the year's dated
 * tables (the workflow only learns the échelon and the amounts), the decision and the state projected onto
 * the case row (lists, indicators, partner events read them), the double-funding check, the CROUS to tell.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BourseDemande, BourseDossier, Organisation } from '../../db/entities';
import {
  BourseRuleError, computePointsDeCharge, cumulConflicts, determineEchelon, type CumulBourse,
} from '../../domain/bourse';
import { businessFailure } from '../../domain/case/failures';
import type { CalculResume } from '../../workflows/bourse/messages';
import type { HandoffTarget } from '../case/handoff';
import type { ActivityDeps } from '../deps';
import { loadBareme } from './tables';

/** Months for which the person (whatever the case) received the Région's trainee pay. */
export async function moisRemunerationStagiaire(em: EntityManager, caseId: string, mois: readonly string[]): Promise<string[]> {
  if (mois.length === 0) return [];
  const rows = await em.execute(
    `select distinct p.period from payment p join dossier d on d.id = p.dossier_id
     where d.person_id = (select person_id from dossier where id = ?) and p.kind = 'MENSUEL' and p.amount_cents > 0
       and p.period in (${mois.map(() => '?').join(', ')})`, [caseId, ...mois]);
  return rows.map((r) => r.period as string);
}

export const verifierCumul = async (em: EntityManager, caseId: string, mois: readonly string[]): Promise<CumulBourse> =>
  cumulConflicts(await moisRemunerationStagiaire(em, caseId, mois), mois);

async function calculer(em: EntityManager, caseId: string): Promise<{ calcul: CalculResume } | { erreur: string }> {
  const dossier = await em.findOne(BourseDossier, { dossier: caseId });
  const demande = await em.findOne(BourseDemande, { dossier: caseId });
  if (!dossier || !demande) throw businessFailure('NotFound', `dossier de bourse ${caseId} introuvable`);
  const bareme = await loadBareme(em, dossier.annee);
  try {
    const points = computePointsDeCharge(demande);
    const c = determineEchelon({ annee: dossier.annee, points: points.points, revenuBrutGlobalEuros: demande.revenuBrutGlobalEuros }, bareme);
    Object.assign(dossier, { echelon: c.echelon, points: c.points, plafondEuros: c.plafondEuros, annuelCents: c.annuelCents,
      mensualiteCents: c.mensualiteCents, calcul: { ...c, pointsLignesFr: points.lignesFr },
      calculErreur: null });
    demande.pointsDetails = points.details as unknown as Record<string, unknown>[];
    await em.flush();
    return { calcul: { echelon: c.echelon, annuelCents: c.annuelCents, mensualiteCents: c.mensualiteCents, verified: c.verified } };
  } catch (err) {
    if (!(err instanceof BourseRuleError)) throw err;
    Object.assign(dossier, { echelon: null, points: null, plafondEuros: null, annuelCents: null, mensualiteCents: null, calcul: null, calculErreur: err.message });
    await em.flush();
    return { erreur: err.message };
  }
}

export function bourseInstructionActivities({ orm }: ActivityDeps) {
  const em = (): EntityManager => orm.em.fork() as EntityManager;
  return {
    /** The échelon of the application as it stands; `erreur` when the rules cannot decide (no barème for the year, bad figures). */
    calculerEchelonBourse: ({ caseId }: { caseId: string }) => calculer(em(), caseId),

    verifierCumulBourse: ({ caseId, mois }: { caseId: string; mois: string[] }): Promise<CumulBourse> => verifierCumul(em(), caseId, mois),

    async enregistrerDecisionBourse(a: { caseId: string; outcome: 'attribuee' | 'refusee'; motif: string | null; actor: string; at: string }): Promise<void> {
      await em().nativeUpdate(BourseDossier, { dossier: a.caseId }, {
        decision: a.outcome, motifRefus: a.motif, decidedBy: a.actor, decidedAt: new Date(a.at), etatVersements: a.outcome === 'attribuee' ? 'en_cours' : null,
      });
    },

    async projeterEtatBourse(a: { caseId: string; etat: string; evenementDate: string | null }): Promise<void> {
      await em().nativeUpdate(BourseDossier, { dossier: a.caseId }, { etatVersements: a.etat, ...(a.evenementDate ? { evenementDate: a.evenementDate } : {}) });
    },

    /** The CROUS that sent the application, or the only CROUS known; null: nobody to tell. */
    async crousDeLaBourse({ caseId }: { caseId: string }): Promise<HandoffTarget | null> {
      const manager = em();
      const dossier = await manager.findOne(BourseDossier, { dossier: caseId });
      if (dossier?.crous) return { organisationId: dossier.crous.id };
      const all = await manager.find(Organisation, { kind: 'crous' }, { limit: 2 });
      return all.length === 1 ? { organisationId: all[0].id } : null;
    },
  };
}

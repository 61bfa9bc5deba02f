/**
 * Activities over an order's own records: the parameters it runs under, its eligibility, the qualification,
 * the commitment with the session its trainees follow, the partners asked to recruit, the information
 * meeting. Each write is idempotent (keys fixed by the workflow, `on conflict do nothing`, plain updates).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { FormationSession, Organisation, SurMesureCommande, SurMesureManquement, SurMesurePoste } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import {
  anniversary,
  checkEligibility, isCertificationLevel, parametersInForce, type EligibilityResult, type ManquementAnterieur, type ParameterKey,
  type SurMesureParameters,
} from '../../domain/sur-mesure';
import type { Conception } from '../../workflows/sur-mesure/messages';
import type { SessionRef } from '../../workflows/parcours/messages';
import type { ActivityDeps } from '../deps';
import { loadParameterRows, pure } from './parametres';

/** Kinds of the Réseau pour l'Emploi that recruit for orders. */
export const RECRUITING_PARTNER_KINDS = ['france_travail', 'mission_locale', 'cap_emploi'] as const;

export interface EvaluerEligibiliteInput {
  caseId: string;
  conception: Conception;
  certificationLevel: number | null;
  derogation: string | null;
}

export interface EngagementInput {
  caseId: string;
  sessionId: string;
  reference: string;
  amountCents: number;
  at: string;
  conception: Conception;
}

async function loadCommande(em: EntityManager, caseId: string): Promise<SurMesureCommande> {
  const commande = await em.findOne(SurMesureCommande, { dossier: caseId }, { populate: ['entreprise', 'organisme'] });
  if (!commande) throw businessFailure('NotFound', `commande ${caseId} introuvable`);
  return commande;
}

/** The company's breaches recorded on its other orders (the policy decides what they do to this one). */
export async function manquementsOf(em: EntityManager, entrepriseId: string, exceptCommande?: string): Promise<ManquementAnterieur[]> {
  const rows = await em.find(SurMesureManquement, { entreprise: entrepriseId, ...(exceptCommande ? { commande: { $ne: exceptCommande } } : {}) },
    { orderBy: { date: 'asc', id: 'asc' } });
  return rows.map((m) => ({ date: m.date, reference: m.commande.id, outcome: m.outcome as ManquementAnterieur['outcome'] }));
}

/** The breaches shown on a new need: none under policy `none`, else those within the lookback window. */
export async function manquementsAffiches(em: EntityManager, entrepriseId: string, date: string): Promise<ManquementAnterieur[]> {
  const { values } = await pure(async () => parametersInForce(await loadParameterRows(em), date));
  if (values.breach_policy === 'none') return [];
  return (await manquementsOf(em, entrepriseId)).filter((m) => anniversary(m.date, values.breach_lookback_months) > date);
}

const hoursPerWeek = (c: Conception): number => {
  const weeks = Math.max(1, Math.round((Date.parse(c.dateFin) - Date.parse(c.dateDebut)) / (7 * 86_400_000)));
  return Math.max(1, Math.round((c.heuresCentre + c.heuresEntreprise) / weeks));
};

export function commandeActivities({ orm }: ActivityDeps) {
  const em = (): EntityManager => orm.em.fork() as EntityManager;

  return {
    /**
     * The parameters in force on the order's date. The API commits the order's rows right after starting
     * the workflow: until they are visible, this fails (retryably) and the workflow tries again.
     */
    async chargerCommande({ caseId, orderDate }: { caseId: string; orderDate: string }): Promise<{ parametres: SurMesureParameters; nonVerifies: ParameterKey[] }> {
      const manager = em();
      if (!(await manager.count(SurMesureCommande, { dossier: caseId }))) {
        throw ApplicationFailure.retryable(`commande ${caseId} pas encore enregistrée`, 'CommandeNonEnregistree');
      }
      const rows = await loadParameterRows(manager);
      const { values, unverified } = await pure(() => parametersInForce(rows, orderDate));
      return { parametres: values, nonVerifies: unverified };
    },

    async evaluerEligibilite(input: EvaluerEligibiliteInput): Promise<EligibilityResult> {
      const manager = em();
      const commande = await loadCommande(manager, input.caseId);
      const postes = await manager.find(SurMesurePoste, { commande: input.caseId }, { orderBy: { rang: 'asc' } });
      const rows = await loadParameterRows(manager);
      const manquements = await manquementsOf(manager, commande.entreprise.id, input.caseId);
      const { conception: c } = input;
      return pure(() => checkEligibility({
        orderDate: commande.orderDate, hoursInCentre: c.heuresCentre, hoursInCompany: c.heuresEntreprise,
        trainingStart: c.dateDebut, trainingEnd: c.dateFin,
        certificationLevel: isCertificationLevel(input.certificationLevel) ? input.certificationLevel : null,
        derogation: input.derogation ? { reference: input.derogation } : null,
        // The workflow knows whether the AFEST tutor is named, not who: the rule only asks that.
        afest: c.afest ? { ...c.afest, tuteur: c.afest.tuteurDesigne ? 'désigné' : null } : null,
        postes: postes.map((p) => ({ romeCode: p.romeCode, count: p.nombre, contrat: {
          kind: p.contratType as never, durationMonths: p.dureeMois, weeklyHours: p.heuresHebdo, plannedHiringDate: p.dateEmbauchePrevue, tuteur: p.tuteur,
        } })),
        manquements,
      }, rows));
    },

    async enregistrerQualification(args: { caseId: string; organismeId: string; ecartCompetences: string; certificationCode: string | null;
      certificationLevel: number | null }): Promise<void> {
      const manager = em();
      const organisme = await manager.findOne(Organisation, { id: args.organismeId, kind: 'organisme_formation' });
      if (!organisme) throw businessFailure('NotFound', 'organismeId : organisme de formation inconnu');
      await manager.nativeUpdate(SurMesureCommande, { dossier: args.caseId }, {
        organisme: args.organismeId, ecartCompetences: args.ecartCompetences, certificationCode: args.certificationCode,
        certificationLevel: args.certificationLevel,
      });
    },

    /** The commitment, and the session the trainees follow (its id fixed by the workflow: created once). */
    async enregistrerEngagement(input: EngagementInput): Promise<SessionRef> {
      return em().transactional(async (tx) => {
        const commande = await loadCommande(tx, input.caseId);
        if (!commande.organisme) throw businessFailure('ActionNotAllowed', 'la commande n’a pas d’organisme de formation');
        const c = input.conception;
        const postes = await tx.find(SurMesurePoste, { commande: input.caseId }, { orderBy: { rang: 'asc' } });
        await tx.createQueryBuilder(FormationSession).insert({
          id: input.sessionId, title: `Sur-mesure ${commande.entreprise.name} : ${postes.map((p) => p.intitule).join(', ')}`.slice(0, 300),
          organisme: commande.organisme.id, dispositif: 'sur_mesure', bassin: commande.bassin, startDate: c.dateDebut, endDate: c.dateFin,
          totalHours: c.heuresCentre + c.heuresEntreprise, hoursPerWeek: hoursPerWeek(c), seats: commande.postesTotal,
        }).onConflict('id').ignore().execute();
        await tx.nativeUpdate(SurMesureCommande, { dossier: input.caseId }, {
          engagementReference: input.reference, engagementCents: input.amountCents, engagementAt: new Date(input.at), session: input.sessionId,
        });
        return { sessionId: input.sessionId, organismeId: commande.organisme.id, dispositif: 'sur_mesure', bassin: commande.bassin,
          startDate: c.dateDebut, endDate: c.dateFin };
      });
    },

    /** The partners asked to recruit: they see the order and may refer candidates to it. */
    async enregistrerPartenaires({ caseId, partenaires }: { caseId: string; partenaires: string[] }): Promise<void> {
      const manager = em();
      const found = await manager.find(Organisation, { id: { $in: partenaires }, kind: { $in: [...RECRUITING_PARTNER_KINDS] } });
      if (found.length !== new Set(partenaires).size) {
        throw businessFailure('NotFound', 'partenaires : France Travail, Mission Locale ou Cap emploi attendus');
      }
      await manager.getConnection().execute(
        `insert into sur_mesure_partenaire (dossier_id, organisation_id) select ?, unnest(?::uuid[]) on conflict do nothing`,
        [caseId, `{${partenaires.join(',')}}`]);
    },

    async enregistrerDerogation({ caseId, reference }: { caseId: string; reference: string }): Promise<void> {
      await em().nativeUpdate(SurMesureCommande, { dossier: caseId }, { derogationReference: reference });
    },

    async enregistrerReunion({ caseId, at, lieu }: { caseId: string; at: string; lieu: string }): Promise<void> {
      await em().nativeUpdate(SurMesureCommande, { dossier: caseId }, { reunionAt: new Date(at), reunionLieu: lieu });
    },
  };
}

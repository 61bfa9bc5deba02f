/**
 * Activities over an order's candidates and trainees: the provider's positionnement and the company's
 * choice, the trainee journey opened for a retained candidate (its rows written here with the case id the
 * workflow fixed, the workflow itself started by the order as a child), and the hiring checks with the
 * breaches they record. Every write is idempotent.
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { SurMesureCandidat, SurMesureCommande, SurMesureStagiaire } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import type { Positionnement } from '../../domain/sur-mesure/stagiaires';
import type { PrescripteurRef, SessionRef } from '../../workflows/parcours/messages';
import type { ActivityDeps } from '../deps';

export interface OuvrirParcoursInput {
  commandeId: string;
  candidatId: string;
  parcoursCaseId: string;
  poste: number;
  actor: string;
  at: string;
}

export interface EmbaucheRecord {
  commandeId: string;
  stagiaireId: string;
  outcome: string;
  contrat: Record<string, unknown> | null;
  raisons: string[];
  at: string;
  /** The breach to record (its outcome), if any. */
  manquement: string | null;
}

export interface Suivi6MoisRecord {
  commandeId: string;
  stagiaireId: string;
  dueDate: string;
  statut: string;
  raison: string;
  at: string;
  manquement: boolean;
}

async function candidatOf(em: EntityManager, candidatId: string): Promise<SurMesureCandidat> {
  const candidat = await em.findOne(SurMesureCandidat, { id: candidatId }, { populate: ['partenaire'] });
  if (!candidat) throw businessFailure('NotFound', `candidat ${candidatId} introuvable`);
  return candidat;
}

/** The rows of a trainee journey opened by an order, as `openCase` writes them for a referral, plus the link. */
async function writeParcoursRows(tx: EntityManager, input: OuvrirParcoursInput): Promise<{ session: SessionRef; prescripteur: PrescripteurRef }> {
  const candidat = await candidatOf(tx, input.candidatId);
  const commande = await tx.findOneOrFail(SurMesureCommande, { dossier: input.commandeId }, { populate: ['session', 'dossier'] });
  const session = commande.session;
  if (!session) throw businessFailure('ActionNotAllowed', 'la session de la commande n’est pas encore ouverte');
  await tx.execute(`insert into dossier (id, person_id, process_kind, stage, stage_seq, open, referent_email, created_by, dedup_key, created_at, updated_at)
    values (?, ?, 'parcours', 'reperage', 0, true, ?, ?, ?, now(), now()) on conflict (id) do nothing`,
  [input.parcoursCaseId, candidat.person.id, commande.dossier.referentEmail, input.actor, session.id]);
  await tx.execute(`insert into parcours_dossier (dossier_id, session_id, prescripteur_id, prescripteur_reference) values (?, ?, ?, ?)
    on conflict (dossier_id) do nothing`, [input.parcoursCaseId, session.id, candidat.partenaire.id, candidat.reference]);
  await tx.execute(`insert into positionnement (dossier_id, results, outcome, outcome_detail, decided_by, decided_at) values (?, ?, 'admis', ?, ?, ?)
    on conflict (dossier_id) do nothing`, [input.parcoursCaseId, JSON.stringify({ avis: candidat.avis, psychotechnique: candidat.psychotechnique }),
    JSON.stringify({ commande: input.commandeId }), input.actor, input.at]);
  await tx.execute(`insert into sur_mesure_stagiaire (parcours_dossier_id, commande_id, candidat_id, poste) values (?, ?, ?, ?) on conflict do nothing`,
    [input.parcoursCaseId, input.commandeId, input.candidatId, input.poste]);
  await tx.nativeUpdate(SurMesureCandidat, { id: input.candidatId }, { parcoursDossier: input.parcoursCaseId, choix: 'retenu', poste: input.poste });
  return {
    session: { sessionId: session.id, organismeId: session.organisme.id, dispositif: session.dispositif, bassin: session.bassin,
      startDate: session.startDate, endDate: session.endDate },
    prescripteur: { id: candidat.partenaire.id, kind: candidat.partenaire.kind },
  };
}

export function stagiaireActivities({ orm }: ActivityDeps) {
  const em = (): EntityManager => orm.em.fork() as EntityManager;

  return {
    async enregistrerPositionnementCandidat({ candidatId, positionnement }: { candidatId: string; positionnement: Positionnement }): Promise<void> {
      await em().nativeUpdate(SurMesureCandidat, { id: candidatId }, { avis: positionnement.avis, psychotechnique: positionnement.psychotechnique });
    },

    async enregistrerChoixCandidat({ candidatId, choix, poste }: { candidatId: string; choix: string; poste: number | null }): Promise<void> {
      await em().nativeUpdate(SurMesureCandidat, { id: candidatId }, { choix, poste });
    },

    /** Person, case, parcours satellite, positionnement (admis) and the order's link: one transaction, once. */
    async ouvrirParcoursLie(input: OuvrirParcoursInput): Promise<{ session: SessionRef; prescripteur: PrescripteurRef }> {
      try {
        return await em().transactional((tx) => writeParcoursRows(tx, input));
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) {
          throw businessFailure('ActionNotAllowed', 'ce candidat a déjà un parcours ouvert sur cette session ou avec cette référence de prescription');
        }
        throw err;
      }
    },

    async enregistrerEmbauche(r: EmbaucheRecord): Promise<void> {
      await em().transactional(async (tx) => {
        await tx.nativeUpdate(SurMesureStagiaire, { parcoursDossier: r.stagiaireId }, {
          embaucheOutcome: r.outcome, embaucheContrat: r.contrat, embaucheRaisons: r.raisons, embaucheAt: new Date(r.at),
        });
        if (r.manquement) await recordBreach(tx, r.commandeId, r.stagiaireId, r.at, r.manquement);
      });
    },

    async enregistrerSuivi6Mois(r: Suivi6MoisRecord): Promise<void> {
      await em().transactional(async (tx) => {
        await tx.nativeUpdate(SurMesureStagiaire, { parcoursDossier: r.stagiaireId }, {
          suivi6mDue: r.dueDate, suivi6mStatut: r.statut, suivi6mRaison: r.raison.slice(0, 300), suivi6mAt: new Date(r.at),
        });
        if (r.manquement) await recordBreach(tx, r.commandeId, r.stagiaireId, r.at, 'rupture_avant_6_mois');
      });
    },
  };
}

async function recordBreach(tx: EntityManager, commandeId: string, stagiaireId: string, at: string, outcome: string): Promise<void> {
  await tx.execute(`insert into sur_mesure_manquement (entreprise_id, commande_id, stagiaire_id, date, outcome)
    select entreprise_id, dossier_id, ?, ?, ? from sur_mesure_commande where dossier_id = ? on conflict do nothing`,
  [stagiaireId, at.slice(0, 10), outcome, commandeId]);
}


/**
 * The sur-mesure order workflow's contract: input, state, updates (people's actions, answered synchronously),
 * queries. No Node imports: shared by the workflow, the worker, the API and the tests. No personal data:
 * names of contacts, tutors and candidates stay in PostgreSQL; the workflow knows ids, codes and dates.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, Closure, Deadline, HistoryEntry as CaseHistoryEntry } from '../../domain/case/journal';
import type { SurMesureStage } from '../../domain/sur-mesure/process';
import type { ContractKind } from '../../domain/sur-mesure/contrat';
import type { DeclarationEmbauche, HiringOutcome, RuptureInitiative, StillEmployed } from '../../domain/sur-mesure/embauche';
import type { EligibilityResult } from '../../domain/sur-mesure/eligibilite';
import type { ParameterKey, SurMesureParameters } from '../../domain/sur-mesure/parametres';
import type { Positionnement, StagiaireCommande } from '../../domain/sur-mesure/stagiaires';
import type { VisaRole, VisaState } from '../../domain/sur-mesure/visa';
import type { HandoffSettings } from '../case/handoff';
import type { ParcoursDelays, SessionRef } from '../parcours/messages';

export const surMesureWorkflowId = (caseId: string): string => `sur-mesure-${caseId}`;

export type HistoryEntry = CaseHistoryEntry<SurMesureStage>;

/** A kind of post as the workflow knows it: the tutor is only known to be named or not. */
export interface PosteCommande {
  romeCode: string;
  count: number;
  contrat: { kind: ContractKind; durationMonths: number | null; weeklyHours: number; plannedHiringDate: string };
  tuteurDesigne: boolean;
}

export interface SurMesureDelays extends HandoffSettings {
  /** Days after the need without a qualification before the referent is reminded, then alerted. */
  qualificationReminderDays: number;
  qualificationAlertDays: number;
  /** Days after the 6-month date without the company's answer before it is reminded, then the referent alerted. */
  suiviReminderDays: number;
  suiviAlertDays: number;
  /** Days after the end of the training without the service fait before the provider is reminded, then the referent alerted. */
  serviceFaitReminderDays: number;
  serviceFaitAlertDays: number;
}

export const DEFAULT_SUR_MESURE_DELAYS: SurMesureDelays = {
  qualificationReminderDays: 10,
  qualificationAlertDays: 20,
  suiviReminderDays: 15,
  suiviAlertDays: 30,
  serviceFaitReminderDays: 30,
  serviceFaitAlertDays: 60,
  handoffAlertAfter: '72 hours',
  handoffRetryInitial: '30 seconds',
  handoffRetryMaximum: '1 hour',
};

export interface SurMesureInput {
  caseId: string;
  entrepriseId: string;
  nafSection: string;
  bassin: string;
  /** Day the need was recorded: fixes the parameters of the whole order. */
  orderDate: string;
  postes: PosteCommande[];
  createdBy: Actor;
  delays?: Partial<SurMesureDelays>;
  /** Delays of the trainees' journeys the order opens. */
  parcoursDelays?: Partial<ParcoursDelays>;
}

/** The provider's design (co-construction), without its text and the AFEST tutor's name (in PostgreSQL). */
export interface Conception {
  heuresCentre: number;
  heuresEntreprise: number;
  dateDebut: string;
  dateFin: string;
  devisCents: number;
  /** The programme requires psychomotor tests (driving trades): candidates must pass them. */
  psychotechnique: boolean;
  afest: { analyseActivite: boolean; tuteurDesigne: boolean; phasesReflexives: boolean; evaluations: boolean } | null;
}

export interface CandidatState {
  partenaireId: string;
  positionnement: Positionnement | null;
  choix: 'retenu' | 'non_retenu' | null;
  /** The trainee journey opened when retained. */
  stagiaireId: string | null;
}

export interface EmbaucheState {
  outcome: HiringOutcome;
  manquement: boolean;
  reasons: string[];
  /** Start of the contract, when hired: the 6-month check counts from it. */
  hiringStart: string | null;
  declaredBy: Actor;
  at: string;
}

export interface Suivi6MoisState {
  dueDate: string;
  stillEmployed: StillEmployed | null;
  manquement: boolean;
  reason: string | null;
}

export interface StagiaireState extends StagiaireCommande {
  candidatId: string;
  entryDate: string | null;
  exitDate: string | null;
  embauche: EmbaucheState | null;
  suivi6m: Suivi6MoisState | null;
}

export interface SurMesureState {
  caseId: string;
  stage: SurMesureStage;
  closure: Closure | null;
  history: HistoryEntry[];
  deadlines: Deadline[];
  commande: { entrepriseId: string; nafSection: string; bassin: string; orderDate: string; postes: PosteCommande[] };
  /** The parameters in force on the order's date, and which of them are assumptions. */
  parametres: SurMesureParameters | null;
  parametresNonVerifies: ParameterKey[];
  qualification: { organismeId: string; certificationCode: string | null; certificationLevel: number | null } | null;
  conception: Conception | null;
  derogation: string | null;
  eligibilite: EligibilityResult | null;
  visa: VisaState | null;
  engagement: { reference: string; amountCents: number; at: string } | null;
  session: SessionRef | null;
  recrutement: { partenaires: string[]; reunion: { at: string; lieu: string } | null };
  candidats: Record<string, CandidatState>;
  stagiaires: Record<string, StagiaireState>;
  serviceFait: { reference: string; totalCents: number; at: string } | null;
}

export interface Qualifier {
  actor: Actor;
  organismeId: string;
  /** The skills gap the training must close, in the caseworker's words. */
  ecartCompetences: string;
  certificationCode: string | null;
  certificationLevel: number | null;
}
export interface CoConstruire { actor: Actor; conception: Conception }
export interface EnregistrerDerogation { actor: Actor; reference: string }

/** A visa step as the API sends it; the workflow adds the day (its own clock). */
export type VisaInput =
  | { kind: 'proposer'; amountCents: number }
  | { kind: 'valider' }
  | { kind: 'voter'; vote: 'favorable' | 'defavorable'; commission: { date: string; reference: string } }
  | { kind: 'engager'; engagementReference: string }
  | { kind: 'renvoyer'; reason: string }
  | { kind: 'rejeter'; reason: string };
export interface Viser { actor: Actor; role: VisaRole; action: VisaInput }

export interface LancerRecrutement { actor: Actor; partenaires: string[] }
export interface PlanifierReunion { actor: Actor; at: string; lieu: string }
export interface ProposerCandidat { actor: Actor; candidatId: string; partenaireId: string }
export interface PositionnerCandidat { actor: Actor; candidatId: string; positionnement: Positionnement }
export interface ChoisirCandidat { actor: Actor; candidatId: string; retenu: boolean; poste: number }
export interface DeclarerEmbauche { actor: Actor; stagiaireId: string; declaration: DeclarationEmbauche }
export interface DeclarerSuivi6Mois {
  actor: Actor;
  stagiaireId: string;
  stillEmployed: StillEmployed;
  rupture: { date: string; initiative: RuptureInitiative } | null;
}
export interface DeclarerServiceFait { actor: Actor; stagiaires: { stagiaireId: string; deliveredMinutes: number }[] }
export interface Annuler { actor: Actor; motif: string }

export const qualifier = defineUpdate<SurMesureState, [Qualifier]>('qualifier');
export const coConstruire = defineUpdate<SurMesureState, [CoConstruire]>('coConstruire');
export const enregistrerDerogation = defineUpdate<SurMesureState, [EnregistrerDerogation]>('enregistrerDerogation');
export const viser = defineUpdate<SurMesureState, [Viser]>('viser');
export const lancerRecrutement = defineUpdate<SurMesureState, [LancerRecrutement]>('lancerRecrutement');
export const planifierReunion = defineUpdate<SurMesureState, [PlanifierReunion]>('planifierReunion');
export const proposerCandidat = defineUpdate<SurMesureState, [ProposerCandidat]>('proposerCandidat');
export const positionnerCandidat = defineUpdate<SurMesureState, [PositionnerCandidat]>('positionnerCandidat');
export const choisirCandidat = defineUpdate<SurMesureState, [ChoisirCandidat]>('choisirCandidat');
export const declarerEmbauche = defineUpdate<SurMesureState, [DeclarerEmbauche]>('declarerEmbauche');
export const declarerSuivi6Mois = defineUpdate<SurMesureState, [DeclarerSuivi6Mois]>('declarerSuivi6Mois');
export const declarerServiceFait = defineUpdate<SurMesureState, [DeclarerServiceFait]>('declarerServiceFait');
export const annuler = defineUpdate<SurMesureState, [Annuler]>('annuler');

export const etatCommandeQuery = defineQuery<SurMesureState>('etat');

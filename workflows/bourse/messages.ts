/**
 * The bourse workflow's contract: input, updates (people's actions, answered synchronously), query.
 * No Node imports: shared by the workflow, the worker, the API and the tests. The state holds ids, codes,
 * months and amounts in cents: never a name, an income or a points element (they stay in PostgreSQL).
 */
import type { Duration } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, Closure, Deadline, HistoryEntry as CaseHistoryEntry } from '../../domain/case/journal';
import type { Versement } from '../../domain/bourse/calendrier';
import type { Echelon } from '../../domain/bourse/parametres';
import type { BourseStage, DecisionBourse, PieceCode, TypeEvenement } from '../../domain/bourse/process';
import type { HandoffSettings } from '../case/handoff';

export const bourseWorkflowId = (caseId: string): string => `bourse-${caseId}`;

export type HistoryEntry = CaseHistoryEntry<BourseStage>;

export interface BourseDelays extends HandoffSettings {
  /** Days the student has to send the documents asked for (the mail gives the date). */
  piecesDelaiJours: number;
  /** Days after that date without the documents before the referent is alerted (the student is reminded at the date). */
  piecesAlerteJours: number;
  /** How long a failed instalment waits before it is tried again (the referent is alerted at the first failure). */
  incidentReessai: Duration;
}

export const DEFAULT_BOURSE_DELAYS: BourseDelays = {
  piecesDelaiJours: 15,
  piecesAlerteJours: 7,
  incidentReessai: '1 hour',
  handoffAlertAfter: '72 hours',
  handoffRetryInitial: '30 seconds',
  handoffRetryMaximum: '1 hour',
};

/** The échelon computation as the workflow keeps it: the figures that decide the money, no income. */
export interface CalculResume {
  echelon: Echelon | null;
  annuelCents: number;
  mensualiteCents: number;
  /** False when a row used is an unverified figure. */
  verified: boolean;
}

/** How the instalments of the year stand: running, held, stopped (not justified), after an exit, over. */
export type EtatVersements = 'en_cours' | 'suspendue' | 'arretee' | 'sortie' | 'terminee';

export interface EvenementEnCours {
  type: TypeEvenement;
  date: string;
  /** Last day to send a justification (inclusive). */
  dateLimite: string;
}

export interface Verse {
  reference: string;
  montantCents: number;
}

export interface BourseState {
  caseId: string;
  stage: BourseStage;
  closure: Closure | null;
  history: HistoryEntry[];
  deadlines: Deadline[];
  annee: string;
  institutId: string;
  formation: string;
  moisFormation: string[];
  calcul: CalculResume | null;
  /** Why the échelon could not be computed (a year whose barème is not loaded): shown, and blocks the award. */
  calculErreur: string | null;
  pieces: { demandees: PieceCode[]; dateLimite: string; seq: number; recues: boolean } | null;
  decision: { outcome: DecisionBourse['outcome']; motif: string | null; at: string } | null;
  /** The schedule decided at the award (domain/bourse instalmentSchedule). */
  versements: Versement[];
  etat: EtatVersements | null;
  verses: Record<string, Verse>;
  /** Months no longer due (stopped, exit). */
  annules: string[];
  /** Months refused because the trainee pay of the Région was paid for them, with the reason. */
  refusCumul: Record<string, string>;
  /** The double funding that refused the award, shown on the case. */
  cumulConflit: { mois: string[]; motif: string } | null;
  evenement: EvenementEnCours | null;
  /** Paid months claimed back (indu), by month. */
  indus: Record<string, Verse>;
  remiseCents: number;
  /** Months whose payment failed and was reported to the referent (retried later). */
  incidents: string[];
}

export interface BourseInput {
  caseId: string;
  annee: string;
  institutId: string;
  formation: string;
  moisFormation: string[];
  source: 'crous' | 'agent';
  createdBy: Actor;
  delays?: Partial<BourseDelays>;
  /** Set when the run starts from a known state (continue-as-new, the bench). */
  resume?: BourseState;
}

export interface DemanderPieces { actor: Actor; pieces: PieceCode[]; delaiJours?: number }
export interface EnregistrerPieces { actor: Actor }
export interface DeciderBourse { actor: Actor; decision: DecisionBourse }
export interface SignalerEvenement { actor: Actor; type: TypeEvenement; date: string }
export interface Justifier { actor: Actor; justifieLe: string }
export interface DeclarerSortieBourse { actor: Actor; date: string }
export interface AccorderRemise { actor: Actor; montantCents?: number }

export const demanderPieces = defineUpdate<BourseState, [DemanderPieces]>('demanderPieces');
export const enregistrerPieces = defineUpdate<BourseState, [EnregistrerPieces]>('enregistrerPieces');
export const deciderBourse = defineUpdate<BourseState, [DeciderBourse]>('deciderBourse');
export const signalerEvenement = defineUpdate<BourseState, [SignalerEvenement]>('signalerEvenement');
export const justifierAbsence = defineUpdate<BourseState, [Justifier]>('justifierAbsence');
export const declarerSortieBourse = defineUpdate<BourseState, [DeclarerSortieBourse]>('declarerSortieBourse');
export const accorderRemise = defineUpdate<BourseState, [AccorderRemise]>('accorderRemise');

export const bourseEtatQuery = defineQuery<BourseState>('etat');

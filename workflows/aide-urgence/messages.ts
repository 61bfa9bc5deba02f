/**
 * The emergency aid workflow's contract: input, updates, query. No Node imports. The state holds the
 * amounts, the anonymous decision and the payment's reference: never the student's situation or identity.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, Closure, Deadline, HistoryEntry as CaseHistoryEntry } from '../../domain/case/journal';
import type { AideStage, DecisionAide } from '../../domain/bourse/aide-urgence-process';
import type { HandoffSettings } from '../case/handoff';

export const aideUrgenceWorkflowId = (caseId: string): string => `aide-urgence-${caseId}`;

export interface AideDelays extends HandoffSettings {
  /** Days in commission without a decision before the referent is alerted. */
  commissionAlerteJours: number;
  /** UTC hour of the daily check that the payment has left in a payment file. */
  heureVerification: number;
}

export const DEFAULT_AIDE_DELAYS: AideDelays = {
  commissionAlerteJours: 10,
  heureVerification: 6,
  handoffAlertAfter: '72 hours',
  handoffRetryInitial: '30 seconds',
  handoffRetryMaximum: '1 hour',
};

export interface ControleResume {
  conforme: boolean;
  regles: string[];
}

export interface AideState {
  caseId: string;
  stage: AideStage;
  closure: Closure | null;
  history: CaseHistoryEntry<AideStage>[];
  deadlines: Deadline[];
  annee: string;
  bourseCaseId: string;
  montantDemandeCents: number;
  avance: boolean;
  evaluation: { propositionCents: number | null; at: string } | null;
  /** The last check of the limits (per aid, per year, advance, age), as its rules read. */
  controle: ControleResume | null;
  decision: { outcome: DecisionAide['outcome']; montantCents: number | null; motif: string | null; par: 'commission' | 'avance'; at: string } | null;
  versement: { reference: string; montantCents: number; dateLimite: string; fichier: { id: string; executionDate: string } | null } | null;
}

export interface AideInput {
  caseId: string;
  annee: string;
  bourseCaseId: string;
  montantDemandeCents: number;
  avance: boolean;
  createdBy: Actor;
  delays?: Partial<AideDelays>;
}

export interface EnregistrerEvaluation { actor: Actor; propositionCents?: number }
export interface AccorderAvance { actor: Actor; montantCents: number }
export interface DeciderCommission { actor: Actor; decision: DecisionAide }

export const enregistrerEvaluation = defineUpdate<AideState, [EnregistrerEvaluation]>('enregistrerEvaluation');
export const accorderAvance = defineUpdate<AideState, [AccorderAvance]>('accorderAvance');
export const deciderCommission = defineUpdate<AideState, [DeciderCommission]>('deciderCommission');

export const aideEtatQuery = defineQuery<AideState>('etat');

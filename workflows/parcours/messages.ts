/**
 * The parcours workflow's contract: input, updates (people's actions, answered synchronously), queries.
 * No Node imports: shared by the workflow, the worker, the API and the tests.
 */
import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Stage } from '../../domain/parcours/stages';
import type { Decision, PositionnementResults } from '../../domain/parcours/positionnement';

export const parcoursWorkflowId = (caseId: string): string => `parcours-${caseId}`;

/** Who did it: "caseworker:<id>", "partner:<org id>", "organisme:<org id>" or "system". No names. */
export type Actor = string;

/** What the workflow needs to know of the session it aims at (no personal data). */
export interface SessionRef {
  sessionId: string;
  organismeId: string;
  dispositif: string;
  bassin: string;
  startDate: string; // YYYY-MM-DD
  endDate: string;
}

/** The partner that referred the person (its kind decides who else hears of the entry). */
export interface PrescripteurRef {
  id: string;
  kind: string;
}

export interface ParcoursDelays {
  /** Days without positionnement activity before the referent is alerted. */
  positionnementAlertDays: number;
  /** Days after the session's first day without a confirmed entry before the referent is alerted. */
  entreeAlertDays: number;
  /** How long a partner may leave a handoff unacknowledged before the referent is alerted. */
  handoffAlertAfter: Duration;
  /** First retry interval of a partner delivery (then exponential backoff). */
  handoffRetryInitial: Duration;
  handoffRetryMaximum: Duration;
}

export const DEFAULT_DELAYS: ParcoursDelays = {
  positionnementAlertDays: 15,
  entreeAlertDays: 2,
  handoffAlertAfter: '72 hours', // France Travail must learn of an entry within 72 h
  handoffRetryInitial: '30 seconds',
  handoffRetryMaximum: '1 hour',
};

export interface HistoryEntry {
  seq: number;
  stage: Stage;
  action: string;
  actor: Actor;
  at: string; // ISO timestamp (workflow time)
  detail?: Record<string, string | number | boolean | null>;
}

export interface Deadline {
  kind: 'positionnement' | 'entree';
  dueAt: string;
  status: 'pending' | 'alerted';
}

export interface ParcoursState {
  caseId: string;
  stage: Stage;
  session: SessionRef;
  prescripteur: PrescripteurRef | null;
  positionnement: { scheduledAt: string | null; resultsRecorded: boolean };
  closure: { reason: string; detail?: string } | null;
  history: HistoryEntry[];
  deadlines: Deadline[];
}

export interface ParcoursInput {
  caseId: string;
  session: SessionRef;
  prescripteur: PrescripteurRef | null;
  createdBy: Actor;
  delays?: Partial<ParcoursDelays>;
  /** Set when the run continues from an earlier one (continue-as-new). */
  resume?: ParcoursState;
}

export interface PlanifierPositionnement { actor: Actor; scheduledAt: string }
export interface EnregistrerPositionnement { actor: Actor; results: PositionnementResults }
export interface DeciderPositionnement { actor: Actor; decision: Decision }
export interface ConfirmerEntree { actor: Actor; entryDate: string }
export interface Retirer { actor: Actor; motif: string }

export const planifierPositionnement = defineUpdate<ParcoursState, [PlanifierPositionnement]>('planifierPositionnement');
export const enregistrerPositionnement = defineUpdate<ParcoursState, [EnregistrerPositionnement]>('enregistrerPositionnement');
export const deciderPositionnement = defineUpdate<ParcoursState, [DeciderPositionnement]>('deciderPositionnement');
export const confirmerEntree = defineUpdate<ParcoursState, [ConfirmerEntree]>('confirmerEntree');
export const retirer = defineUpdate<ParcoursState, [Retirer]>('retirer');

/** Asks a running case to continue as a new run, so it picks up a newer workflow version. */
export const reprendreSurNouvelleVersion = defineSignal('reprendreSurNouvelleVersion');

export const etatQuery = defineQuery<ParcoursState>('etat');

/**
 * The parcours workflow's contract: input, updates (people's actions, answered synchronously), queries.
 * No Node imports: shared by the workflow, the worker, the API and the tests.
 */
import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, Closure, Deadline, HistoryEntry as CaseHistoryEntry } from '../../domain/case/journal';
import type { HandoffSettings } from '../case/handoff';
import type { LinkedCase } from '../case/linked';
import type { Stage } from '../../domain/parcours/stages';
import type { Decision, PositionnementResults } from '../../domain/parcours/positionnement';
import type { EtatPresence } from '../../domain/parcours/etat-presence';
import type { Certification, ExitKind, FollowUpOutcome, FollowUpStep } from '../../domain/parcours/sortie';
import type { AidKind, AidUnit, BaremeDecision, Rythme, StagiaireProfile } from '../../domain/remuneration';

export const parcoursWorkflowId = (caseId: string): string => `parcours-${caseId}`;

export type { Actor, Deadline } from '../../domain/case/journal';
export type HistoryEntry = CaseHistoryEntry<Stage>;

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

export interface ParcoursDelays extends HandoffSettings {
  /** Days without positionnement activity before the referent is alerted. */
  positionnementAlertDays: number;
  /** Days after the session's first day without a confirmed entry before the referent is alerted. */
  entreeAlertDays: number;
  /** Days after the entry before the avance is paid. */
  avanceDelayDays: number;
  /** Days after the end of a month without its attendance statement before the organisme is reminded… */
  statementReminderDays: number;
  /** …and before the referent is alerted. */
  statementAlertDays: number;
  /** Time the organisme has to correct a statement before it is paid. */
  paymentDelay: Duration;
  /** Months paid in one run before the workflow continues as new (history stays small over 3 years). */
  monthsPerRun: number;
}

/**
 * The delays a new case starts with, unless the deployment (PARCOURS_DELAYS) says otherwise. The API pins the
 * resolved delays in every new case's input (api/parcours/create-case.ts), so a value changed here only
 * changes cases created afterwards. Cases created before the pinning (December 2026) still fall back on these
 * values: change one only with a patch (docs/VERSIONING.md).
 */
export const DEFAULT_DELAYS: ParcoursDelays = {
  positionnementAlertDays: 15,
  entreeAlertDays: 2,
  handoffAlertAfter: '72 hours', // France Travail must learn of an entry within 72 h
  handoffRetryInitial: '30 seconds',
  handoffRetryMaximum: '1 hour',
  avanceDelayDays: 3,
  statementReminderDays: 5,
  statementAlertDays: 15,
  paymentDelay: '2 days',
  monthsPerRun: 12,
};

/** An attendance statement of one month, certified by the organisme. */
export type { EtatPresence } from '../../domain/parcours/etat-presence';

export interface PaidMonth {
  period: string;
  reference: string;
  /** The month's amount before the avance recovery, and what was actually transferred. */
  netCents: number;
  paidCents: number;
}

/** One aid granted (its own payment in the ledger). */
export interface AidGrantRecord {
  kind: AidKind;
  unit: AidUnit;
  quantity: number;
  /** Number per case and aid kind: part of the payment's reference. */
  grantSeq: number;
  reference: string;
  amountCents: number;
}

/** Part 2: everything after the entry (pay, aids, suspension, exit, follow-up). */
export interface FormationState {
  entryDate: string;
  /** Planned last day; the exit date replaces it. */
  endDate: string;
  /** `eligibleASS`: part time raised to the ASS (D6341-24-1); absent in pay files established before it existed. */
  remuneration: { decision: BaremeDecision; rythme: Rythme; eligibleASS?: boolean } | null;
  /** Paid by France Travail (AREF) instead of the Région: no Région pay. */
  indemniseARE: boolean;
  avance: { reference: string; amountCents: number; remainingCents: number } | null;
  statements: Record<string, EtatPresence>;
  paid: Record<string, PaidMonth>;
  /** First period not yet paid. */
  nextPeriod: string;
  monthsPaidThisRun: number;
  suspendedSince: string | null;
  /** References of the aids paid. */
  aids: string[];
  /** The grants since aids have quantities and numbers (MONEY_2026_PATCH). */
  aidGrants?: AidGrantRecord[];
  sortie: { kind: ExitKind; exitDate: string; certification: Certification | null } | null;
  suivi: Partial<Record<FollowUpStep, FollowUpOutcome | 'non_renseigne'>>;
}

export interface ParcoursState {
  caseId: string;
  stage: Stage;
  session: SessionRef;
  prescripteur: PrescripteurRef | null;
  positionnement: { scheduledAt: string | null; resultsRecorded: boolean };
  closure: Closure | null;
  formation?: FormationState;
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
  /** A trainee of a sur-mesure order: the order hears of each change of stage. */
  notify?: LinkedCase;
  /** Admitted when opened (selected by an order's company and provider): the case starts at « admis ». */
  admission?: { actor: Actor; detail: Record<string, string> };
}

export interface PlanifierPositionnement { actor: Actor; scheduledAt: string }
export interface EnregistrerPositionnement { actor: Actor; results: PositionnementResults }
export interface DeciderPositionnement { actor: Actor; decision: Decision }
export interface ConfirmerEntree { actor: Actor; entryDate: string }
export interface Retirer { actor: Actor; motif: string }

export type ProfilRemuneration = Omit<StagiaireProfile, 'birthDate' | 'entryDate'>;
export interface EtablirRemuneration { actor: Actor; profile: ProfilRemuneration; rythme: Rythme; indemniseARE: boolean }
export interface SoumettreEtatPresence extends EtatPresence { actor: Actor }
/** Far above any month's nights or meals, or any course's months: more is a typo, not a grant. */
export const MAX_AID_QUANTITY = 366;

/** `quantity`: nights, meals or months (1 for an aid paid once per course); absent: 1. */
export interface AccorderAide { actor: Actor; kind: AidKind; quantity?: number }
export interface Suspendre { actor: Actor; motif: string }
export interface Reprendre { actor: Actor }
export interface DeclarerSortie { actor: Actor; kind: ExitKind; exitDate: string; certification?: Certification }
export interface EnregistrerSuivi { actor: Actor; step: FollowUpStep; outcome: FollowUpOutcome }

export const etablirRemuneration = defineUpdate<ParcoursState, [EtablirRemuneration]>('etablirRemuneration');
export const soumettreEtatPresence = defineUpdate<ParcoursState, [SoumettreEtatPresence]>('soumettreEtatPresence');
/**
 * What `certifierEtatPresence` answers: a summary, not the whole state (issue 9: small update results).
 * `inchange`: the same statement was already recorded (a repeated request changes nothing).
 */
export interface EtatPresenceAccepte {
  caseId: string;
  period: string;
  outcome: 'enregistre' | 'corrige' | 'inchange';
  /** The journal entry that recorded it (for `inchange`, the latest entry). */
  seq: number;
}
/** The statement as the API sends it since issue 9 (single and bulk); `soumettreEtatPresence` stays for callers of before. */
export const certifierEtatPresence = defineUpdate<EtatPresenceAccepte, [SoumettreEtatPresence]>('certifierEtatPresence');
export const accorderAide = defineUpdate<ParcoursState, [AccorderAide]>('accorderAide');
export const suspendre = defineUpdate<ParcoursState, [Suspendre]>('suspendre');
export const reprendre = defineUpdate<ParcoursState, [Reprendre]>('reprendre');
export const declarerSortie = defineUpdate<ParcoursState, [DeclarerSortie]>('declarerSortie');
export const enregistrerSuivi = defineUpdate<ParcoursState, [EnregistrerSuivi]>('enregistrerSuivi');

export const planifierPositionnement = defineUpdate<ParcoursState, [PlanifierPositionnement]>('planifierPositionnement');
export const enregistrerPositionnement = defineUpdate<ParcoursState, [EnregistrerPositionnement]>('enregistrerPositionnement');
export const deciderPositionnement = defineUpdate<ParcoursState, [DeciderPositionnement]>('deciderPositionnement');
export const confirmerEntree = defineUpdate<ParcoursState, [ConfirmerEntree]>('confirmerEntree');
export const retirer = defineUpdate<ParcoursState, [Retirer]>('retirer');

/** Asks a running case to continue as a new run, so it picks up a newer workflow version. */
export const reprendreSurNouvelleVersion = defineSignal('reprendreSurNouvelleVersion');

export const etatQuery = defineQuery<ParcoursState>('etat');

/**
 * Linked cases: a case started on behalf of another one (each trainee journey of a sur-mesure order) tells
 * that case when its stage changes, by a signal, so the other case follows it without copying its data.
 * Only cases started with `notify` in their input send it: histories of other cases replay unchanged.
 */
import { defineSignal, getExternalWorkflowHandle } from '@temporalio/workflow';
import type { Closure, HistoryEntry } from '../../domain/case/journal';

/** The workflow to tell (its id), given in the linked case's input. */
export interface LinkedCase {
  workflowId: string;
}

/** What the linked case tells: ids, codes and dates only (its journal entry), never personal data. */
export interface LinkedCaseChange {
  caseId: string;
  previousStage: string;
  entry: HistoryEntry;
  closure: Closure | null;
}

export const linkedCaseChanged = defineSignal<[LinkedCaseChange]>('dossierLieChange');

/** A closed or unknown target is nobody to tell: the linked case goes on regardless. */
export async function notifyLinkedCase(target: LinkedCase, change: LinkedCaseChange): Promise<void> {
  try {
    await getExternalWorkflowHandle(target.workflowId).signal(linkedCaseChanged, change);
  } catch {
    // The order closed before its trainee: its outcome no longer depends on this journey.
  }
}

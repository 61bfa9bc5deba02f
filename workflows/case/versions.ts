/**
 * Patch ids of the case core (docs/VERSIONING.md). Each guards a change of what running cases do; a case whose
 * history was recorded before the change replays the old branch.
 */

/**
 * Fewer history events per change (issue 9 §2): the search attributes are upserted only when they change, and
 * a journal entry that goes with a write of the process (a statement, a payment) is projected by that write's
 * own activity, in its transaction, instead of a second activity (`CaseKernel.recordWith`).
 */
export const WRITES_2026_PATCH = 'case-writes-2026';

/**
 * The case page's read model for every process (issue 9 §3): a change of state that none of the kernel's
 * activities carries (a process's own wait setting or clearing its deadline, a computation) is projected by
 * `ProjectedCase.project` (activity `projectCase`), which also puts the case's next deadline on its row.
 */
export const READ_MODEL_2026_PATCH = 'case-read-model-2026';

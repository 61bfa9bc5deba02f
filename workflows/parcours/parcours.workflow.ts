/**
 * The trainee journey (parcours stagiaire), one workflow per case, id `parcours-<case id>`.
 * People act through updates (stages/*); this loop only waits, arms the deadline of the current stage and
 * alerts the referent when it passes. After the entry, part 2 (pay, exit, follow-up: ./apres-entree.ts)
 * runs for cases started by this version; cases that entered training under part 1 move onto it when they
 * continue as new (signal `reprendreSurNouvelleVersion`).
 */
import { allHandlersFinished, condition, continueAsNew, patched, setHandler } from '@temporalio/workflow';
import { lastEntry } from '../../domain/case/journal';
import { deadlineFor } from '../../domain/parcours/deadlines';
import { waitRemindAlert } from '../case/deadlines';
import { apresEntree } from './apres-entree';
import { createContext, type ParcoursContext } from './context';
import { initialState } from './journal';
import { DEFAULT_DELAYS, etatQuery, reprendreSurNouvelleVersion, type ParcoursInput, type ParcoursState } from './messages';
import { registerEntreeHandlers } from './stages/entree';
import { registerPositionnementHandlers } from './stages/positionnement';
import { registerRetraitHandlers } from './stages/retrait';
import { registerFormationHandlers } from './stages/formation';
import { registerSuiviHandlers } from './stages/suivi';
import { PART_2_PATCH } from './versions';

export async function parcours(input: ParcoursInput): Promise<ParcoursState> {
  const delays = { ...DEFAULT_DELAYS, ...input.delays };
  const state = input.resume ?? initialState(input);
  let upgradeRequested = false;

  const ctx = createContext(state, delays, input.notify);
  setHandler(etatQuery, () => state);
  setHandler(reprendreSurNouvelleVersion, () => void (upgradeRequested = true));
  registerPositionnementHandlers(ctx);
  registerEntreeHandlers(ctx);
  registerRetraitHandlers(ctx);
  registerFormationHandlers(ctx);
  registerSuiviHandlers(ctx);

  if (input.resume) ctx.publishSearchAttributes();
  else {
    await ctx.record('creation', input.createdBy, { detail: { sessionId: state.session.sessionId } });
    if (input.admission) await ctx.record('decision_admis', input.admission.actor, { stage: 'admis', detail: input.admission.detail });
  }

  let continueForHistory = false;
  while (state.stage !== 'clos' && !upgradeRequested && !continueForHistory) {
    if (isAfterEntry(state) && patched(PART_2_PATCH)) {
      continueForHistory = (await apresEntree(ctx, () => upgradeRequested)) === 'continueAsNew';
    } else {
      await waitAtStage(ctx, () => upgradeRequested);
    }
  }
  await condition(allHandlersFinished);
  if ((upgradeRequested || continueForHistory) && state.stage !== 'clos') {
    return continueAsNew<typeof parcours>({ ...input, delays, resume: state });
  }
  return state;
}

const isAfterEntry = (state: ParcoursState): boolean => state.stage === 'en_formation' || state.stage === 'suivi';

/**
 * Waits until the case moves. If the stage has a deadline and nothing happens before it, the referent is
 * alerted once, then the wait goes on.
 */
async function waitAtStage(ctx: ParcoursContext, interrupted: () => boolean): Promise<void> {
  const { state, delays } = ctx;
  const since = lastEntry(state);
  const moved = (): boolean => lastEntry(state).seq !== since.seq || interrupted();
  const rule = deadlineFor({
    stage: state.stage,
    lastActionAt: since.at,
    positionnementScheduledAt: state.positionnement.scheduledAt,
    sessionStartDate: state.session.startDate,
    positionnementAlertDays: delays.positionnementAlertDays,
    entreeAlertDays: delays.entreeAlertDays,
  });
  if (!rule) return void (await condition(moved));
  await waitRemindAlert(ctx, rule.kind, moved, [{
    dueAtMs: Date.parse(rule.dueAt),
    notify: () => ctx.mail('alerte_delai', 'referent', { what: rule.what, since: since.at }, ctx.mailKey(`alerte:${rule.kind}`, since.seq)),
  }]);
}

/**
 * Entrée en formation: on the first day the organisme confirms the entry; the contrat d'engagements
 * réciproques is recorded as signed; France Travail (and the prescriber, if another partner) hear of it
 * through a partner handoff, which lives on its own and never blocks the case.
 */
import { setHandler } from '@temporalio/workflow';
import type { HandoffTarget } from '../../../activities/case/handoff';
import { invalidArgument } from '../../../domain/case/failures';
import { dayOf, isIsoDate } from '../../../domain/dates';
import { acts } from '../../case/activities';
import type { ParcoursContext } from '../context';
import { initFormation } from './formation-state';
import { confirmerEntree, type ParcoursState } from '../messages';

export function registerEntreeHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;
  setHandler(confirmerEntree, ({ actor, entryDate }) => ctx.exclusive('confirmerEntree', async () => {
    const signedAt = new Date().toISOString();
    await acts.recordContrat({ caseId: state.caseId, entryDate, confirmedBy: actor, signedAt });
    // The training's pay state set up with the entry, so the case page shows it from the entry on (the read model).
    const entry = await ctx.record('entree_confirmee', actor, { stage: 'en_formation', detail: { entryDate, contrat: 'signe' },
      change: () => void (state.formation ??= initFormation(state)) });
    for (const target of handoffTargets(state)) await ctx.handoff(target, 'parcours.entree_formation', entry.at);
    await ctx.mail('entree_confirmee', 'personne', { entryDate }, ctx.mailKey('entree_confirmee', entry.seq));
    return state;
  }), {
    validator: ({ entryDate }) => {
      ctx.assertAllowed('confirmerEntree');
      const problem = entryDateProblem(state, entryDate);
      if (problem) throw invalidArgument(problem);
    },
  });
}

/** The entry date is the real first day: within the session, and not in the future. */
function entryDateProblem(state: ParcoursState, entryDate: string): string | null {
  if (!isIsoDate(entryDate)) return 'entryDate: format AAAA-MM-JJ attendu';
  if (entryDate < state.session.startDate || entryDate > state.session.endDate) {
    return `entryDate: doit être entre le ${state.session.startDate} et le ${state.session.endDate}`;
  }
  if (entryDate > dayOf(Date.now())) return 'entryDate: une entrée ne peut pas être confirmée à l’avance';
  return null;
}

function handoffTargets(state: ParcoursState): HandoffTarget[] {
  const targets: HandoffTarget[] = [{ kind: 'france_travail' }];
  if (state.prescripteur && state.prescripteur.kind !== 'france_travail') targets.push({ organisationId: state.prescripteur.id });
  return targets;
}

/**
 * Entrée en formation: on the first day the organisme confirms the entry; the contrat d'engagements
 * réciproques is recorded as signed; France Travail (and the prescriber, if another partner) hear of it
 * through a partner handoff, which lives on its own and never blocks the case.
 */
import { setHandler } from '@temporalio/workflow';
import { acts } from '../../activities';
import type { HandoffTarget } from '../../../activities/partners/handoff';
import { startHandoff } from '../handoff';
import { assertAllowed, invalidArgument, type ParcoursContext } from '../context';
import { mailKey, record } from '../journal';
import { confirmerEntree, type ParcoursState } from '../messages';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerEntreeHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;
  setHandler(confirmerEntree, ({ actor, entryDate }) => ctx.exclusive('confirmerEntree', async () => {
    const signedAt = new Date().toISOString();
    await acts.recordContrat({ caseId: state.caseId, entryDate, confirmedBy: actor, signedAt });
    const entry = await record(state, 'entree_confirmee', actor, { stage: 'en_formation', detail: { entryDate, contrat: 'signe' } });
    for (const target of handoffTargets(state)) await startHandoff(ctx, target, 'parcours.entree_formation', entry.at);
    await acts.sendMail({ key: mailKey(state, 'entree_confirmee', entry.seq), caseId: state.caseId,
      template: 'entree_confirmee', to: 'personne', params: { entryDate } });
    return state;
  }), {
    validator: ({ entryDate }) => {
      assertAllowed(state, 'confirmerEntree');
      const problem = entryDateProblem(state, entryDate);
      if (problem) throw invalidArgument(problem);
    },
  });
}

/** The entry date is the real first day: within the session, and not in the future. */
function entryDateProblem(state: ParcoursState, entryDate: string): string | null {
  if (!ISO_DATE.test(entryDate)) return 'entryDate: format AAAA-MM-JJ attendu';
  if (entryDate < state.session.startDate || entryDate > state.session.endDate) {
    return `entryDate: doit être entre le ${state.session.startDate} et le ${state.session.endDate}`;
  }
  if (entryDate > new Date().toISOString().slice(0, 10)) return 'entryDate: une entrée ne peut pas être confirmée à l’avance';
  return null;
}

function handoffTargets(state: ParcoursState): HandoffTarget[] {
  const targets: HandoffTarget[] = [{ kind: 'france_travail' }];
  if (state.prescripteur && state.prescripteur.kind !== 'france_travail') targets.push({ organisationId: state.prescripteur.id });
  return targets;
}

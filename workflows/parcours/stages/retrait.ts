/** Withdrawal (désistement) before the first day: the case closes cleanly and its seat is freed. */
import { setHandler } from '@temporalio/workflow';
import { acts } from '../../case/activities';
import type { ParcoursContext } from '../context';
import { retirer } from '../messages';

export function registerRetraitHandlers(ctx: ParcoursContext): void {
  setHandler(retirer, ({ actor, motif }) => ctx.exclusive('retirer', async () => {
    await acts.releaseSeat({ caseId: ctx.state.caseId });
    await ctx.record('retrait', actor, { stage: 'clos', closure: { reason: 'desistement', detail: motif } });
    return ctx.state;
  }), { validator: (_args) => ctx.assertAllowed('retirer') });
}

/** Withdrawal (désistement) before the first day: the case closes cleanly and its seat is freed. */
import { setHandler } from '@temporalio/workflow';
import { acts } from '../../activities';
import { assertAllowed, type ParcoursContext } from '../context';
import { record } from '../journal';
import { retirer } from '../messages';

export function registerRetraitHandlers(ctx: ParcoursContext): void {
  const { state } = ctx;
  setHandler(retirer, ({ actor, motif }) => ctx.exclusive('retirer', async () => {
    await acts.releaseSeat({ caseId: state.caseId });
    await record(state, 'retrait', actor, { stage: 'clos', closure: { reason: 'desistement', detail: motif } });
    return state;
  }), { validator: (_args) => assertAllowed(state, 'retirer') });
}

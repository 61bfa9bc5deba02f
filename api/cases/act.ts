/** A person's action on a case: check who may act on it, then send the update to its workflow. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import { parcoursWorkflowId, type ParcoursState } from '../../workflows/parcours/messages';
import type { Principal } from '../auth';
import type { ApiContext } from '../context';
import { loadCaseFor } from './access';
import { stateView } from './case-view';

export async function act<A>(ctx: ApiContext, principal: Principal, caseId: string, update: UpdateDefinition<ParcoursState, [A]>, arg: A) {
  await loadCaseFor(ctx.orm.em.fork() as EntityManager, principal, caseId);
  const handle = ctx.client.workflow.getHandle(parcoursWorkflowId(caseId));
  return stateView(await handle.executeUpdate(update, { args: [arg] }));
}

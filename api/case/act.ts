/** A person's action on a case: check who may act on it, then send the update to its workflow. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseHeader } from '../../domain/case/journal';
import { workflowIdOf } from '../../domain/case/process';
import type { Principal } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { loadCaseFor } from './access';
import { stateView } from './view';

export async function act<A, S extends CaseHeader>(ctx: ApiContext, principal: Principal, caseId: string,
  update: UpdateDefinition<S, [A]>, arg: A, processKind: string) {
  const { process } = await loadCaseFor(ctx.orm.em.fork() as EntityManager, principal, caseId);
  // A route belongs to one process: the same action sent to another kind of case is a stage conflict.
  if (process.definition.kind !== processKind) {
    throw new HttpError(409, `cette action ne s'applique pas à un dossier « ${process.definition.label} »`);
  }
  const handle = ctx.client.workflow.getHandle(workflowIdOf(process.definition, caseId));
  return stateView(await handle.executeUpdate(update, { args: [arg] }));
}

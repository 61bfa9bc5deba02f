/** A person's action on a case: check who may act on it, then send the update to its workflow. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseHeader } from '../../domain/case/journal';
import { workflowIdOf } from '../../domain/case/process';
import type { Principal } from '../auth';
import type { ApiContext } from '../context';
import { HttpError } from '../errors';
import { loadCaseFor } from './access';
import type { ProcessApi } from './process-api';
import { stateView } from './view';

export async function act<A, S extends CaseHeader>(ctx: ApiContext, principal: Principal, caseId: string,
  update: UpdateDefinition<S, [A]>, arg: A, processKind: string) {
  return stateView(await updateCase(ctx, principal, caseId, update, arg, processKind));
}

/** The same, answering what the update answers (a summary, for the updates that return one). */
export async function updateCase<A, R>(ctx: ApiContext, principal: Principal, caseId: string,
  update: UpdateDefinition<R, [A]>, arg: A, processKind: string): Promise<R> {
  const { process } = await loadCaseFor(ctx.orm.em.fork() as EntityManager, principal, caseId);
  assertProcess(process, processKind);
  return sendUpdate(ctx, workflowIdOf(process.definition, caseId), update, arg);
}

/** The update itself, to a case already checked; answered within `ms` or a 503 (the update goes on in the workflow). */
export function sendUpdate<A, R>(ctx: Pick<ApiContext, 'client'>, workflowId: string, update: UpdateDefinition<R, [A]>, arg: A,
  ms = UPDATE_ANSWER_MS): Promise<R> {
  const handle = ctx.client.workflow.getHandle(workflowId);
  return answerWithin(ms, () => handle.executeUpdate(update, { args: [arg] }));
}

/** A route belongs to one process: the same action sent to another kind of case is a stage conflict. */
export function assertProcess(process: ProcessApi, processKind: string): void {
  if (process.definition.kind !== processKind) {
    throw new HttpError(409, `cette action ne s’applique pas à un dossier « ${process.definition.label} »`, { code: 'WrongProcess' });
  }
}

/**
 * How long a caller waits for an update: a case whose activity is failing (a database or mail server down)
 * must answer 503 with Retry-After, never hang. The update itself goes on in the workflow.
 */
export const UPDATE_ANSWER_MS = 10_000;

export async function answerWithin<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpError(503, 'le dossier ne répond pas pour l’instant : réessayez dans un moment', { code: 'CaseNotAnswering' })), ms);
  });
  const answer = fn();
  answer.catch(() => undefined); // answered late or not at all: the caller already has its 503
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the stage handlers of one parcours run share: its state, its delays and its one-at-a-time lock. */
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { actionNotAllowedMessage, isActionAllowed, type ParcoursAction } from '../../domain/parcours/stages';
import type { ParcoursDelays, ParcoursState } from './messages';

export interface ParcoursContext {
  state: ParcoursState;
  delays: ParcoursDelays;
  /** Runs one action at a time, re-checking that the stage still allows it once its turn comes. */
  exclusive<T>(action: ParcoursAction, fn: () => Promise<T>): Promise<T>;
  /** Runs one change at a time (the workflow's own, e.g. a payment, against people's actions). */
  locked<T>(fn: () => Promise<T>): Promise<T>;
}

export function createContext(state: ParcoursState, delays: ParcoursDelays): ParcoursContext {
  let busy = false;
  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
  return {
    state,
    delays,
    locked,
    exclusive: (action, fn) => locked(() => {
      assertAllowed(state, action);
      return fn();
    }),
  };
}

/** Update validators and handlers reject an action the stage does not allow (HTTP 409 at the API). */
export function assertAllowed(state: ParcoursState, action: ParcoursAction): void {
  if (!isActionAllowed(action, state.stage)) {
    throw ApplicationFailure.nonRetryable(actionNotAllowedMessage(action, state.stage), 'ActionNotAllowed');
  }
}

/** An invalid argument (HTTP 400 at the API); the API validates first, this is the workflow's own guard. */
export function invalidArgument(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'InvalidArgument');
}

/**
 * The one list of business failures: raised by workflows (update validators and handlers) and activities,
 * answered by the API with the status given here. A failure of one of these types is never retried: the
 * request cannot succeed as it is. Anything else is a bug or an outage (500 / 503), never the caller's fault.
 */
import { ApplicationFailure } from '@temporalio/common';

export const FAILURE_STATUS = {
  /** The stage (or the state of the case) does not allow the action now. */
  ActionNotAllowed: 409,
  /** An argument is impossible (a date outside the training, a malformed period...). */
  InvalidArgument: 400,
  /** An id given in the request designates nothing (a session, a case, a recipient). */
  NotFound: 400,
  /** The session has no seat left. */
  SessionFull: 409,
  /** The pay rules cannot compute with these inputs (missing parameter row, impossible figures). */
  InvalidPayInput: 400,
  /** The ledger already holds another amount under this reference: never two amounts for one payment. */
  LedgerConflict: 409,
  /** The parameter table the decision needs is not loaded yet (e.g. a bursary scale of a new year). */
  ParameterMissing: 409,
  /** Two fundings of the Région for the same month (bursary and trainee pay). */
  DoubleFunding: 409,
  /** A partner's endpoint says the event can never be taken (HTTP 410 Gone): no retry can deliver it. */
  Undeliverable: 409,
} as const;

export type FailureType = keyof typeof FAILURE_STATUS;

export const FAILURE_TYPES = Object.keys(FAILURE_STATUS) as FailureType[];

export const isFailureType = (type: unknown): type is FailureType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(FAILURE_STATUS, type);

/** A business failure: non-retryable, typed, with a message for people (French). */
export function businessFailure(type: FailureType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

export const invalidArgument = (message: string): ApplicationFailure => businessFailure('InvalidArgument', message);
export const actionNotAllowed = (message: string): ApplicationFailure => businessFailure('ActionNotAllowed', message);

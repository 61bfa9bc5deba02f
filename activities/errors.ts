/** Failures the workflow must not retry: the caller's request cannot succeed as it is. */
import { ApplicationFailure } from '@temporalio/common';

export const NON_RETRYABLE = ['SessionFull', 'NotFound', 'InvalidPayInput', 'LedgerConflict'] as const;
export type NonRetryableType = (typeof NON_RETRYABLE)[number];

export function businessFailure(type: NonRetryableType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

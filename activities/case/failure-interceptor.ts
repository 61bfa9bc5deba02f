/**
 * What the database refuses because of the data it was given (SQLSTATE class 22, data exception: an
 * impossible date, a value out of range) can never succeed on a retry: the activity fails for good, as a
 * business failure ('InvalidArgument', HTTP 400 at the API), with no value in the message. Everything else is
 * left as it is (retried, then an incident of the case).
 */
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { businessFailure } from '../../domain/case/failures';

const isDataException = (err: unknown): boolean => /^22[0-9A-Z]{3}$/.test(String((err as { code?: unknown })?.code ?? ''));

export const activityFailureInterceptor = (): { inbound: ActivityInboundCallsInterceptor } => ({
  inbound: {
    async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
      try {
        return await next(input);
      } catch (err) {
        if (isDataException(err)) {
          throw businessFailure('InvalidArgument', `donnée refusée par la base de données (code ${(err as { code: string }).code}) : vérifiez les dates et les nombres envoyés`);
        }
        throw err;
      }
    },
  },
});

/** Runs a pure bursary rule: its typed errors become business failures (never retried), anything else stays a bug. */
import { BourseInputError, BourseParametreMissing, BourseTableInvalid, BourseTableMissing } from '../../domain/bourse';
import { businessFailure } from '../../domain/case/failures';
import { InvalidDateError } from '../../domain/dates';

export function rule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BourseTableMissing || err instanceof BourseTableInvalid || err instanceof BourseParametreMissing) {
      throw businessFailure('ParameterMissing', err.message);
    }
    if (err instanceof BourseInputError || err instanceof InvalidDateError) throw businessFailure('InvalidArgument', err.message);
    throw err;
  }
}

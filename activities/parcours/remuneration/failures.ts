/**
 * Pay rules' refusals as business failures (non-retryable: a retry cannot change the answer), with the
 * French message of the rule: the API answers them to the person who asked (domain/case/failures.ts).
 */
import type { ApplicationFailure } from '@temporalio/common';
import { businessFailure, type FailureType } from '../../../domain/case/failures';
import { InvalidDateError } from '../../../domain/dates';
import { RemunerationInputError, RemunerationRuleError } from '../../../domain/remuneration';

/** Codes that say "not now, not in this state" (409); every other rule code is a bad request (400). */
const CONFLICT_CODES: ReadonlySet<string> = new Set([
  'deja_accordee', 'indu_clos', 'depasse_le_reste', 'mois_deja_paye', 'meme_personne', 'deja_traitee',
]);

/** HTTP status of a rule's refusal, for routes that apply the rules themselves. */
export function ruleStatus(err: RemunerationRuleError): 400 | 403 | 409 {
  if (err.code === 'role_finance_requis' || err.code === 'acteur_non_autorise') return 403;
  return CONFLICT_CODES.has(err.code) ? 409 : 400;
}

export function ruleFailure(err: RemunerationRuleError): ApplicationFailure {
  const type: FailureType = CONFLICT_CODES.has(err.code) ? 'ActionNotAllowed' : 'InvalidArgument';
  return businessFailure(type, err.message);
}

/** Runs pure rules: a refusal or impossible input fails the activity for good, with the reason. */
export async function pure<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RemunerationRuleError) throw ruleFailure(err);
    if (err instanceof RemunerationInputError || err instanceof InvalidDateError) throw businessFailure('InvalidPayInput', err.message);
    throw err;
  }
}

/**
 * A process's typed way to send its mails: the template's parameters are checked against the process's list.
 * A mail carries the case's snapshot when the state changed since its last journal write (./kernel.ts).
 */
import { mailActs } from './activities';
import type { ProjectedCase } from './kernel';

export type Mailer<M, R extends string> = <K extends keyof M & string>(template: K, to: R, params: M[K], key: string) => Promise<string | null>;

export function caseMailer<M, R extends string>({ state, snapshot }: ProjectedCase): Mailer<M, R> {
  return (template, to, params, key) => mailActs.sendMail({
    key, caseId: state.caseId, template, to, params: params as Record<string, unknown>, snapshot: snapshot() });
}

/** A process's typed way to send its mails: the template's parameters are checked against the process's list. */
import { mailActs } from './activities';

export type Mailer<M, R extends string> = <K extends keyof M & string>(template: K, to: R, params: M[K], key: string) => Promise<string | null>;

export function caseMailer<M, R extends string>(caseId: string): Mailer<M, R> {
  return (template, to, params, key) => mailActs.sendMail({ key, caseId, template, to, params: params as Record<string, unknown> });
}

import type { MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';

/** What activities need from the outside world, given by the worker (or a test). */
export interface ActivityDeps {
  orm: MikroORM;
  mailer: Transporter;
  mailFrom: string;
  /** Caseworkers' team mailbox, used when a case has no named referent. */
  alertMailbox: string;
  /** Ops' mailbox: incidents of cases (an activity that keeps failing). */
  opsMailbox: string;
  publicBaseUrl: string;
  /** The France Travail organisation that hears of entries (FRANCE_TRAVAIL_ORG_ID); unset: the only one of its kind. */
  franceTravailOrgId?: string;
}

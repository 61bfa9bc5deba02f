/**
 * Sends one mail of a case, at most once per idempotency key: the key is claimed in `sent_mail` before the
 * SMTP call and marked sent after it. A retry finds a sent row and stops. A crash between the SMTP
 * acceptance and the mark resends with the same Message-ID, which mail clients show once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { ActivityDeps } from '../deps';
import { businessFailure } from '../errors';
import { TEMPLATES, type MailContext, type MailTemplate } from './templates';

export type MailRecipient = 'personne' | 'prescripteur' | 'referent' | 'organisme';

export interface SendMailInput {
  key: string;
  caseId: string;
  template: MailTemplate;
  to: MailRecipient;
  params?: Record<string, string>;
}

interface CaseMailRow {
  first_name: string;
  last_name: string;
  email: string;
  title: string;
  organisme: string;
  start_date: string;
  end_date: string;
  prescripteur: string | null;
  prescripteur_email: string | null;
  referent_email: string;
  organisme_email: string;
}

async function loadCase(em: EntityManager, caseId: string): Promise<CaseMailRow> {
  const [row] = await em.getConnection().execute<CaseMailRow[]>(
    `select p.first_name, p.last_name, p.email, s.title, o.name as organisme,
            to_char(s.start_date, 'YYYY-MM-DD') as start_date, to_char(s.end_date, 'YYYY-MM-DD') as end_date,
            pr.name as prescripteur, pr.contact_email as prescripteur_email, d.referent_email, o.contact_email as organisme_email
     from dossier d join person p on p.id = d.person_id join formation_session s on s.id = d.session_id
     join organisation o on o.id = s.organisme_id left join organisation pr on pr.id = d.prescripteur_id
     where d.id = ?`,
    [caseId],
  );
  if (!row) throw businessFailure('NotFound', `dossier ${caseId} introuvable`);
  return row;
}

function recipientOf(row: CaseMailRow, to: MailRecipient): string | null {
  if (to === 'personne') return row.email;
  if (to === 'prescripteur') return row.prescripteur_email;
  if (to === 'organisme') return row.organisme_email;
  return row.referent_email;
}

export function mailActivities({ orm, mailer, mailFrom }: ActivityDeps) {
  return {
    /** Returns the Message-ID, or null when there is nobody to write to (a case with no prescriber). */
    async sendMail(input: SendMailInput): Promise<string | null> {
      const em = orm.em.fork() as EntityManager;
      const row = await loadCase(em, input.caseId);
      const recipient = recipientOf(row, input.to);
      if (!recipient) return null;
      const messageId = `<${createHash('sha256').update(input.key).digest('hex').slice(0, 32)}@sprfp.normandie.fr>`;
      const conn = em.getConnection();
      await conn.execute(
        `insert into sent_mail (idempotency_key, dossier_id, template, recipient, message_id, status)
         values (?, ?, ?, ?, ?, 'sending') on conflict (idempotency_key) do nothing`,
        [input.key, input.caseId, input.template, recipient, messageId],
      );
      const [claimed] = await conn.execute(`select status from sent_mail where idempotency_key = ?`, [input.key]);
      if (claimed.status === 'sent') return messageId;
      const context: MailContext = {
        caseId: input.caseId,
        person: { firstName: row.first_name, lastName: row.last_name },
        session: { title: row.title, organisme: row.organisme, startDate: row.start_date, endDate: row.end_date },
        prescripteur: row.prescripteur,
        params: input.params ?? {},
      };
      const { subject, text } = TEMPLATES[input.template](context);
      await mailer.sendMail({ from: mailFrom, to: recipient, subject, text, messageId });
      await conn.execute(`update sent_mail set status = 'sent', sent_at = now() where idempotency_key = ?`, [input.key]);
      return messageId;
    },
  };
}

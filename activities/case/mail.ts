/**
 * Sends one mail of a case, at most once per idempotency key: the key is claimed in `sent_mail` before the
 * SMTP call and marked sent after it. A retry finds a sent row and stops. A crash between the SMTP
 * acceptance and the mark resends with the same Message-ID, which mail clients show once.
 * The template comes from the case's process (or the core's own alerts), the addresses from its records.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { Dossier, SentMail } from '../../db/entities';
import { businessFailure } from '../../domain/case/failures';
import type { ActivityDeps } from '../deps';
import { CORE_TEMPLATES } from './core-mails';
import type { CaseProcessModule } from './process-module';
import { writeSnapshot, type CaseSnapshot } from './snapshot';

export interface SendMailInput {
  key: string;
  caseId: string;
  template: string;
  /** 'personne', 'referent', 'ops', or a recipient the process names ('prescripteur', 'organisme', ...). */
  to: string;
  params?: Record<string, unknown>;
  /** The case's state when it changed since its last journal or deadline write (e.g. the amounts of a payment). */
  snapshot?: CaseSnapshot;
}

/** Recipients inside the Région: their mails are about the case, replies go nowhere in particular. */
const STAFF: ReadonlySet<string> = new Set(['referent', 'ops']);

/** The case core's one way to send a case's mail, for an activity that sends one after its own write. */
export type SendCaseMail = (input: SendMailInput) => Promise<string | null>;

const messageIdOf = (key: string): string => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@sprfp.normandie.fr>`;

export function mailActivities({ orm, mailer, mailFrom, opsMailbox }: ActivityDeps, modules: ReadonlyMap<string, CaseProcessModule>) {
  return {
    /** Returns the Message-ID, or null when there is nobody to write to (a case with no prescriber). */
    async sendMail(input: SendMailInput): Promise<string | null> {
      const em = orm.em.fork() as EntityManager;
      if (input.snapshot) await writeSnapshot(em, input.snapshot);
      const dossier = await em.findOne(Dossier, { id: input.caseId }, { populate: ['person'] });
      if (!dossier) throw businessFailure('NotFound', `dossier ${input.caseId} introuvable`);
      const module = modules.get(dossier.processKind);
      const template = module?.templates[input.template] ?? CORE_TEMPLATES[input.template as keyof typeof CORE_TEMPLATES];
      const render = typeof template === 'function' ? template : template?.[input.to];
      if (!module || !render) throw businessFailure('InvalidArgument', `pas de courriel « ${input.template} » pour « ${input.to} »`);
      const described = await module.mailContext(em, input.caseId);
      const recipient = input.to === 'personne' ? dossier.person.email : input.to === 'referent' ? dossier.referentEmail
        : input.to === 'ops' ? opsMailbox : described.recipients[input.to];
      if (!recipient) return null;

      const messageId = messageIdOf(input.key);
      await em.createQueryBuilder(SentMail).insert({ idempotencyKey: input.key, dossierId: input.caseId, template: input.template, recipient, messageId, status: 'sending' })
        .onConflict('idempotencyKey').ignore().execute();
      const claimed = await em.findOneOrFail(SentMail, { idempotencyKey: input.key });
      if (claimed.status === 'sent') return messageId;
      if (claimed.status === 'skipped') return null;
      const referent = { email: dossier.referentEmail, name: dossier.referentName };
      const mail = render({
        caseId: input.caseId, person: { firstName: dossier.person.firstName, lastName: dossier.person.lastName }, referent,
        summary: described.summary, ...(described.context as object),
      }, (input.params ?? {}) as never);
      if (!mail) {
        await em.nativeUpdate(SentMail, { idempotencyKey: input.key }, { status: 'skipped' });
        return null;
      }
      // Replies reach the adviser, not the no-reply sender; staff mails need no such address.
      const replyTo = STAFF.has(input.to) ? undefined : referent.email;
      await mailer.sendMail({ from: mailFrom, to: recipient, subject: mail.subject, text: mail.text, messageId, ...(replyTo ? { replyTo } : {}) });
      await em.nativeUpdate(SentMail, { idempotencyKey: input.key }, { status: 'sent', sentAt: new Date() });
      return messageId;
    },
  };
}

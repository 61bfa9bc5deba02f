/**
 * Bulk "send a reminder" (relance) from the work queue. A reminder is the reminder mail the case's workflow sends
 * by itself when a deadline nears or passes (workflows/case/deadlines.ts `waitRemindAlert`, the sur-mesure
 * `watchDeadline`), sent again now, to the party the deadline awaits: the student for missing documents, the
 * provider for a month's attendance statement or the service fait, the company for a hiring or 6-month declaration.
 * A deadline that awaits the service itself (planning a positionnement, qualifying a need, the commission) has
 * nothing to remind: its only notice is the alert to the referent.
 *
 * No workflow change: the mail goes through the core's own idempotent mailer (activities/case/mail.ts, the same
 * templates, recipients and `sent_mail` row, shown on the case page), called by the API process, with its own
 * key per case, deadline and Paris day: one manual reminder per deadline and day, whatever the clicks. Unlike a
 * workflow's mail, a failed SMTP call is not retried by Temporal: the case says so, and a new click resends it
 * (the row stays `sending`; the same key keeps the same Message-ID). Each reminder sent is audited (`relance_envoyee`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import { PROCESS_MODULES } from '../../../activities';
import { writeAudit } from '../../../activities/case/audit';
import { mailActivities } from '../../../activities/case/mail';
import type { CaseHeader, Deadline } from '../../../domain/case/journal';
import { workflowIdOf } from '../../../domain/case/process';
import { addDaysToDate, deFr, formatMonthFr, parisClock, periodEnd } from '../../../domain/dates';
import type { BourseState } from '../../../workflows/bourse/messages';
import type { ParcoursState } from '../../../workflows/parcours/messages';
import type { SurMesureState } from '../../../workflows/sur-mesure/messages';
import { actorOf, type Principal } from '../../auth';
import { loadCaseFor } from '../../case/access';
import type { ApiContext } from '../../context';
import { toHttpError } from '../../errors';

export interface Reminder {
  deadline: string;
  template: string;
  /** The recipient as the mailer names it ('personne', 'organisme', 'entreprise'). */
  to: string;
  params: Record<string, unknown>;
  /** Who is reminded, in French ("l’étudiant"). */
  party: string;
}

/**
 * The reminder a pending deadline of a case calls for, from the workflow's state (the same parameters the workflow
 * gives that mail), or null: nobody outside the service is awaited, or the workflow itself would not remind now.
 */
export function reminderFor(process: string, state: CaseHeader, deadline: Deadline): Reminder | null {
  const [kind, id] = deadline.kind.split(':');
  if (process === 'bourse' && kind === 'pieces') {
    const { pieces } = state as unknown as BourseState;
    if (!pieces || pieces.recues) return null;
    return { deadline: deadline.kind, template: 'rappel_pieces', to: 'personne', params: { pieces: pieces.demandees, dateLimite: pieces.dateLimite }, party: 'l’étudiant·e' };
  }
  if (process === 'parcours' && kind === 'etat_presence') {
    const f = (state as unknown as ParcoursState).formation;
    // The workflow sends no reminder for a suspended training.
    if (!f || f.suspendedSince || f.statements[f.nextPeriod]) return null;
    const month = f.nextPeriod;
    return { deadline: deadline.kind, template: 'rappel_etat_presence', to: 'organisme',
      params: { month, what: `état de présence ${deFr(formatMonthFr(month))}`, since: periodEnd(month) }, party: 'l’organisme de formation' };
  }
  if (process === 'sur_mesure') {
    const s = state as unknown as SurMesureState;
    if (kind === 'embauche' && id && s.stagiaires[id] && !s.stagiaires[id].embauche) {
      // The deadline is shown at its last step, the morning after the due date.
      return { deadline: deadline.kind, template: 'rappel_embauche', to: 'entreprise',
        params: { stagiaireId: id, dueDate: addDaysToDate(deadline.dueAt.slice(0, 10), -1) }, party: 'l’entreprise' };
    }
    const suivi = id ? s.stagiaires[id]?.suivi6m : undefined;
    if (kind === 'suivi_6_mois' && suivi && suivi.stillEmployed === null) {
      return { deadline: deadline.kind, template: 'rappel_suivi_6_mois', to: 'entreprise', params: { stagiaireId: id, dueDate: suivi.dueDate }, party: 'l’entreprise' };
    }
    const fin = s.history.find((h) => h.action === 'formation_terminee')?.detail?.fin;
    if (kind === 'service_fait' && !s.serviceFait && typeof fin === 'string') {
      return { deadline: deadline.kind, template: 'rappel_service_fait', to: 'organisme', params: { since: fin }, party: 'l’organisme de formation' };
    }
  }
  return null;
}

export type ReminderResult = 'envoyee' | 'deja_envoyee' | 'rien' | 'refusee' | 'echec';
export interface ReminderOutcome { caseId: string; name: string | null; result: ReminderResult; detail: string }

/** The key of a manual reminder: one per case, deadline and Paris day. */
export const reminderKey = (caseId: string, deadline: string, day: string): string => `relance:${caseId}:${deadline}:${day}`;

export async function sendReminders(ctx: ApiContext, mailer: Transporter | null, principal: Principal, ids: readonly string[],
  now = new Date()): Promise<ReminderOutcome[]> {
  const { config } = ctx;
  const mail = mailer && mailActivities({ orm: ctx.orm, mailer, mailFrom: config.MAIL_FROM, alertMailbox: config.ALERT_MAILBOX,
    opsMailbox: config.OPS_MAILBOX, publicBaseUrl: config.PUBLIC_BASE_URL }, new Map(PROCESS_MODULES.map((m) => [m.kind, m])));
  const day = parisClock(now).today;
  const outcomes: ReminderOutcome[] = [];
  for (const caseId of ids) {
    const em = ctx.orm.em.fork() as EntityManager;
    let loaded;
    try {
      loaded = await loadCaseFor(em, principal, caseId);
    } catch (err) {
      const known = toHttpError(err);
      if (!known) throw err;
      outcomes.push({ caseId, name: null, result: 'refusee', detail: known.message });
      continue;
    }
    const { dossier, process } = loaded;
    const name = `${dossier.person.lastName.toUpperCase()} ${dossier.person.firstName}`;
    const done = (result: ReminderResult, detail: string) => outcomes.push({ caseId, name, result, detail });
    if (!dossier.open) { done('rien', 'dossier clos'); continue; }
    if (!mail) { done('refusee', 'l’envoi de courriels n’est pas configuré sur ce serveur'); continue; }
    const state = await ctx.client.workflow.getHandle(workflowIdOf(process.definition, caseId)).query(process.stateQuery);
    const reminders = state.deadlines.map((d) => reminderFor(process.definition.kind, state, d)).filter((r): r is Reminder => r !== null);
    if (!reminders.length) {
      done('rien', state.deadlines.length ? 'l’échéance en cours n’attend personne hors du service' : 'aucune échéance en cours');
      continue;
    }
    const said: string[] = [];
    let result: ReminderResult = 'deja_envoyee';
    for (const r of reminders) {
      const key = reminderKey(caseId, r.deadline, day);
      const [already] = await em.execute<{ status: string }[]>('select status from sent_mail where idempotency_key = ?', [key]);
      if (already?.status === 'sent') { said.push(`${r.party} a déjà été relancé·e aujourd’hui`); continue; }
      try {
        const messageId = await mail.sendMail({ key, caseId, template: r.template, to: r.to, params: r.params });
        if (!messageId) { said.push(`pas d’adresse pour ${r.party}`); if (result === 'deja_envoyee') result = 'rien'; continue; }
      } catch (err) {
        said.push(`l’envoi à ${r.party} a échoué (${(err as Error).message}) : réessayez`);
        result = 'echec';
        continue;
      }
      await writeAudit(em, { operation: 'relance_envoyee', actor: actorOf(principal), dossierId: caseId, detail: { echeance: r.deadline, modele: r.template } });
      said.push(`${r.party} relancé·e`);
      if (result !== 'echec') result = 'envoyee';
    }
    done(result, said.join(' ; '));
  }
  return outcomes;
}

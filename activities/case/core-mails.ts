/** The mails of the case core itself, to staff: a case waits too long, a partner does not acknowledge. */
import { formatLongDateFr } from '../../domain/dates';
import type { MailTemplates } from './process-module';

const SIGNATURE = '\n\nLa Région Normandie\nService de la formation professionnelle';

export interface CoreMails {
  /** `what`: the action expected, in words; `since`: when the wait began (day or instant). */
  alerte_delai: { what: string; since: string };
  alerte_partenaire: { partenaire: string; type: string; eventId: string; since: string };
  /** An activity of the case keeps failing: what, since when, and what ops can do. */
  alerte_incident: { what: string; since: string };
}

export const CORE_TEMPLATES: MailTemplates<CoreMails, object> = {
  alerte_delai: (c, p) => ({
    subject: `[SPRFP] Dossier en attente : ${p.what}`,
    text: `Bonjour,\n\nLe dossier ${c.caseId} attend une action depuis le ${formatLongDateFr(p.since)}.\n` +
      `Action attendue : ${p.what}.\n${c.summary}${SIGNATURE}`,
  }),
  alerte_partenaire: (c, p) => ({
    subject: `[SPRFP] Notification non reçue par ${p.partenaire}`,
    text: `Bonjour,\n\nLe partenaire ${p.partenaire} n'a pas accusé réception de l'événement ` +
      `« ${p.type} » (id ${p.eventId}), envoyé le ${formatLongDateFr(p.since)}.\n` +
      `Les envois continuent. Merci de contacter le partenaire.\n\nDossier : ${c.caseId}${SIGNATURE}`,
  }),
  alerte_incident: (c, p) => ({
    subject: `[SPRFP] Incident sur le dossier ${c.caseId}`,
    text: `Bonjour,\n\nLe dossier ${c.caseId} est bloqué depuis le ${formatLongDateFr(p.since)} : une opération échoue ` +
      `malgré plusieurs essais (${p.what}).\n${c.summary}\nLe dossier attend : il sera réessayé dans une heure, ` +
      `ou dès que l'exploitation relance l'opération (POST /cases/${c.caseId}/incident/reprise).${SIGNATURE}`,
  }),
};

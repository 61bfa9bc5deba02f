/**
 * The mails of the trainee journey, in plain French (FALC: short sentences, one idea per sentence, no
 * jargon). Pure functions of what the case's records say; the workflow only names the template.
 */
import type { CoreMails } from '../case/core-mails';
import type { MailTemplates } from '../case/process-module';
import { formatLongDateFr as frDate, formatTimeFr as frTime } from '../../domain/dates';
import { REFUSAL_REASONS, type RefusalReason } from '../../domain/parcours/positionnement';
import type { ParcoursMails } from '../../workflows/parcours/mails';

/** What the parcours templates show of the case, besides the person. */
export interface ParcoursMailContext {
  session: { title: string; organisme: string; startDate: string; endDate: string };
  prescripteur: string | null;
}

const SIGNATURE = '\n\nLa Région Normandie\nService de la formation professionnelle';
const hello = (c: { person: { firstName: string; lastName: string } }): string => `Bonjour ${c.person.firstName} ${c.person.lastName},\n\n`;

export const PARCOURS_TEMPLATES: MailTemplates<Omit<ParcoursMails, keyof CoreMails>, ParcoursMailContext> = {
  positionnement_planifie: (c, p) => ({
    subject: 'Votre rendez-vous de positionnement',
    text: `${hello(c)}Vous avez un rendez-vous pour la formation « ${c.session.title} ».\n` +
      `Le rendez-vous est le ${frDate(p.scheduledAt)} à ${frTime(p.scheduledAt)}.\n` +
      `Il a lieu chez ${c.session.organisme}.\n` +
      `Pendant ce rendez-vous, nous parlons de votre projet. Vous faites aussi quelques exercices.\n` +
      `Si vous ne pouvez pas venir, prévenez votre conseiller.${SIGNATURE}`,
  }),
  decision_admis: (c) => ({
    subject: 'Bonne nouvelle : vous êtes admis en formation',
    text: `${hello(c)}Vous êtes admis à la formation « ${c.session.title} ».\n` +
      `La formation commence le ${frDate(c.session.startDate)}.\n` +
      `Elle a lieu chez ${c.session.organisme}.\n` +
      `La formation est gratuite pour vous.\n` +
      `Le premier jour, vous signez votre contrat d'engagements avec la Région.${SIGNATURE}`,
  }),
  decision_reoriente: (c, p) => ({
    subject: 'Une autre formation vous est proposée',
    text: `${hello(c)}Après le rendez-vous, nous vous proposons une autre solution.\n` +
      (p.dispositif
        ? `Nous vous proposons : ${p.dispositif}.\n`
        : `Nous vous proposons la formation « ${c.session.title} ». Elle commence le ${frDate(c.session.startDate)}.\n`) +
      `Votre conseiller peut vous expliquer ce choix.${SIGNATURE}`,
  }),
  decision_refuse: (c, p) => ({
    subject: 'Réponse à votre demande de formation',
    text: `${hello(c)}Vous n'êtes pas admis à la formation « ${c.session.title} ».\n` +
      `La raison : ${REFUSAL_REASONS[p.reason as RefusalReason] ?? p.reason}.\n` +
      `Ce n'est pas un refus définitif. Votre conseiller peut vous aider à trouver une autre formation.${SIGNATURE}`,
  }),
  entree_confirmee: (c, p) => ({
    subject: 'Bienvenue en formation',
    text: `${hello(c)}Votre formation « ${c.session.title} » a commencé le ${frDate(p.entryDate)}.\n` +
      `Votre contrat d'engagements avec la Région est signé.\n` +
      `La Région paie votre formation. Vous pouvez recevoir une rémunération.\n` +
      `Vous vous engagez à être présent et à l'heure.${SIGNATURE}`,
  }),
  avance_versee: (c, p) => ({
    subject: 'La Région vous verse une avance',
    text: `${hello(c)}Votre formation a commencé. La Région vous verse une avance de ${p.amount}.\n` +
      `Cette avance sera retirée petit à petit de vos prochains paiements.${SIGNATURE}`,
  }),
  releve_mensuel: (c, p) => ({
    subject: `Votre rémunération de ${p.month}`,
    text: `${hello(c)}Voici le calcul de votre rémunération pour le mois de ${p.month}.\n\n${p.lines}\n\n` +
      `Le virement arrive sur votre compte dans quelques jours.\nUne question ? Répondez à votre conseiller.${SIGNATURE}`,
  }),
  rappel_etat_presence: (c, p) => ({
    subject: `[SPRFP] État de présence attendu : ${p.month}`,
    text: `Bonjour,\n\nL'état de présence du mois ${p.month} n'est pas encore arrivé pour le dossier ${c.caseId} ` +
      `(formation « ${c.session.title} »).\nSans lui, la rémunération du stagiaire ne peut pas être payée.${SIGNATURE}`,
  }),
  indu: (c, p) => ({
    subject: 'Une somme est à rembourser',
    text: `${hello(c)}Vous avez reçu ${p.amount} de trop.\nCela arrive quand une absence est connue après le paiement ` +
      `ou quand l'avance n'a pas pu être retirée avant la fin de la formation.\n` +
      (p.recovery === 'retenue'
        ? `Cette somme sera retirée de vos prochains paiements. Vous n'avez rien à faire.\n`
        : `Vous allez recevoir un courrier qui explique comment rembourser.\n`) +
      `Vous pouvez demander de l'aide à votre conseiller.${SIGNATURE}`,
  }),
};

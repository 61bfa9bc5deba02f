/**
 * The mails of the trainee journey, in plain French (FALC: short sentences, one idea per sentence, no
 * jargon). Pure functions of a context loaded from the database; the workflow only names the template.
 */
import { REFUSAL_REASONS, type RefusalReason } from '../../domain/parcours/positionnement';

export interface MailContext {
  caseId: string;
  person: { firstName: string; lastName: string };
  session: { title: string; organisme: string; startDate: string; endDate: string };
  prescripteur: string | null;
  params: Record<string, string>;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

const frDate = (iso: string): string =>
  new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString('fr-FR', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris',
  });
const frTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

const SIGNATURE = '\n\nLa Région Normandie\nService de la formation professionnelle';
const hello = (c: MailContext): string => `Bonjour ${c.person.firstName} ${c.person.lastName},\n\n`;
const caseLine = (c: MailContext): string => `\n\nDossier : ${c.caseId}`;

export const TEMPLATES = {
  positionnement_planifie: (c: MailContext): RenderedMail => ({
    subject: 'Votre rendez-vous de positionnement',
    text: `${hello(c)}Vous avez un rendez-vous pour la formation « ${c.session.title} ».\n` +
      `Le rendez-vous est le ${frDate(c.params.scheduledAt)} à ${frTime(c.params.scheduledAt)}.\n` +
      `Il a lieu chez ${c.session.organisme}.\n` +
      `Pendant ce rendez-vous, nous parlons de votre projet. Vous faites aussi quelques exercices.\n` +
      `Si vous ne pouvez pas venir, prévenez votre conseiller.${SIGNATURE}`,
  }),
  decision_admis: (c: MailContext): RenderedMail => ({
    subject: 'Bonne nouvelle : vous êtes admis en formation',
    text: `${hello(c)}Vous êtes admis à la formation « ${c.session.title} ».\n` +
      `La formation commence le ${frDate(c.session.startDate)}.\n` +
      `Elle a lieu chez ${c.session.organisme}.\n` +
      `La formation est gratuite pour vous.\n` +
      `Le premier jour, vous signez votre contrat d'engagements avec la Région.${SIGNATURE}`,
  }),
  decision_reoriente: (c: MailContext): RenderedMail => ({
    subject: 'Une autre formation vous est proposée',
    text: `${hello(c)}Après le rendez-vous, nous vous proposons une autre solution.\n` +
      (c.params.dispositif
        ? `Nous vous proposons : ${c.params.dispositif}.\n`
        : `Nous vous proposons la formation « ${c.session.title} ». Elle commence le ${frDate(c.session.startDate)}.\n`) +
      `Votre conseiller peut vous expliquer ce choix.${SIGNATURE}`,
  }),
  decision_refuse: (c: MailContext): RenderedMail => ({
    subject: 'Réponse à votre demande de formation',
    text: `${hello(c)}Vous n'êtes pas admis à la formation « ${c.session.title} ».\n` +
      `La raison : ${REFUSAL_REASONS[c.params.reason as RefusalReason] ?? c.params.reason}.\n` +
      `Ce n'est pas un refus définitif. Votre conseiller peut vous aider à trouver une autre formation.${SIGNATURE}`,
  }),
  entree_confirmee: (c: MailContext): RenderedMail => ({
    subject: 'Bienvenue en formation',
    text: `${hello(c)}Votre formation « ${c.session.title} » a commencé le ${frDate(c.params.entryDate)}.\n` +
      `Votre contrat d'engagements avec la Région est signé.\n` +
      `La Région paie votre formation. Vous pouvez recevoir une rémunération.\n` +
      `Vous vous engagez à être présent et à l'heure.${SIGNATURE}`,
  }),
  avance_versee: (c: MailContext): RenderedMail => ({
    subject: 'La Région vous verse une avance',
    text: `${hello(c)}Votre formation a commencé. La Région vous verse une avance de ${c.params.amount}.\n` +
      `Cette avance sera retirée petit à petit de vos prochains paiements.${SIGNATURE}`,
  }),
  releve_mensuel: (c: MailContext): RenderedMail => ({
    subject: `Votre rémunération de ${c.params.month}`,
    text: `${hello(c)}Voici le calcul de votre rémunération pour le mois de ${c.params.month}.\n\n${c.params.lines}\n\n` +
      `Le virement arrive sur votre compte dans quelques jours.\nUne question ? Répondez à votre conseiller.${SIGNATURE}`,
  }),
  rappel_etat_presence: (c: MailContext): RenderedMail => ({
    subject: `[SPRFP] État de présence attendu : ${c.params.month}`,
    text: `Bonjour,\n\nL'état de présence du mois ${c.params.month} n'est pas encore arrivé pour le dossier ${c.caseId} ` +
      `(formation « ${c.session.title} »).\nSans lui, la rémunération du stagiaire ne peut pas être payée.${SIGNATURE}`,
  }),
  indu: (c: MailContext): RenderedMail => ({
    subject: 'Une somme est à rembourser',
    text: `${hello(c)}Vous avez reçu ${c.params.amount} de trop.\nCela arrive quand une absence est connue après le paiement ` +
      `ou quand l'avance n'a pas pu être retirée avant la fin de la formation.\nVous allez recevoir un courrier qui explique comment rembourser.\n` +
      `Vous pouvez demander de l'aide à votre conseiller.${SIGNATURE}`,
  }),
  alerte_delai: (c: MailContext): RenderedMail => ({
    subject: `[SPRFP] Dossier en attente : ${c.params.what}`,
    text: `Bonjour,\n\nLe dossier ${c.caseId} attend une action depuis le ${frDate(c.params.since)}.\n` +
      `Action attendue : ${c.params.what}.\nFormation : ${c.session.title} (${c.session.organisme}).${SIGNATURE}`,
  }),
  alerte_partenaire: (c: MailContext): RenderedMail => ({
    subject: `[SPRFP] Notification non reçue par ${c.params.partenaire}`,
    text: `Bonjour,\n\nLe partenaire ${c.params.partenaire} n'a pas accusé réception de l'événement ` +
      `« ${c.params.type} » (id ${c.params.eventId}), envoyé le ${frDate(c.params.since)}.\n` +
      `Les envois continuent. Merci de contacter le partenaire.${caseLine(c)}${SIGNATURE}`,
  }),
} as const;

export type MailTemplate = keyof typeof TEMPLATES;

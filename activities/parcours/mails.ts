/**
 * The mails of the trainee journey, each written for its reader: the trainee (plain French, FALC: short
 * sentences, one idea each, no jargon, forms that fit everyone), the prescriber who referred them, the training
 * provider. Every mail to a person names their adviser and how to reach them (a reply reaches the adviser).
 * Dates and months are written in French. Pure functions of what the case's records say.
 */
import { deFr, formatDateFr, formatLongDateFr, formatMonthFr, formatTimeFr } from '../../domain/dates';
import { REFUSAL_REASONS, type RefusalReason } from '../../domain/parcours/positionnement';
import type { ParcoursMails } from '../../workflows/parcours/mails';
import type { CoreMails } from '../case/core-mails';
import type { MailContext, MailTemplates } from '../case/process-module';

/** What the parcours templates show of the case, besides the person. */
export interface ParcoursMailContext {
  session: { title: string; organisme: string; startDate: string; endDate: string };
  prescripteur: string | null;
}

type Ctx = MailContext<ParcoursMailContext>;

const SIGNATURE = '\n\nLa Région Normandie\nService de la formation professionnelle';
const hello = (c: Ctx): string => `Bonjour ${c.person.firstName} ${c.person.lastName},\n\n`;
const fullName = (c: Ctx): string => `${c.person.firstName} ${c.person.lastName}`;

/** Who follows the person, and how to reach them: the last lines of every mail to a trainee. */
const adviser = (c: Ctx): string => (c.referent.name
  ? `\n\nVotre conseillère ou conseiller à la Région : ${c.referent.name} (${c.referent.email}).`
  : `\n\nL'équipe de la Région qui suit votre dossier : ${c.referent.email}.`)
  + '\nVous pouvez répondre à ce message : votre réponse arrive à cette adresse.';

const toTrainee = (c: Ctx, subject: string, body: string) => ({ subject, text: `${hello(c)}${body}${adviser(c)}${SIGNATURE}` });

const staffSignature = (c: Ctx): string => `\n\nDossier : ${c.caseId}\nContact à la Région : ${c.referent.name ? `${c.referent.name}, ` : ''}${c.referent.email}${SIGNATURE}`;

export const PARCOURS_TEMPLATES: MailTemplates<Omit<ParcoursMails, keyof CoreMails>, ParcoursMailContext> = {
  // An appointment already past is not announced (a case planned after the fact).
  positionnement_planifie: (c, p) => (Date.parse(p.scheduledAt) <= Date.now() ? null : toTrainee(c, 'Votre rendez-vous de positionnement',
    `Vous avez un rendez-vous pour la formation « ${c.session.title} ».\n` +
    `Il a lieu le ${formatLongDateFr(p.scheduledAt)} à ${formatTimeFr(p.scheduledAt)}, chez ${c.session.organisme}.\n` +
    `Pendant ce rendez-vous, nous parlons de votre projet. Vous faites aussi quelques exercices.\n` +
    `Si vous ne pouvez pas venir, prévenez votre conseillère ou conseiller.`)),

  decision_admis: {
    personne: (c) => toTrainee(c, 'Bonne nouvelle : votre place en formation est réservée',
      `Votre candidature à la formation « ${c.session.title} » est acceptée.\n` +
      `La formation commence le ${formatLongDateFr(c.session.startDate)}, chez ${c.session.organisme}.\n` +
      `La formation est gratuite pour vous.\n` +
      `Le premier jour, vous signez votre contrat d'engagements avec la Région.`),
    prescripteur: (c) => ({
      subject: `[SPRFP] ${fullName(c)} est admis·e en formation`,
      text: `Bonjour,\n\nLa personne que vous avez orientée, ${fullName(c)}, est retenue pour la formation « ${c.session.title} » ` +
        `(${c.session.organisme}), du ${formatDateFr(c.session.startDate)} au ${formatDateFr(c.session.endDate)}.\n` +
        `Nous vous prévenons de son entrée en formation le premier jour.${staffSignature(c)}`,
    }),
  },

  decision_reoriente: {
    personne: (c, p) => toTrainee(c, 'Une autre formation vous est proposée',
      `Après le rendez-vous, nous vous proposons une autre solution.\n` +
      (p.dispositif ? `Nous vous proposons : ${p.dispositif}.\n`
        : `Nous vous proposons la formation « ${c.session.title} ». Elle commence le ${formatLongDateFr(c.session.startDate)}.\n`) +
      `Votre conseillère ou conseiller peut vous expliquer ce choix.`),
    prescripteur: (c, p) => ({
      subject: `[SPRFP] ${fullName(c)} : une autre solution est proposée`,
      text: `Bonjour,\n\nAprès son positionnement, une autre solution est proposée à ${fullName(c)}, que vous avez orientée : ` +
        `${p.dispositif ?? `la formation « ${c.session.title} » (${c.session.organisme}), à partir du ${formatDateFr(c.session.startDate)}`}.` +
        staffSignature(c),
    }),
  },

  decision_refuse: {
    personne: (c, p) => toTrainee(c, 'Réponse à votre demande de formation',
      `Votre candidature à la formation « ${c.session.title} » n'est pas retenue pour cette session.\n` +
      `La raison : ${REFUSAL_REASONS[p.reason as RefusalReason] ?? p.reason}.\n` +
      `Ce n'est pas un refus définitif. Votre conseillère ou conseiller peut vous aider à trouver une autre formation.`),
    prescripteur: (c, p) => ({
      subject: `[SPRFP] ${fullName(c)} : candidature non retenue`,
      text: `Bonjour,\n\nLa candidature de ${fullName(c)}, que vous avez orientée, n'est pas retenue pour la formation ` +
        `« ${c.session.title} ». Motif : ${REFUSAL_REASONS[p.reason as RefusalReason] ?? p.reason}.\n` +
        `Vous pouvez lui proposer une autre formation du catalogue.${staffSignature(c)}`,
    }),
  },

  entree_confirmee: (c, p) => toTrainee(c, 'Bienvenue en formation',
    `Votre formation « ${c.session.title} » a commencé le ${formatLongDateFr(p.entryDate)}.\n` +
    `Votre contrat d'engagements avec la Région est signé.\n` +
    `La Région paie votre formation. Vous pouvez recevoir une rémunération chaque mois.\n` +
    `Vous vous engagez à venir à toutes les heures de formation, et à l'heure.`),

  avance_versee: (c, p) => toTrainee(c, 'La Région vous verse une avance',
    `Votre formation a commencé. La Région vous verse une avance de ${p.amount}.\n` +
    `Cette avance est reprise sur vos paiements suivants, en commençant par le premier.\n` +
    `Votre premier paiement peut donc être plus petit que prévu, ou nul. Chaque relevé vous montre le calcul.`),

  releve_mensuel: (c, p) => toTrainee(c, `Votre rémunération ${deFr(formatMonthFr(p.month))}`,
    `Voici le calcul de votre rémunération du mois ${deFr(formatMonthFr(p.month))}.\n\n${p.lines}\n\n` +
    `Le virement arrive sur votre compte dans quelques jours.`),

  rappel_etat_presence: (c, p) => ({
    subject: `[SPRFP] État de présence attendu : ${formatMonthFr(p.month)}`,
    text: `Bonjour,\n\nL'état de présence ${deFr(formatMonthFr(p.month))} n'est pas encore arrivé pour ${fullName(c)} ` +
      `(formation « ${c.session.title} »).\nSans lui, sa rémunération ne peut pas être payée.\n` +
      `Merci de le certifier sur l'espace des organismes de formation.${staffSignature(c)}`,
  }),

  indu: (c, p) => toTrainee(c, 'Une somme est à rembourser',
    `Vous avez reçu ${p.amount} de trop.\nCela arrive quand une absence est connue après le paiement, ` +
    `ou quand l'avance n'a pas pu être reprise avant la fin de la formation.\n` +
    (p.recovery === 'retenue'
      ? `Cette somme sera retirée de vos prochains paiements. Vous n'avez rien à faire.\n`
      : `Vous allez recevoir un courrier qui explique comment rembourser.\n`) +
    `Si c'est difficile pour vous, parlez-en à votre conseillère ou conseiller : une remise peut être demandée.`),
};

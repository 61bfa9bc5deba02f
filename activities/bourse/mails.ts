/**
 * The mails of the bursaries and emergency aids, in plain French (FALC: short sentences, one idea per
 * sentence, no jargon). Pure functions of what the case's records say; the workflow names the template and
 * gives months and amounts. Never a word about a disability or a relative's situation.
 */
import { formatEuros } from '../../domain/bourse';
import { MOTIFS_REFUS_AIDE, type MotifRefusAide } from '../../domain/bourse/aide-urgence-process';
import { EVENEMENTS, MOTIFS_REFUS, PIECES, type MotifRefus, type PieceCode, type TypeEvenement } from '../../domain/bourse/process';
import { formatDateFr, formatMonthFr } from '../../domain/dates';
import type { AideMails } from '../../workflows/aide-urgence/mails';
import type { BourseMails, MoisMontant } from '../../workflows/bourse/mails';
import type { CoreMails } from '../case/core-mails';
import type { MailTemplates } from '../case/process-module';

/** What the bursary templates show of the case, besides the student. */
export interface BourseMailContext {
  annee: string;
  formation: string;
  institut: string;
}

const SIGNATURE = '\n\nLa Région Normandie\nService des bourses des formations sanitaires et sociales';
const hello = (c: { person: { firstName: string; lastName: string } }): string => `Bonjour ${c.person.firstName} ${c.person.lastName},\n\n`;
const piecesFr = (pieces: string[]): string => pieces.map((p) => `- ${PIECES[p as PieceCode] ?? p}`).join('\n');
const calendrier = (lines: MoisMontant[]): string => lines.map((l) => `- ${formatMonthFr(l.mois)} : ${formatEuros(l.montantCents)}`).join('\n');
const evenementFr = (e: string): string => EVENEMENTS[e as TypeEvenement] ?? e;
const total = (lines: MoisMontant[]): number => lines.reduce((sum, l) => sum + l.montantCents, 0);

function induFr(indus: MoisMontant[]): string {
  if (indus.length === 0) return 'Vous n’avez rien à rembourser.\n';
  return `Vous avez reçu ${formatEuros(total(indus))} de trop :\n${calendrier(indus)}\n` +
    'Vous allez recevoir un courrier qui explique comment rembourser (ordre de reversement).\n' +
    'Si vous avez des difficultés, vous pouvez demander une remise. Écrivez-nous.\n';
}

export const BOURSE_TEMPLATES: MailTemplates<Omit<BourseMails, keyof CoreMails>, BourseMailContext> = {
  pieces_demandees: (c, p) => ({
    subject: 'Votre demande de bourse : des pièces manquent',
    text: `${hello(c)}Nous étudions votre demande de bourse pour l’année ${c.annee}.\nIl nous manque des documents :\n${piecesFr(p.pieces)}\n` +
      `Envoyez-les avant le ${formatDateFr(p.dateLimite)}.\nSans ces documents, nous ne pouvons pas décider.${SIGNATURE}`,
  }),
  rappel_pieces: (c, p) => ({
    subject: 'Rappel : des pièces manquent pour votre bourse',
    text: `${hello(c)}Nous n’avons pas encore reçu ces documents :\n${piecesFr(p.pieces)}\n` +
      `La date prévue était le ${formatDateFr(p.dateLimite)}.\nEnvoyez-les vite. Votre demande est en attente.${SIGNATURE}`,
  }),
  decision_attribution: (c, p) => ({
    subject: `Bonne nouvelle : vous recevez une bourse pour ${c.annee}`,
    text: `${hello(c)}La Région vous donne une bourse pour l’année ${c.annee}.\nVotre formation : ${c.formation}, à ${c.institut}.\n` +
      `Votre échelon est ${p.echelon}. Le montant pour l’année est de ${formatEuros(p.annuelCents)}.\n` +
      `La bourse est versée chaque mois, au début du mois :\n${calendrier(p.versements)}\n` +
      `Total : ${formatEuros(total(p.versements))}.\n` +
      'Pour recevoir la bourse, vous devez aller aux cours et aux stages, et passer les examens.\n' +
      `Si vous êtes absent, prévenez votre institut et donnez un justificatif.${SIGNATURE}`,
  }),
  decision_refus: (c, p) => ({
    subject: `Votre demande de bourse pour ${c.annee}`,
    text: `${hello(c)}Vous ne recevez pas de bourse de la Région pour l’année ${c.annee}.\n` +
      `La raison : ${MOTIFS_REFUS[p.motif as MotifRefus] ?? p.motif}.\n` +
      `Vous pouvez contester cette décision : écrivez-nous dans les deux mois.${SIGNATURE}`,
  }),
  versements_suspendus: (c, p) => ({
    subject: 'Votre bourse est suspendue',
    text: `${hello(c)}Votre institut nous signale une ${evenementFr(p.evenement)} le ${formatDateFr(p.date)}.\n` +
      'Nous arrêtons de verser votre bourse pour le moment.\n' +
      `Si vous avez un justificatif, donnez-le à votre institut avant le ${formatDateFr(p.dateLimite)}.\n` +
      `Avec le justificatif, la bourse reprend et vous recevez les mois en retard.${SIGNATURE}`,
  }),
  versements_repris: (c, p) => ({
    subject: 'Votre bourse reprend',
    text: `${hello(c)}Nous avons reçu votre justificatif. Votre bourse reprend.\n` +
      (p.verses.length > 0 ? `Nous vous versons maintenant les mois en retard :\n${calendrier(p.verses)}\n` : '') + SIGNATURE.trimStart(),
  }),
  bourse_arretee: (c, p) => ({
    subject: 'Votre bourse est arrêtée',
    text: `${hello(c)}Nous n’avons pas reçu de justificatif pour votre ${evenementFr(p.evenement)} du ${formatDateFr(p.date)}.\n` +
      `Votre bourse est donc arrêtée. Vous ne recevrez plus de versement pour l’année ${c.annee}.\n${induFr(p.indus)}${SIGNATURE}`,
  }),
  sortie_enregistree: (c, p) => ({
    subject: 'Fin de votre bourse',
    text: `${hello(c)}Votre institut nous dit que vous avez quitté la formation le ${formatDateFr(p.date)}.\n` +
      `Votre bourse s’arrête. Vous ne recevrez pas de versement après ${formatMonthFr(p.date.slice(0, 7))}.\n${induFr(p.indus)}${SIGNATURE}`,
  }),
  remise_accordee: (c, p) => ({
    subject: 'Remise de votre dette',
    text: `${hello(c)}La Région accepte de ne pas vous demander ${formatEuros(p.montantCents)}.\n` +
      (p.resteCents > 0 ? `Il vous reste ${formatEuros(p.resteCents)} à rembourser.\n` : 'Vous n’avez plus rien à rembourser.\n') + SIGNATURE.trimStart(),
  }),
  mensualite_refusee_cumul: (c, p) => ({
    subject: `Pas de bourse pour ${formatMonthFr(p.mois)}`,
    text: `${hello(c)}Nous ne versons pas votre bourse pour ${formatMonthFr(p.mois)}.\n${p.motif}\n` +
      `Une question ? Écrivez-nous.${SIGNATURE}`,
  }),
};

export const AIDE_TEMPLATES: MailTemplates<Omit<AideMails, keyof CoreMails>, BourseMailContext> = {
  aide_accordee: (c, p) => ({
    subject: 'Votre aide d’urgence est accordée',
    text: `${hello(c)}La Région vous donne une aide d’urgence de ${formatEuros(p.montantCents)}.\n` +
      (p.avance ? 'C’est une avance en urgence.\n' : 'La commission a étudié votre demande.\n') +
      `L’argent arrive sur votre compte au plus tard le ${formatDateFr(p.dateLimite)}.${SIGNATURE}`,
  }),
  aide_refusee: (c, p) => ({
    subject: 'Votre demande d’aide d’urgence',
    text: `${hello(c)}La commission ne vous donne pas l’aide d’urgence demandée.\n` +
      `La raison : ${MOTIFS_REFUS_AIDE[p.motif as MotifRefusAide] ?? p.motif}.\n` +
      `Vous pouvez en parler à l’assistante sociale de votre institut.${SIGNATURE}`,
  }),
};

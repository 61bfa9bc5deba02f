/**
 * The mails of a sur-mesure order, in plain French: short sentences, one idea each. To the company's
 * contact, the provider, the candidates and the referent. Names come from the order's records
 * (module.ts), never from the workflow.
 */
import { formatDateFr, formatLongDateFr, formatTimeFr } from '../../domain/dates';
import type { SurMesureMails } from '../../workflows/sur-mesure/mails';
import type { CoreMails } from '../case/core-mails';
import type { MailContext, MailTemplates } from '../case/process-module';

/** What the templates show of the order, besides its contact person. */
export interface SurMesureMailContext {
  entreprise: string;
  organisme: string | null;
  /** "Soudeur (2 postes), Chaudronnier (1 poste)". */
  postes: string;
  formation: { debut: string; fin: string } | null;
  candidats: Record<string, { prenom: string; nom: string }>;
  stagiaires: Record<string, { prenom: string; nom: string }>;
}

type Ctx = MailContext<SurMesureMailContext>;

const SIGNATURE = '\n\nLa Région Normandie\nService de la formation professionnelle';
const helloContact = (c: Ctx): string => `Bonjour ${c.person.firstName} ${c.person.lastName},\n\n`;
const helloCandidate = (c: Ctx, id: string): string => {
  const who = c.candidats[id];
  return who ? `Bonjour ${who.prenom} ${who.nom},\n\n` : 'Bonjour,\n\n';
};
const trainee = (c: Ctx, id: string): string => {
  const who = c.stagiaires[id];
  return who ? `${who.prenom} ${who.nom}` : `le stagiaire ${id}`;
};
const meeting = (r: { at: string; lieu: string }): string => `le ${formatLongDateFr(r.at)} à ${formatTimeFr(r.at)}, ${r.lieu}`;
const dates = (c: Ctx): string => (c.formation ? ` du ${formatDateFr(c.formation.debut)} au ${formatDateFr(c.formation.fin)}` : '');

export const SUR_MESURE_TEMPLATES: MailTemplates<Omit<SurMesureMails, keyof CoreMails>, SurMesureMailContext> = {
  besoin_recu: (c) => ({
    subject: 'Nous avons reçu votre besoin de recrutement',
    text: `${helloContact(c)}La Région a bien reçu le besoin de ${c.entreprise} : ${c.postes}.\n` +
      `Un chargé de mission va vous contacter pour préciser les compétences attendues.\n` +
      `Ensuite, un organisme de formation construit la formation avec vous.${SIGNATURE}`,
  }),
  rappel_qualification: (c, p) => ({
    subject: `[SPRFP] Besoin d'entreprise à qualifier : ${c.entreprise}`,
    text: `Bonjour,\n\nLe besoin de ${c.entreprise} (${c.postes}) attend sa qualification depuis le ${formatLongDateFr(p.since)}.\n` +
      `Dossier : ${c.caseId}.${SIGNATURE}`,
  }),
  co_construction_demandee: (c) => ({
    subject: `Formation sur-mesure à construire pour ${c.entreprise}`,
    text: `Bonjour,\n\nLa Région vous propose de construire une formation avec ${c.entreprise}.\n` +
      `Les postes à pourvoir : ${c.postes}.\n` +
      `Merci de proposer le programme, les heures en centre et en entreprise, les dates et votre devis.\n` +
      `Dossier : ${c.caseId}.${SIGNATURE}`,
  }),
  renvoi_visa: (c, p) => ({
    subject: `[SPRFP] Décision de financement renvoyée : ${c.entreprise}`,
    text: `Bonjour,\n\nLa décision de financement de la commande de ${c.entreprise} revient à l'étape « ${p.niveau} ».\n` +
      `Motif : ${p.motif}\nDossier : ${c.caseId}.${SIGNATURE}`,
  }),
  financement_accorde: (c, p) => ({
    subject: 'La Région finance votre formation sur-mesure',
    text: `Bonjour,\n\nLa Région finance la formation pour ${c.entreprise} : ${p.montant}.\n` +
      `La formation a lieu${dates(c)}${c.organisme ? ` chez ${c.organisme}` : ''}.\n` +
      `Nous cherchons maintenant les candidats avec France Travail, la Mission Locale et Cap emploi.\n` +
      `L'entreprise et l'organisme choisiront ensemble les stagiaires.${SIGNATURE}`,
  }),
  financement_refuse: (c, p) => ({
    subject: 'Votre demande de formation sur-mesure',
    text: `${helloContact(c)}La Région ne peut pas financer cette formation.\nLa raison : ${p.motif}\n` +
      `Votre chargé de mission peut vous expliquer cette décision.${SIGNATURE}`,
  }),
  commande_annulee: (c, p) => ({
    subject: 'Votre commande de formation est annulée',
    text: `${helloContact(c)}La commande de formation de ${c.entreprise} est annulée.\nLa raison : ${p.motif}${SIGNATURE}`,
  }),
  recrutement_lance: (c, p) => ({
    subject: 'Le recrutement des candidats commence',
    text: `${helloContact(c)}Nous avons demandé à ${p.partenaires} partenaire(s) de l'emploi de vous proposer des candidats.\n` +
      `Vous verrez les candidats proposés dans votre espace. Vous choisirez avec l'organisme de formation.${SIGNATURE}`,
  }),
  candidat_propose: (c, p) => ({
    subject: `Une formation avec un emploi chez ${c.entreprise}`,
    text: `${helloCandidate(c, p.candidatId)}Votre conseiller vous propose une formation${dates(c)}.\n` +
      `À la fin de la formation, ${c.entreprise} s'engage à embaucher.\n` +
      (p.reunion ? `Une réunion d'information a lieu ${meeting(p.reunion)}.\n` : `Nous vous dirons bientôt la date de la réunion d'information.\n`) +
      `La formation est gratuite pour vous.${SIGNATURE}`,
  }),
  reunion_information: (c, p) => ({
    subject: 'Réunion d’information : votre formation avec un emploi',
    text: `${helloCandidate(c, p.candidatId)}La réunion d'information a lieu ${meeting(p)}.\n` +
      `Vous y rencontrez l'entreprise ${c.entreprise}${c.organisme ? ` et l'organisme ${c.organisme}` : ''}.\n` +
      `Si vous ne pouvez pas venir, prévenez votre conseiller.${SIGNATURE}`,
  }),
  candidat_retenu: (c, p) => ({
    subject: 'Bonne nouvelle : vous êtes retenu pour la formation',
    text: `${helloCandidate(c, p.candidatId)}L'entreprise ${c.entreprise} et l'organisme vous ont choisi.\n` +
      `La formation a lieu${dates(c)}${c.organisme ? ` chez ${c.organisme}` : ''}.\n` +
      `La formation est gratuite pour vous. Vous pouvez recevoir une rémunération.\n` +
      `Le premier jour, vous signez votre contrat d'engagements avec la Région.${SIGNATURE}`,
  }),
  candidat_non_retenu: (c, p) => ({
    subject: 'Réponse à votre candidature',
    text: `${helloCandidate(c, p.candidatId)}Vous n'êtes pas retenu pour la formation avec ${c.entreprise}.\n` +
      `Ce n'est pas un refus définitif. Votre conseiller peut vous proposer une autre formation.${SIGNATURE}`,
  }),
  rappel_embauche: (c, p) => ({
    subject: `Embauche de ${trainee(c, p.stagiaireId)} : merci de la déclarer`,
    text: `${helloContact(c)}La formation de ${trainee(c, p.stagiaireId)} est finie.\n` +
      `Vous vous êtes engagé à l'embaucher. Merci de déclarer le contrat avant le ${formatDateFr(p.dueDate)}.\n` +
      `Indiquez le type de contrat, sa date de début, sa durée et les heures par semaine.${SIGNATURE}`,
  }),
  embauche_non_declaree: (c, p) => ({
    subject: `Embauche de ${trainee(c, p.stagiaireId)} non déclarée`,
    text: `${helloContact(c)}Vous n'avez pas déclaré l'embauche de ${trainee(c, p.stagiaireId)} dans le délai.\n` +
      `La Région enregistre que l'engagement d'embauche n'est pas tenu.\n` +
      `Ce manquement sera présenté lors de votre prochaine demande. Votre chargé de mission peut vous aider.${SIGNATURE}`,
  }),
  manquement_enregistre: (c, p) => ({
    subject: `Engagement d'embauche non tenu : ${trainee(c, p.stagiaireId)}`,
    text: `${helloContact(c)}Nous avons bien reçu votre déclaration pour ${trainee(c, p.stagiaireId)}.\n` +
      `Elle ne correspond pas à votre engagement : ${p.raisons}.\n` +
      `Ce manquement sera présenté lors de votre prochaine demande.${SIGNATURE}`,
  }),
  suivi_6_mois_demande: (c, p) => ({
    subject: `${trainee(c, p.stagiaireId)} : le contrat continue-t-il ?`,
    text: `${helloContact(c)}Le contrat de ${trainee(c, p.stagiaireId)} a commencé il y a 6 mois.\n` +
      `Merci de nous dire si ce contrat continue. Si le contrat est fini, indiquez la date et qui y a mis fin.${SIGNATURE}`,
  }),
  rappel_suivi_6_mois: (c, p) => ({
    subject: `Rappel : le contrat de ${trainee(c, p.stagiaireId)} continue-t-il ?`,
    text: `${helloContact(c)}Nous attendons votre réponse depuis le ${formatDateFr(p.dueDate)}.\n` +
      `Le contrat de ${trainee(c, p.stagiaireId)} continue-t-il ?${SIGNATURE}`,
  }),
  rappel_service_fait: (c, p) => ({
    subject: `Service fait attendu : formation pour ${c.entreprise}`,
    text: `Bonjour,\n\nLa formation pour ${c.entreprise} est finie depuis le ${formatDateFr(p.since)}.\n` +
      `Pour être payé, déclarez le service fait : les heures réalisées par chaque stagiaire.\nDossier : ${c.caseId}.${SIGNATURE}`,
  }),
  prestation_payee: (c, p) => ({
    subject: `Paiement de votre formation pour ${c.entreprise}`,
    text: `Bonjour,\n\nLa Région va vous payer ${p.montant} pour la formation${dates(c)}.\n` +
      `${p.lignes.map((l) => `- ${trainee(c, l.stagiaireId)} : ${l.montant}`).join('\n')}\n` +
      `Le virement arrive dans quelques jours.${SIGNATURE}`,
  }),
  commande_close: (c, p) => ({
    subject: 'Votre commande de formation est terminée',
    text: `${helloContact(c)}La commande de formation de ${c.entreprise} est terminée.\n${p.bilan}\nMerci pour votre engagement.${SIGNATURE}`,
  }),
};

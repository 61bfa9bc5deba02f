/**
 * What an event does to the instalments of a year (pure decisions; the workflow pays, holds or claims back):
 * - unjustified absence or missed first exam session: instalments are held from the month of the event;
 *   - justified within the delay (parameter `delai_justification_jours`, calendar days, in force on the day of
 *     the event): the bursary resumes and the held instalments are paid;
 *   - delay over without a justification (or justified too late): the bursary stops from the month of the
 *     event; instalments already paid for LATER months are undue (indu);
 * - exit from the training (abandon): nothing after the month of exit; later months already paid are undue.
 * Instalments are paid at the start of the month, so the month of the event itself was due: when already
 * paid it is kept, never claimed back.
 */
import type { Versement } from './calendrier';
import { addDaysToDate as addDays, dayNumber, formatDateFr, formatMonthFr, monthOf, monthParts, type IsoDate, type YearMonth } from '../dates';
import { BourseInputError } from './errors';
import { deFr, formatEuros } from './format';
import { parametreEnVigueur, type Cents, type ParametreRow } from './parametres';

export type EvenementBourse =
  | { type: 'absence_non_justifiee'; date: IsoDate; justifieLe: IsoDate | null }
  | { type: 'premiere_session_manquee'; date: IsoDate; justifieLe: IsoDate | null }
  | { type: 'abandon'; date: IsoDate };

export interface SituationBourse {
  /** The schedule of the year (instalmentSchedule(...).versements). */
  versements: readonly Versement[];
  /** Months whose instalment was already paid. */
  moisVerses: readonly YearMonth[];
  evenement: EvenementBourse;
  /** Day of the decision: tells whether the justification delay is over. */
  dateDecision: IsoDate;
}

export type EtatBourse = 'suspendue' | 'reprise' | 'arretee' | 'sortie';

export interface DecisionSuspension {
  etat: EtatBourse;
  /** Absence or missed session: last day to send a justification. Null for an exit. */
  dateLimiteJustification: IsoDate | null;
  /** Not paid yet and due: pay at their échéance (now, for a past one). */
  aVerser: Versement[];
  /** Not paid, held until a justification arrives or the delay is over. */
  retenus: Versement[];
  /** Not paid and no longer due. */
  annules: Versement[];
  /** Paid but not due: to claim back (ordre de reversement; remission on social grounds is decided apart). */
  indus: Versement[];
  totalInduCents: Cents;
  lignesFr: string[];
}

type Statut = 'aVerser' | 'retenus' | 'annules' | 'indus' | 'acquis';

function checkSituation(s: SituationBourse): void {
  const months = s.versements.map((v) => v.mois);
  months.forEach((m) => monthParts(m));
  if (new Set(months).size !== months.length) throw new BourseInputError('échéancier : un mois apparaît deux fois');
  const unknown = s.moisVerses.filter((m) => !months.includes(m));
  if (unknown.length > 0) throw new BourseInputError(`mois versé(s) absent(s) de l'échéancier : ${unknown.join(', ')}`);
  if (dayNumber(s.evenement.date) > dayNumber(s.dateDecision)) throw new BourseInputError('l\'événement est postérieur à la date de décision');
  const justifie = s.evenement.type === 'abandon' ? null : s.evenement.justifieLe;
  if (justifie !== null && (dayNumber(justifie) < dayNumber(s.evenement.date) || dayNumber(justifie) > dayNumber(s.dateDecision))) {
    throw new BourseInputError('la date du justificatif doit être entre la date de l\'événement et la date de décision');
  }
}

function etatOf(e: EvenementBourse, limite: IsoDate | null, dateDecision: IsoDate): EtatBourse {
  if (e.type === 'abandon' || limite === null) return 'sortie';
  if (e.justifieLe !== null) return e.justifieLe <= limite ? 'reprise' : 'arretee';
  return dateDecision <= limite ? 'suspendue' : 'arretee';
}

/** Where one instalment goes, given the state and the month of the event. */
function statutOf(etat: EtatBourse, v: Versement, paid: boolean, moisEvenement: YearMonth): Statut {
  const after = v.mois > moisEvenement;
  const fromEvent = v.mois >= moisEvenement;
  if (paid) return (etat === 'arretee' || etat === 'sortie') && after ? 'indus' : 'acquis';
  if (etat === 'suspendue' && fromEvent) return 'retenus';
  if ((etat === 'arretee' && fromEvent) || (etat === 'sortie' && after)) return 'annules';
  return 'aVerser';
}

const evenementFr = (e: EvenementBourse): string => e.type === 'premiere_session_manquee'
  ? `l'absence à la première session d'examen du ${formatDateFr(e.date)}`
  : `l'absence du ${formatDateFr(e.date)}`;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function etatLine(e: EvenementBourse, etat: EtatBourse, limite: IsoDate | null): string {
  const mois = formatMonthFr(monthOf(e.date));
  if (e.type === 'abandon' || limite === null) return `Sortie de la formation le ${formatDateFr(e.date)} : aucune mensualité après ${mois}.`;
  const what = evenementFr(e);
  switch (etat) {
    case 'reprise':
      return `${capitalize(what)} a été justifiée le ${formatDateFr(e.justifieLe ?? e.date)} : la bourse continue.`;
    case 'suspendue':
      return `Les mensualités sont suspendues à partir ${deFr(mois)} : ${what} n'est pas encore justifiée. Un justificatif peut être envoyé jusqu'au ${formatDateFr(limite)}.`;
    default:
      return `${capitalize(what)} n'a pas été justifiée au plus tard le ${formatDateFr(limite)} : la bourse est arrêtée à partir ${deFr(mois)}.`;
  }
}

function lignes(d: Omit<DecisionSuspension, 'lignesFr'>, e: EvenementBourse, dateDecision: IsoDate): string[] {
  const dus = d.aVerser.filter((v) => v.echeance <= dateDecision);
  return [
    etatLine(e, d.etat, d.dateLimiteJustification),
    ...(dus.length > 0 ? [`À verser maintenant : ${dus.map((v) => `${formatMonthFr(v.mois)} (${formatEuros(v.montantCents)})`).join(', ')}.`] : []),
    ...d.indus.map((v) => `La mensualité ${deFr(formatMonthFr(v.mois))} (${formatEuros(v.montantCents)}) n'était pas due : elle doit être remboursée.`),
    ...(d.indus.length > 0 ? [`Total à rembourser : ${formatEuros(d.totalInduCents)}.`] : []),
  ];
}

/** Throws BourseInputError on an inconsistent situation, BourseParametreMissing without a delay in force. */
export function decideSuspension(situation: SituationBourse, parametres: readonly ParametreRow[]): DecisionSuspension {
  checkSituation(situation);
  const e = situation.evenement;
  const limite = e.type === 'abandon' ? null : addDays(e.date, parametreEnVigueur(parametres, 'delai_justification_jours', e.date).value);
  const etat = etatOf(e, limite, situation.dateDecision);
  const paid = new Set(situation.moisVerses);
  const groups: Record<Exclude<Statut, 'acquis'>, Versement[]> = { aVerser: [], retenus: [], annules: [], indus: [] };
  for (const v of [...situation.versements].sort((a, b) => (a.mois < b.mois ? -1 : 1))) {
    const statut = statutOf(etat, v, paid.has(v.mois), monthOf(e.date));
    if (statut !== 'acquis') groups[statut].push(v);
  }
  const d = { etat, dateLimiteJustification: limite, ...groups, totalInduCents: groups.indus.reduce((sum, v) => sum + v.montantCents, 0) };
  return { ...d, lignesFr: lignes(d, e, situation.dateDecision) };
}

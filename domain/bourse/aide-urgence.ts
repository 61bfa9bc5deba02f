/**
 * Emergency aid (aide ponctuelle d'urgence) for health & social students. Normandy's own limits were not
 * found: the rows loaded are the national CROUS "aide spécifique ponctuelle" defaults (verified = false):
 * at most 3 071 € per aid and 6 142 € per academic year; an urgent advance without the commission at most
 * 500 €; the student under 35 on 1 September of the year, with no age limit for a CDAPH-recognised disability.
 *
 * The limits are those in force on 1 September of the academic year, so that every aid of a year is checked
 * against the same figures. An urgent advance is an aid of the year: it counts in the yearly total.
 */
import { anneeBounds, type AnneeUniversitaire } from './annee';
import { ageAt, formatDateFr, type IsoDate } from '../dates';
import { BourseInputError } from './errors';
import { formatEuros } from './format';
import { parametreEnVigueur, type Cents, type ParametreRow } from './parametres';

export interface DemandeAideUrgence {
  annee: AnneeUniversitaire;
  montantCents: Cents;
  /** Urgent advance granted before (without) the commission. */
  avanceSansCommission: boolean;
  dateNaissance: IsoDate;
  handicapReconnuCdaph: boolean;
  /** Emergency aids already granted to the student in the same academic year. */
  aidesAccordeesCents: readonly Cents[];
}

export interface LimitesAideUrgence {
  maxParAideCents: Cents;
  maxParAnneeCents: Cents;
  avanceSansCommissionMaxCents: Cents;
  ageInferieurA: number;
  /** False when a limit is an assumption not checked against a published text. */
  verified: boolean;
}

export interface ControleAideUrgence {
  /** True when no rule failed. */
  conforme: boolean;
  /** The rules the request breaks, in plain French (empty when conforme). */
  reglesNonRespectees: string[];
  /** What can still be granted this year after the aids already granted (before this request). */
  resteAnnuelCents: Cents;
  limites: LimitesAideUrgence;
}

export function limitesAideUrgence(annee: AnneeUniversitaire, parametres: readonly ParametreRow[]): LimitesAideUrgence {
  const date = anneeBounds(annee).first;
  const rows = {
    maxParAideCents: parametreEnVigueur(parametres, 'aide_urgence_max_par_aide_cents', date),
    maxParAnneeCents: parametreEnVigueur(parametres, 'aide_urgence_max_par_annee_cents', date),
    avanceSansCommissionMaxCents: parametreEnVigueur(parametres, 'aide_urgence_avance_sans_commission_max_cents', date),
    ageInferieurA: parametreEnVigueur(parametres, 'aide_urgence_age_inferieur_a', date),
  };
  return {
    maxParAideCents: rows.maxParAideCents.value,
    maxParAnneeCents: rows.maxParAnneeCents.value,
    avanceSansCommissionMaxCents: rows.avanceSansCommissionMaxCents.value,
    ageInferieurA: rows.ageInferieurA.value,
    verified: Object.values(rows).every((r) => r.verified),
  };
}

function checkAmounts(d: DemandeAideUrgence): void {
  if (!Number.isSafeInteger(d.montantCents) || d.montantCents <= 0) throw new BourseInputError(`montant demandé invalide : ${d.montantCents}`);
  for (const a of d.aidesAccordeesCents) {
    if (!Number.isSafeInteger(a) || a <= 0) throw new BourseInputError(`montant d'une aide déjà accordée invalide : ${a}`);
  }
}

/** Checks a request against the limits; never throws for a broken rule, only for impossible input. */
export function checkAideUrgence(demande: DemandeAideUrgence, parametres: readonly ParametreRow[]): ControleAideUrgence {
  checkAmounts(demande);
  const limites = limitesAideUrgence(demande.annee, parametres);
  const dejaAccorde = demande.aidesAccordeesCents.reduce((sum, a) => sum + a, 0);
  const total = dejaAccorde + demande.montantCents;
  const rentree = anneeBounds(demande.annee).first;
  const age = ageAt(demande.dateNaissance, rentree);
  const failed: string[] = [];
  if (demande.montantCents > limites.maxParAideCents) {
    failed.push(`Le montant demandé (${formatEuros(demande.montantCents)}) dépasse le maximum d'une aide (${formatEuros(limites.maxParAideCents)}).`);
  }
  if (total > limites.maxParAnneeCents) {
    failed.push(`Avec les aides déjà accordées cette année (${formatEuros(dejaAccorde)}), le total (${formatEuros(total)}) dépasse le maximum de l'année universitaire (${formatEuros(limites.maxParAnneeCents)}).`);
  }
  if (demande.avanceSansCommission && demande.montantCents > limites.avanceSansCommissionMaxCents) {
    failed.push(`Une avance en urgence sans passage en commission est limitée à ${formatEuros(limites.avanceSansCommissionMaxCents)} (demandé : ${formatEuros(demande.montantCents)}).`);
  }
  if (!demande.handicapReconnuCdaph && age >= limites.ageInferieurA) {
    failed.push(`L'aide est réservée aux étudiants de moins de ${limites.ageInferieurA} ans au ${formatDateFr(rentree)} (âge à cette date : ${age} ans), sauf handicap reconnu par la CDAPH.`);
  }
  return { conforme: failed.length === 0, reglesNonRespectees: failed, resteAnnuelCents: Math.max(0, limites.maxParAnneeCents - dejaAccorde), limites };
}

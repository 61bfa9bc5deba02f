/** Exit (sortie) and employment follow-up (suivi emploi) of a trainee: the words and the routing rule. */
export const EXIT_KINDS = ['terminee', 'emploi', 'abandon', 'exclusion'] as const;
export type ExitKind = (typeof EXIT_KINDS)[number];
export const CERTIFICATIONS = ['totale', 'partielle', 'aucune'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** Outcomes asked 3 and 6 months after the exit; the national indicator counts the first three as a job. */
export const FOLLOW_UP_OUTCOMES = ['emploi_1mois', 'contrat_aide', 'creation_entreprise', 'formation', 'aucune'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const FOLLOW_UP_STEPS = ['3m', '6m'] as const;
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number];

export type FollowUpPartnerKind = 'cap_emploi' | 'mission_locale' | 'france_travail';

/**
 * Who follows the person after the exit: Cap emploi for a recognised disabled worker, a Mission Locale for
 * under-26s, France Travail otherwise (and whenever no such partner is known for the case: since 2025
 * France Travail registers every person of the Réseau pour l'Emploi).
 */
export function followUpPartnerKind(ageAtExit: number, rqth: boolean): FollowUpPartnerKind {
  if (rqth) return 'cap_emploi';
  if (ageAtExit < 26) return 'mission_locale';
  return 'france_travail';
}

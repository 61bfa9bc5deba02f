/**
 * Contracts a company offers (and later declares) for a post. A closed list: the hiring check must be able
 * to say whether a declared contract meets the commitment, so "other" is not a kind.
 */
import type { IsoDate } from './dates';

/**
 * State-subsidised contracts ("contrats aidés par l'État"), excluded by "Une formation, un emploi" [REG].
 * - `contrat_aide_pec`: Parcours emploi compétences, i.e. CUI-CAE (non-market sector).
 * - `contrat_aide_cie`: CUI-CIE, contrat initiative emploi (market sector).
 * - `contrat_aide_cddi`: CDD d'insertion in an SIAE (insertion through economic activity).
 * - `contrat_aide_adulte_relais`: adulte-relais contract (State-funded, priority neighbourhoods).
 * - `contrat_aide_emploi_franc`: a CDI/CDD carrying the State's "emploi franc" hiring aid. [UNSURE] It is
 *   an aid rather than a contract; listed here so it can be declared, excluded by default. If the Région
 *   accepts it, add the kind to `allowed_contract_kinds` (a new dated row), no code change.
 */
export const CONTRATS_AIDES = [
  'contrat_aide_pec',
  'contrat_aide_cie',
  'contrat_aide_cddi',
  'contrat_aide_adulte_relais',
  'contrat_aide_emploi_franc',
] as const;

export type ContratAideKind = (typeof CONTRATS_AIDES)[number];

/** `interim`: a temporary-agency assignment; never what the scheme asks for, but it can be declared. */
export type ContractKind = 'cdi' | 'cdd' | 'apprentissage' | 'professionnalisation' | 'interim' | ContratAideKind;

export const CONTRACT_KINDS: readonly ContractKind[] = ['cdi', 'cdd', 'apprentissage', 'professionnalisation', 'interim', ...CONTRATS_AIDES];

export const isContratAide = (kind: ContractKind): kind is ContratAideKind => (CONTRATS_AIDES as readonly string[]).includes(kind);

/** Words for messages: "CDI", "contrat aidé (PEC)". */
export const CONTRACT_LABELS: Readonly<Record<ContractKind, string>> = {
  cdi: 'CDI',
  cdd: 'CDD',
  apprentissage: "contrat d'apprentissage",
  professionnalisation: 'contrat de professionnalisation',
  interim: "mission d'intérim",
  contrat_aide_pec: 'contrat aidé (PEC / CUI-CAE)',
  contrat_aide_cie: 'contrat aidé (CUI-CIE)',
  contrat_aide_cddi: "contrat aidé (CDD d'insertion)",
  contrat_aide_adulte_relais: 'contrat aidé (adulte-relais)',
  contrat_aide_emploi_franc: 'emploi franc (aide de l’État)',
};

export interface Contrat {
  kind: ContractKind;
  /** Null: open-ended (CDI, or apprenticeship / professionalisation concluded as a CDI). */
  durationMonths: number | null;
  weeklyHours: number;
}

/** What the company commits to for one post. */
export interface ContratPropose extends Contrat {
  plannedHiringDate: IsoDate;
  /** Name of the tutor the company designates; null or blank when none yet. */
  tuteur: string | null;
}

/** What the company declares at the hiring check. */
export interface ContratDeclare extends Contrat {
  startDate: IsoDate;
}

/**
 * Input that the rules cannot decide on (missing row, impossible dates, absences above the schedule...).
 * A distinct class so that the calling activity can fail without retrying: retrying will not fix the data.
 */
export class RemunerationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemunerationInputError';
  }
}

/**
 * A business rule refuses a request made by a person (caseworker, finance): the message is in French, for
 * them; `code` is stable, for the API and the tests. Distinct from RemunerationInputError (bad data):
 * both are non-retryable, but this one is answered to the user (HTTP 409/422), not logged as a bug.
 */
export class RemunerationRuleError<C extends string = string> extends Error {
  constructor(readonly code: C, message: string) {
    super(message);
    this.name = 'RemunerationRuleError';
  }
}

export type AidGrantErrorCode = 'quantite_invalide' | 'deja_accordee' | 'montant_hors_limite';

export class AidGrantError extends RemunerationRuleError<AidGrantErrorCode> {
  constructor(code: AidGrantErrorCode, message: string) {
    super(code, message);
    this.name = 'AidGrantError';
  }
}

export type OverpaymentErrorCode = 'montant_invalide' | 'indu_clos' | 'depasse_le_reste' | 'acteur_non_autorise' | 'motif_manquant' | 'date_invalide';

export class OverpaymentError extends RemunerationRuleError<OverpaymentErrorCode> {
  constructor(code: OverpaymentErrorCode, message: string) {
    super(code, message);
    this.name = 'OverpaymentError';
  }
}

export type ParameterProposalErrorCode =
  | 'date_invalide' | 'pas_un_premier_du_mois' | 'mois_deja_paye' | 'montant_invalide' | 'bornes_inversees'
  | 'valeur_invalide' | 'source_manquante' | 'verifie_manquant' | 'role_finance_requis' | 'meme_personne'
  | 'deja_traitee' | 'motif_manquant' | 'ligne_inconnue';

export class ParameterProposalError extends RemunerationRuleError<ParameterProposalErrorCode> {
  constructor(code: ParameterProposalErrorCode, message: string) {
    super(code, message);
    this.name = 'ParameterProposalError';
  }
}

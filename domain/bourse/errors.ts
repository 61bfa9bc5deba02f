/**
 * Typed errors of the bursary rules. Each sets a stable `name`: an activity that lets one escape becomes a
 * Temporal ApplicationFailure of that type, listed as non-retryable (retrying never loads a missing table).
 * Messages are in French because a caseworker reads them; they name a year or a rule, never a person.
 */
export class BourseRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BourseRuleError';
  }
}

/** Input the rules cannot decide on: not a whole number, impossible date, month outside the year... */
export class BourseInputError extends BourseRuleError {
  constructor(message: string) {
    super(message);
    this.name = 'BourseInputError';
  }
}

export type BaremeTable = 'plafonds de ressources' | 'montants des bourses';

/** No row at all for the academic year: the arrêté is not published or not loaded yet. */
export class BourseTableMissing extends BourseRuleError {
  constructor(readonly annee: string, readonly table: BaremeTable) {
    super(`le barème de l'année ${annee} n'est pas encore chargé (${table})`);
    this.name = 'BourseTableMissing';
  }
}

/** Rows exist but are incomplete, duplicated or inconsistent: loading them again will not help. */
export class BourseTableInvalid extends BourseRuleError {
  constructor(message: string) {
    super(`barème des bourses invalide : ${message}`);
    this.name = 'BourseTableInvalid';
  }
}

/** No row of a dated parameter (aid limits, delays) in force on the date. */
export class BourseParametreMissing extends BourseRuleError {
  constructor(readonly key: string, readonly date: string) {
    super(`le paramètre « ${key} » n'a pas de valeur en vigueur le ${date}`);
    this.name = 'BourseParametreMissing';
  }
}

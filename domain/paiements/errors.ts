/**
 * Typed errors of the payment rules. Each sets a stable `name`: an activity that lets one escape becomes a
 * Temporal ApplicationFailure of that type, which the retry policy lists as non-retryable (retrying a
 * wrong file never fixes it). Messages name the payment reference, never the IBAN or the beneficiary:
 * they end up in logs and in the Temporal history, which must hold no bank details.
 */
export class PaymentRuleError extends Error {
  constructor(message: string, readonly reference?: string) {
    super(message);
    this.name = 'PaymentRuleError';
  }
}

/** Bad input to the reference (case id, period or kind). */
export class InvalidReferenceInputError extends PaymentRuleError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReferenceInputError';
  }
}

/** The same payment twice in one file: the file is refused whole, nothing is paid twice. */
export class DuplicateReferenceError extends PaymentRuleError {
  constructor(reference: string) {
    super(`payment ${reference} is listed more than once`, reference);
    this.name = 'DuplicateReferenceError';
  }
}

export class InvalidIbanError extends PaymentRuleError {
  constructor(reference: string, what = 'IBAN') {
    super(`payment ${reference}: invalid ${what}`, reference);
    this.name = 'InvalidIbanError';
  }
}

/** Any other line or batch that cannot go into a payment file. */
export class InvalidPaymentLineError extends PaymentRuleError {
  constructor(reference: string, problem: string) {
    super(`payment ${reference}: ${problem}`, reference);
    this.name = 'InvalidPaymentLineError';
  }
}

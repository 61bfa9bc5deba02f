/**
 * Patch ids of the parcours workflow (docs/VERSIONING.md). Each guards a change of what running cases do;
 * a case whose history was recorded before the change replays the old branch.
 */

/** Part 2 (pay, exit, follow-up), added after part-1 cases were already running. */
export const PART_2_PATCH = 'parcours-part2-remuneration';

/**
 * The 2026 money (issue 8 §1): an aid grant is its own payment with a quantity (payAidGrant), a late
 * correction is decided against the ledger (correctPaidMonth: complement paid, each indu its own number),
 * and the exit moves what is left of the indus to a repayment order (settleAtExit).
 */
export const MONEY_2026_PATCH = 'parcours-money-2026';

/**
 * The month's payment sends the trainee's statement of the amount (relevé) itself, once the payment is committed
 * (issue 9 §2): one activity per payment instead of the payment's and the mail's, and the read model's state after
 * the payment written with it (domain/parcours/paiement-mensuel.ts).
 */
export const PAYMENT_MAIL_PATCH = 'parcours-payment-mail-2026';

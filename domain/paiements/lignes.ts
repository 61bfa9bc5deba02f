/**
 * Payment lines as the paying agent receives them, and the checks every file runs before writing a byte.
 * A file is all or nothing: one bad line refuses the whole file, so a batch is never half paid.
 */
import { DuplicateReferenceError, InvalidIbanError, InvalidPaymentLineError } from './errors';
import { bicMatchesIban, isValidBic, isValidIban, normalizeIban } from './iban';
import { isCents } from './montant';
import { paymentReference, referenceDiscriminators, type PaymentKind } from './reference';

export interface PaymentLine {
  /** paymentReference(caseId, period, kind, discriminators): checked, so a line cannot carry another payment's key. */
  reference: string;
  caseId: string;
  beneficiaryName: string;
  iban: string;
  bic?: string;
  /** Integer cents, > 0. */
  amountCents: number;
  /** YYYY-MM: the month the payment is for. */
  period: string;
  kind: PaymentKind;
  /** YYYY-MM-DD: requested execution date. */
  executionDate: string;
  /** Aid grants: the aid kind (reference.ts AID_PAYMENT_KINDS). */
  aidKind?: string | null;
  /** Repeated payments (aid grants, complements): their number; absent for a payment single in its period and kind. */
  seq?: number | null;
}

/** SEPA's upper bound for one transfer (999,999,999.99 €). */
const MAX_CENTS = 99_999_999_999;

export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function expectedReference(line: PaymentLine): string {
  try {
    return paymentReference(line.caseId, line.period, line.kind, referenceDiscriminators(line));
  } catch (error) {
    throw new InvalidPaymentLineError(line.reference, (error as Error).message);
  }
}

/** Returns the line in normal form (electronic IBAN, capital BIC, trimmed name). */
function checkLine(line: PaymentLine): PaymentLine {
  const ref = line.reference;
  if (expectedReference(line) !== ref) throw new InvalidPaymentLineError(ref, 'reference does not match case, period and kind');
  // An indu is money owed TO the Région: it is recovered by an ordre de reversement, never transferred.
  if (line.kind === 'INDU') throw new InvalidPaymentLineError(ref, 'an INDU is recovered, not paid by transfer');
  if (!isCents(line.amountCents) || line.amountCents <= 0 || line.amountCents > MAX_CENTS) {
    throw new InvalidPaymentLineError(ref, 'amount must be an integer number of cents, > 0');
  }
  if (!isCalendarDate(line.executionDate)) throw new InvalidPaymentLineError(ref, 'execution date must be YYYY-MM-DD');
  const beneficiaryName = line.beneficiaryName.trim();
  if (!beneficiaryName) throw new InvalidPaymentLineError(ref, 'beneficiary name is empty');
  const iban = normalizeIban(line.iban);
  if (!isValidIban(iban)) throw new InvalidIbanError(ref);
  const bic = line.bic?.trim().toUpperCase() || undefined;
  if (bic !== undefined && !(isValidBic(bic) && bicMatchesIban(bic, iban))) throw new InvalidIbanError(ref, 'BIC');
  const { caseId, amountCents, period, kind, executionDate, aidKind, seq } = line;
  return { reference: ref, caseId: caseId.toLowerCase(), beneficiaryName, iban, ...(bic ? { bic } : {}), amountCents, period, kind, executionDate,
    ...(aidKind ? { aidKind } : {}), ...(seq != null ? { seq } : {}) };
}

/**
 * Code-unit order on (execution date, reference), not localeCompare: the order, hence the bytes of the
 * file, must not depend on the machine's locale. References are unique, so the order is total.
 */
export const compareLines = (a: PaymentLine, b: PaymentLine): number =>
  a.executionDate < b.executionDate ? -1 : a.executionDate > b.executionDate ? 1 : a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;

/** Checked, normalised and sorted lines; throws on the first problem. The input is not modified. */
export function preparePaymentLines(lines: readonly PaymentLine[]): PaymentLine[] {
  if (lines.length === 0) throw new InvalidPaymentLineError('-', 'a payment file needs at least one line');
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.reference)) throw new DuplicateReferenceError(line.reference);
    seen.add(line.reference);
  }
  return lines.map(checkLine).sort(compareLines);
}

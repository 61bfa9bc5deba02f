/**
 * The payment file for the paying agent (e.g. the ASP), in two forms built from the same checked lines:
 * a CSV for finance and an ISO 20022 pain.001.001.09 SEPA credit transfer initiation for the bank.
 *
 * Reproducible: the same batch gives byte-identical files, whatever the input order, clock, locale or
 * time zone of the machine. Lines are sorted; the message id is a digest of the content; the creation
 * date-time is an input. Never twice: a batch with a duplicate reference is refused whole (lignes.ts),
 * and a resent identical batch carries the same MsgId, which banks refuse as a duplicate message.
 * Money: integer cents in, decimal strings out; control sums are added in integer cents.
 *
 * Node-only (csv-stringify, sepa, node:crypto): call it from an activity, not from workflow code.
 * The sepa library has module-wide switches (enableValidations, setIDSeparator); this relies on their
 * defaults, so nothing in the project should change them.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { Document } from 'sepa';
import { base32Crockford } from './reference';
import { InvalidIbanError, InvalidPaymentLineError } from './errors';
import { bicMatchesIban, isValidBic, isValidIban, normalizeIban } from './iban';
import { isCalendarDate, preparePaymentLines, type PaymentLine } from './lignes';
import { formatEuros, sumCents } from './montant';
import type { PaymentKind } from './reference';
import { sepaText } from './texte-sepa';

export type { PaymentLine } from './lignes';

/** EPC SCT rulebook version in force since November 2023 (ISO 20022 2019); supported by `sepa` 3.0.0. */
export const PAIN_FORMAT = 'pain.001.001.09';

/** The account paid from (the Région's or the paying agent's, held at the Banque de France). */
export interface Debtor {
  name: string;
  iban: string;
  bic?: string;
}

export interface PaymentBatch {
  debtor: Debtor;
  /**
   * Creation date-time written in the file (GrpHdr/CreDtTm), Paris wall-clock time "YYYY-MM-DDTHH:MM:SS".
   * An input, not the clock, so that generating the file again gives the same bytes.
   */
  createdAt: string;
  lines: readonly PaymentLine[];
}

const CSV_COLUMNS = [
  { key: 'reference', header: 'reference' },
  { key: 'caseId', header: 'dossier' },
  { key: 'beneficiaryName', header: 'beneficiaire' },
  { key: 'iban', header: 'iban' },
  { key: 'bic', header: 'bic' },
  { key: 'amount', header: 'montant_eur' },
  { key: 'period', header: 'periode' },
  { key: 'kind', header: 'nature' },
  { key: 'executionDate', header: 'date_execution' },
];

/** CSV, comma-separated, "\n" line ends, one header row, amounts like "1234.56". */
export function paymentCsv(lines: readonly PaymentLine[]): string {
  const records = preparePaymentLines(lines).map((l) => ({ ...l, bic: l.bic ?? '', amount: formatEuros(l.amountCents) }));
  // escape_formulas: finance opens this file in a spreadsheet; a name typed as "=..." must stay text.
  return stringify(records, { header: true, columns: CSV_COLUMNS, record_delimiter: 'unix', escape_formulas: true });
}

/** Remittance text the trainee sees on the statement; carries the reference to quote when calling the Région. */
const LABELS: Readonly<Record<Exclude<PaymentKind, 'INDU'>, string>> = {
  AVANCE: 'avance remuneration stagiaire',
  MENSUEL: 'remuneration stagiaire',
  AIDE_EQUIPEMENT: 'aide a l equipement',
  AIDE_MOBILITE: 'aide a la mobilite',
  SOLDE: 'solde remuneration stagiaire',
  BOURSE: 'bourse sanitaire et sociale',
  AIDE_URGENCE: 'aide ponctuelle d urgence',
  PRESTATION: 'formation sur mesure',
  COMPLEMENT: 'complement remuneration stagiaire',
};
// INDU lines never get here: preparePaymentLines refuses them.
const remittance = (l: PaymentLine): string =>
  sepaText(`Region Normandie ${LABELS[l.kind as Exclude<PaymentKind, 'INDU'>]} ${l.period} ${l.reference}`, 140);

function canonicalDigest(lines: readonly PaymentLine[], debtorIban: string): Buffer {
  const rows = lines.map((l) => [l.reference, l.caseId, l.beneficiaryName, l.iban, l.bic ?? '', l.amountCents, l.period, l.kind, l.executionDate]);
  return createHash('sha256').update(JSON.stringify([debtorIban, rows]), 'utf8').digest();
}

/**
 * "SPRFP" + 19 base32 characters (95 bits of SHA-256 over the checked lines and the debtor IBAN): 24
 * characters, which leaves the library room for PmtInfId (MsgId.<n>) and InstrId (MsgId.<n>.<m>) within
 * the 35 allowed. The creation time is left out on purpose: regenerating a batch must not make it new.
 */
const msgIdOf = (lines: readonly PaymentLine[], debtorIban: string): string =>
  `SPRFP${base32Crockford(canonicalDigest(lines, debtorIban), 19)}`;

export const messageId = (batch: PaymentBatch): string =>
  msgIdOf(preparePaymentLines(batch.lines), checkDebtor(batch.debtor).iban);

function checkDebtor(debtor: Debtor): Required<Pick<Debtor, 'name' | 'iban'>> & Debtor {
  const iban = normalizeIban(debtor.iban);
  if (!isValidIban(iban)) throw new InvalidIbanError('debtor');
  const bic = debtor.bic?.trim().toUpperCase() || undefined;
  if (bic !== undefined && !(isValidBic(bic) && bicMatchesIban(bic, iban))) throw new InvalidIbanError('debtor', 'BIC');
  const name = sepaText(debtor.name, 70);
  if (!name) throw new InvalidPaymentLineError('debtor', 'name is empty');
  return { name, iban, ...(bic ? { bic } : {}) };
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The library prints dates with the host's local-time getters. Building the Date from local fields makes
 * it print exactly those fields in any time zone; the round trip catches the one exception (a time that
 * a daylight-saving jump skips in the host zone) instead of writing a shifted time.
 */
function localDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(iso);
  if (!m || !isCalendarDate(iso.slice(0, 10))) throw new InvalidPaymentLineError('-', `bad date-time ${iso}`);
  const [y, mo, d, h = '12', mi = '00', s = '00'] = m.slice(1);
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const printed = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  if (!printed.startsWith(iso)) throw new InvalidPaymentLineError('-', `date-time ${iso} does not exist in the host time zone`);
  return date;
}

/** One payment information block per execution date, in date order. */
function groupByDate(lines: readonly PaymentLine[]): PaymentLine[][] {
  const groups = new Map<string, PaymentLine[]>();
  for (const line of lines) groups.set(line.executionDate, [...(groups.get(line.executionDate) ?? []), line]);
  return [...groups.values()];
}

function checkIdRoom(msgId: string, groups: readonly PaymentLine[][]): void {
  const longest = Math.max(...groups.map((g) => String(g.length - 1).length));
  if (msgId.length + 2 + String(groups.length - 1).length + longest > 35) {
    throw new InvalidPaymentLineError('-', 'too many lines for one file: split the batch');
  }
}

/**
 * The library prints amounts with Number#toFixed(2). cents/100 is the double nearest to the exact
 * decimal, off by at most half an ulp, and toFixed(2) prints that decimal exactly while the half ulp
 * stays under half a cent, i.e. below 2^45 € ≈ 3.5·10^13 €. A ceiling of 10^13 € per file keeps well
 * inside that (the Région's whole yearly budget is a few 10^9 €).
 */
const MAX_FILE_CENTS = 1e15;

/** SEPA credit transfer initiation, pain.001.001.09, one line of UTF-8 XML. */
export function paymentPain001(batch: PaymentBatch): string {
  const lines = preparePaymentLines(batch.lines);
  const debtor = checkDebtor(batch.debtor);
  const groups = groupByDate(lines);
  const doc = new Document(PAIN_FORMAT);
  doc.grpHdr.id = msgIdOf(lines, debtor.iban);
  checkIdRoom(doc.grpHdr.id, groups);
  doc.grpHdr.created = localDate(batch.createdAt);
  doc.grpHdr.initiatorName = debtor.name;
  const totalCents = sumCents(lines.map((l) => l.amountCents));
  if (totalCents > MAX_FILE_CENTS) throw new InvalidPaymentLineError('-', 'file total too large: split the batch');
  const blocks = groups.map((group) => addBlock(doc, debtor, group));
  // The library adds the control sums as floats; replace its normalize() by integer-cent sums.
  doc.normalize = () => {
    for (const { info, cents } of blocks) info.controlSum = cents / 100;
    doc.grpHdr.controlSum = totalCents / 100;
    doc.grpHdr.transactionCount = lines.length;
  };
  return serialize(doc);
}

function addBlock(doc: Document, debtor: ReturnType<typeof checkDebtor>, group: readonly PaymentLine[]) {
  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = localDate(group[0].executionDate);
  info.batchBooking = true; // one debit on the Région's statement per date, reconciled by PmtInfId
  info.debtorName = debtor.name;
  info.debtorIBAN = debtor.iban;
  info.debtorBIC = debtor.bic ?? '';
  doc.addPaymentInfo(info); // sets info.id, which prefixes the transactions' ids: add the block first
  for (const line of group) {
    const tx = info.createTransaction();
    tx.end2endId = line.reference;
    tx.amount = line.amountCents / 100; // exact decimal once printed by toFixed(2), see normalize above
    tx.creditorName = sepaText(line.beneficiaryName, 70) || 'BENEFICIAIRE'; // empty only if the name had no Latin letter
    tx.creditorIBAN = line.iban;
    tx.creditorBIC = line.bic ?? '';
    tx.remittanceInfo = remittance(line);
    info.addTransaction(tx);
  }
  return { info, cents: sumCents(group.map((l) => l.amountCents)) };
}

/**
 * Lines were checked above, so the library's own validation should never fire; if it does, its message
 * may quote an IBAN or a name, which must not reach logs: report the failure without it.
 */
function serialize(doc: Document): string {
  try {
    return doc.toString();
  } catch {
    throw new InvalidPaymentLineError('-', 'the SEPA library refused the file (its message is withheld: it may quote bank details)');
  }
}

/**
 * The paying agent's file: every pending payment, once, as a CSV for finance and a pain.001 for the bank.
 *
 * One transaction: (1) a transaction-level advisory lock, so two builds never run together (and never pick
 * the same file id); (2) the pending payments (no file yet, amount > 0), locked FOR UPDATE, with the case's
 * bank details and the person's name; (3) the CSV and the XML from domain/paiements (deterministic: same
 * lines, same bytes); (4) the file row with those bytes; (5) each payment marked with the file id. Either
 * all of it commits or none: a payment is never in two files, and never marked without its file.
 *
 * A payment whose line cannot go into a file (no bank details recorded, an IBAN that fails its checks) is
 * held back: it stays pending for a later file, and is reported by reference only. One trainee's wrong IBAN
 * must not hold up everyone's pay, and an all-or-nothing file (domain/paiements/lignes.ts) would.
 *
 * Bank details and names never leave this function except inside the file bytes: not in logs, errors or
 * Temporal histories.
 */
import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PaymentRuleError } from '../../domain/paiements/errors';
import { messageId, paymentCsv, paymentPain001, type Debtor, type PaymentBatch, type PaymentLine } from '../../domain/paiements/fichier';
import { bicMatchesIban, isValidBic, isValidIban, normalizeIban } from '../../domain/paiements/iban';
import { isCalendarDate, preparePaymentLines } from '../../domain/paiements/lignes';
import { sumCents } from '../../domain/paiements/montant';
import { sepaText } from '../../domain/paiements/texte-sepa';
import type { PaymentKind } from '../../domain/paiements/reference';
import { writeAudit } from '../case/audit';
import { logger } from '../../platform/logger';

export type { Debtor } from '../../domain/paiements/fichier';

export interface BuildPaymentFileInput {
  /** YYYY-MM-DD: the execution date requested from the bank. */
  executionDate: string;
  /** Paris wall-clock time "YYYY-MM-DDTHH:MM:SS", written in the file; its day names the file. */
  createdAt: string;
  /** The account paid from (the Région's, PAYING_AGENT_*). */
  debtor: Debtor;
  /** Actor (role:id) asking for the file; 'system' for a scheduled run. */
  createdBy?: string;
}

export interface HeldBackPayment {
  reference: string;
  /** Names the reference, never bank details. */
  problem: string;
}

export interface BuiltPaymentFile {
  id: string;
  executionDate: string;
  lineCount: number;
  totalCents: number;
  messageId: string;
  /** References carried by the file, sorted. */
  references: string[];
  csv: string;
  xml: string;
  heldBack: HeldBackPayment[];
}

/** Serialises file builds across API processes (any constant: the lock is local to this database). */
const FILE_LOCK_KEY = 'sprfp/payment_file';

/** Why this debtor cannot go in a file, or null when it can (checked before anything is read). */
export function debtorProblem(debtor: Partial<Debtor>): string | null {
  const iban = normalizeIban(debtor.iban ?? '');
  if (!isValidIban(iban)) return 'IBAN du compte payeur invalide';
  const bic = debtor.bic?.trim().toUpperCase();
  if (bic && !(isValidBic(bic) && bicMatchesIban(bic, iban))) return 'BIC du compte payeur invalide';
  if (!sepaText(debtor.name ?? '', 70)) return 'nom du compte payeur vide';
  return null;
}

interface PendingRow {
  reference: string;
  dossier_id: string;
  period: string;
  kind: PaymentKind;
  amount_cents: string;
  aid_kind: string | null;
  seq: number | null;
  iban: string | null;
  bic: string | null;
  holder: string;
}

function lineOf(row: PendingRow, executionDate: string): PaymentLine | HeldBackPayment {
  if (!row.iban) return { reference: row.reference, problem: `payment ${row.reference}: no bank details recorded for the case` };
  const line: PaymentLine = {
    reference: row.reference, caseId: row.dossier_id, beneficiaryName: row.holder, iban: row.iban,
    ...(row.bic ? { bic: row.bic } : {}), amountCents: Number(row.amount_cents), period: row.period, kind: row.kind, executionDate,
    aidKind: row.aid_kind, seq: row.seq,
  };
  try {
    preparePaymentLines([line]);
    return line;
  } catch (err) {
    if (err instanceof PaymentRuleError) return { reference: row.reference, problem: err.message };
    throw err;
  }
}

const isLine = (x: PaymentLine | HeldBackPayment): x is PaymentLine => 'iban' in x;

/** Builds, stores and returns the next file; null when no pending payment can go in one. */
export async function buildPaymentFile(em: EntityManager, input: BuildPaymentFileInput): Promise<BuiltPaymentFile | null> {
  if (!isCalendarDate(input.executionDate)) throw new PaymentRuleError(`execution date ${input.executionDate} must be YYYY-MM-DD`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(input.createdAt) || !isCalendarDate(input.createdAt.slice(0, 10))) {
    throw new PaymentRuleError(`creation date-time ${input.createdAt} must be YYYY-MM-DDTHH:MM:SS`);
  }
  const debtorIssue = debtorProblem(input.debtor);
  if (debtorIssue) throw new PaymentRuleError(debtorIssue);

  const result = await em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [FILE_LOCK_KEY]);
    const rows: PendingRow[] = await tx.execute(
      `select p.reference, p.dossier_id, p.period, p.kind, p.amount_cents, p.aid_kind, p.seq, b.iban, b.bic,
              coalesce(b.holder_name, pe.first_name || ' ' || pe.last_name) as holder
       from payment p
       join dossier d on d.id = p.dossier_id
       join person pe on pe.id = d.person_id
       left join bank_account b on b.dossier_id = p.dossier_id
       where p.payment_file_id is null and p.amount_cents > 0
       order by p.reference
       for update of p`);
    const checked = rows.map((row) => lineOf(row, input.executionDate));
    const lines = checked.filter(isLine);
    const heldBack = checked.filter((x): x is HeldBackPayment => !isLine(x));
    if (lines.length === 0) return { file: null, heldBack };

    const batch: PaymentBatch = { debtor: input.debtor, createdAt: input.createdAt, lines };
    const csv = paymentCsv(lines);
    const xml = paymentPain001(batch);
    const msgId = messageId(batch);
    const totalCents = sumCents(lines.map((l) => l.amountCents));
    const references = lines.map((l) => l.reference).sort();

    const day = input.createdAt.slice(0, 10).replace(/-/g, '');
    const [{ n }] = await tx.execute(
      `select coalesce(max(split_part(id, '-', 3)::int), 0) + 1 as n from payment_file where id like ?`, [`PF-${day}-%`]);
    const id = `PF-${day}-${n}`;
    await tx.execute(
      `insert into payment_file (id, created_by, execution_date, line_count, total_cents, message_id, csv, xml) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, input.createdBy ?? 'system', input.executionDate, lines.length, totalCents, msgId, csv, xml]);
    const marked = await tx.execute<QueryResult>(
      `update payment set payment_file_id = ? where payment_file_id is null and reference in (${references.map(() => '?').join(', ')})`,
      [id, ...references], 'run');
    if (marked.affectedRows !== references.length) throw new Error(`payment file ${id}: ${marked.affectedRows} of ${references.length} payments marked`);
    await writeAudit(tx, { operation: 'fichier_paiement_produit', actor: input.createdBy ?? 'system', detail:
      { fileId: id, lineCount: lines.length, totalCents, messageId: msgId, heldBack: heldBack.map((h) => h.reference) } });
    const file: BuiltPaymentFile = { id, executionDate: input.executionDate, lineCount: lines.length, totalCents, messageId: msgId, references, csv, xml, heldBack };
    return { file, heldBack };
  });

  if (result.heldBack.length > 0) {
    logger.warn({ fileId: result.file?.id ?? null, heldBack: result.heldBack }, 'payments held back from the payment file');
  }
  return result.file;
}

export type PaymentFileFormat = 'csv' | 'xml';

/** The stored bytes of a file, exactly as built; null when there is no such file. */
export async function readPaymentFile(em: EntityManager, id: string, format: PaymentFileFormat): Promise<string | null> {
  const column = format === 'csv' ? 'csv' : 'xml';
  const [row] = await em.execute(`select ${column} as content from payment_file where id = ?`, [id]);
  return row ? (row.content as string) : null;
}

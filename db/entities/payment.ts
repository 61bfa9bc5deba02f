import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { PaymentKind } from '../../domain/paiements/reference';
import { Dossier } from './dossier';

/**
 * The payment ledger (docs/PAIEMENTS.md). Written by activities/paiements with plain SQL (insert ... on
 * conflict do nothing): these schemas describe the tables for reads. Amounts are integer cents.
 */

/** One file handed to the paying agent: its exact bytes, served again as they were. */
export class PaymentFile {
  [OptionalProps]?: 'createdAt';
  /** `PF-<YYYYMMDD>-<n>`: the file's creation day (Paris) and its rank that day. */
  id!: string;
  createdAt: Date = new Date();
  /** Actor (role:id) who asked for the file. */
  createdBy!: string;
  executionDate!: string;
  lineCount!: number;
  totalCents!: number;
  /** The pain.001 MsgId (a digest of the lines): the bank refuses a second message with the same one. */
  messageId!: string;
  csv!: string;
  xml!: string;
}

/** A payment decided for a case, a period and a kind; its reference is the idempotency key and the SEPA EndToEndId. */
export class Payment {
  [OptionalProps]?: 'issuedAt' | 'paymentFile' | 'aidKind' | 'seq' | 'decisionKey';
  reference!: string;
  dossier!: Dossier;
  /** YYYY-MM: the month the payment is for. */
  period!: string;
  kind!: Exclude<PaymentKind, 'INDU'>;
  /** >= 0; 0 settles a month with nothing to transfer (never put in a file). */
  amountCents!: number;
  /** The computation shown to the trainee. */
  breakdown!: Record<string, unknown>;
  issuedAt: Date = new Date();
  /** The file that carried it; null while pending. */
  paymentFile: PaymentFile | null = null;
  /** Aid grants: the aid kind (equipement, mobilite_…). */
  aidKind: string | null = null;
  /** Grant number (per case and aid kind) or complement number (per month); null: single in its period and kind. */
  seq: number | null = null;
  /** The workflow's key of the decision that made it (grant, correction): a retry finds the row. */
  decisionKey: string | null = null;
}

export type OverpaymentStatus = 'a_recouvrer' | 'recouvre_partiellement' | 'recouvre' | 'remis';
export type RecoveryMethod = 'retenue' | 'ordre_de_reversement';

/** An overpayment (indu): money the trainee owes back. Reference: overpaymentReference(case, period, seq). */
export class Overpayment {
  [OptionalProps]?: 'status' | 'createdAt' | 'seq' | 'plan' | 'decisionKey';
  reference!: string;
  dossier!: Dossier;
  period!: string;
  /** Number in the month: a second lowering of a month is a second indu. */
  seq: number = 1;
  amountCents!: number;
  reason!: string;
  /** How what is left is recovered now. */
  plan: RecoveryMethod = 'ordre_de_reversement';
  /** Derived from the movements (domain/remuneration/indu.ts), stored for lists. */
  status: OverpaymentStatus = 'a_recouvrer';
  decisionKey: string | null = null;
  createdAt: Date = new Date();
}

/**
 * An overpayment's entries: a plan (the recovery method decided for the amount left, written with the
 * overpayment and when the plan changes) or a movement (money recovered by retenue or after a repayment
 * order, or remitted by a caseworker: remise), with its date, actor and reason.
 */
export class OverpaymentRecovery {
  [OptionalProps]?: 'id' | 'createdAt' | 'date' | 'actor' | 'reason' | 'paymentReference';
  id!: string;
  overpayment!: Overpayment;
  entryType!: 'plan' | 'movement';
  amountCents!: number;
  method!: RecoveryMethod | 'remise';
  date: string | null = null;
  actor: string | null = null;
  reason: string | null = null;
  /** A retenue: the payment it was withheld from. */
  paymentReference: string | null = null;
  createdAt: Date = new Date();
}

const cents = { type: new BigIntType('number'), columnType: 'bigint' } as const;
const period = { type: 'string', columnType: 'char(7)', length: 7 } as const;

export const PaymentFileSchema = new EntitySchema<PaymentFile>({
  class: PaymentFile,
  tableName: 'payment_file',
  properties: {
    id: { type: 'string', length: 20, primary: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    createdBy: { type: 'string', length: 120 },
    executionDate: { type: 'date' },
    lineCount: { type: 'integer' },
    totalCents: { ...cents },
    messageId: { type: 'string', length: 35, unique: 'payment_file_message_id_unique' },
    csv: { type: 'text', lazy: true },
    xml: { type: 'text', lazy: true },
  },
});

export const PaymentSchema = new EntitySchema<Payment>({
  class: Payment,
  tableName: 'payment',
  // Unique (case, period, kind, aid kind, number): an expression index of Migration20261208000000.
  properties: {
    reference: { type: 'string', length: 35, primary: true },
    dossier: { kind: 'm:1', entity: () => Dossier },
    period: { ...period },
    kind: { type: 'string', length: 20 },
    amountCents: { ...cents },
    breakdown: { type: 'json' },
    issuedAt: { type: 'datetime', onCreate: () => new Date() },
    paymentFile: { kind: 'm:1', entity: () => PaymentFile, nullable: true, index: true },
    aidKind: { type: 'string', length: 30, nullable: true },
    seq: { type: 'integer', nullable: true },
    decisionKey: { type: 'string', length: 80, nullable: true },
  },
});

export const OverpaymentSchema = new EntitySchema<Overpayment>({
  class: Overpayment,
  tableName: 'overpayment',
  uniques: [{ properties: ['dossier', 'period', 'seq'], name: 'overpayment_dossier_period_seq_unique' }],
  properties: {
    reference: { type: 'string', length: 35, primary: true },
    dossier: { kind: 'm:1', entity: () => Dossier },
    period: { ...period },
    seq: { type: 'integer' },
    amountCents: { ...cents },
    reason: { type: 'string', length: 500 },
    plan: { type: 'string', length: 30 },
    status: { type: 'string', length: 30 },
    decisionKey: { type: 'string', length: 80, nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
});

export const OverpaymentRecoverySchema = new EntitySchema<OverpaymentRecovery>({
  class: OverpaymentRecovery,
  tableName: 'overpayment_recovery',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    overpayment: { kind: 'm:1', entity: () => Overpayment, fieldName: 'overpayment_reference', index: true },
    entryType: { type: 'string', length: 10 },
    amountCents: { ...cents },
    method: { type: 'string', length: 30 },
    date: { type: 'date', nullable: true },
    actor: { type: 'string', length: 120, nullable: true },
    reason: { type: 'text', nullable: true },
    paymentReference: { type: 'string', length: 35, nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
});

export const LEDGER_ENTITIES = [PaymentFileSchema, PaymentSchema, OverpaymentSchema, OverpaymentRecoverySchema];

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
  [OptionalProps]?: 'issuedAt' | 'paymentFile';
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
}

export type OverpaymentStatus = 'a_recouvrer' | 'recouvre';
export type RecoveryMethod = 'retenue' | 'ordre_de_reversement';

/** An overpayment (indu): money the trainee owes back. Reference: paymentReference(case, period, 'INDU'). */
export class Overpayment {
  [OptionalProps]?: 'status' | 'createdAt';
  reference!: string;
  dossier!: Dossier;
  period!: string;
  amountCents!: number;
  reason!: string;
  status: OverpaymentStatus = 'a_recouvrer';
  createdAt: Date = new Date();
}

/** How an overpayment is (being) recovered; the first entry is written with the overpayment itself. */
export class OverpaymentRecovery {
  [OptionalProps]?: 'id' | 'createdAt';
  id!: string;
  overpayment!: Overpayment;
  amountCents!: number;
  method!: RecoveryMethod;
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
  uniques: [{ properties: ['dossier', 'period', 'kind'], name: 'payment_dossier_period_kind_unique' }],
  properties: {
    reference: { type: 'string', length: 35, primary: true },
    dossier: { kind: 'm:1', entity: () => Dossier },
    period: { ...period },
    kind: { type: 'string', length: 20 },
    amountCents: { ...cents },
    breakdown: { type: 'json' },
    issuedAt: { type: 'datetime', onCreate: () => new Date() },
    paymentFile: { kind: 'm:1', entity: () => PaymentFile, nullable: true, index: true },
  },
});

export const OverpaymentSchema = new EntitySchema<Overpayment>({
  class: Overpayment,
  tableName: 'overpayment',
  uniques: [{ properties: ['dossier', 'period'], name: 'overpayment_dossier_period_unique' }],
  properties: {
    reference: { type: 'string', length: 35, primary: true },
    dossier: { kind: 'm:1', entity: () => Dossier },
    period: { ...period },
    amountCents: { ...cents },
    reason: { type: 'string', length: 500 },
    status: { type: 'string', length: 20 },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
});

export const OverpaymentRecoverySchema = new EntitySchema<OverpaymentRecovery>({
  class: OverpaymentRecovery,
  tableName: 'overpayment_recovery',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    overpayment: { kind: 'm:1', entity: () => Overpayment, fieldName: 'overpayment_reference', index: true },
    amountCents: { ...cents },
    method: { type: 'string', length: 30 },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
});

export const LEDGER_ENTITIES = [PaymentFileSchema, PaymentSchema, OverpaymentSchema, OverpaymentRecoverySchema];

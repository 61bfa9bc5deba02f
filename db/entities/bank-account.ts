import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { Dossier } from './dossier';

/**
 * The bank account a case's payments go to, whatever the process (a trainee's pay, a student's bursary, a
 * provider's payment for a sur-mesure order). The payment files read it; it never enters a workflow.
 */
export class BankAccount {
  [OptionalProps]?: 'bic' | 'holderName' | 'recordedAt';
  dossier!: Dossier;
  iban!: string;
  bic: string | null = null;
  /** The account holder when it is not the case's person (an organisation); null: the person. */
  holderName: string | null = null;
  recordedBy!: string;
  recordedAt: Date = new Date();
}

export const BankAccountSchema = new EntitySchema<BankAccount>({
  class: BankAccount,
  tableName: 'bank_account',
  properties: {
    dossier: { kind: '1:1', entity: () => Dossier, primary: true, owner: true },
    iban: { type: 'string', length: 34 },
    bic: { type: 'string', length: 11, nullable: true },
    holderName: { type: 'string', length: 140, nullable: true },
    recordedBy: { type: 'string', length: 120 },
    recordedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

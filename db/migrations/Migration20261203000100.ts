import { Migration } from '@mikro-orm/migrations';

/**
 * Bank details become the case core's: `bank_account` holds the account a case's payments go to, for every
 * process (trainee pay, bursaries, providers' payments), so one payment file serves them all. The trainees'
 * accounts move there from the pay file, as they are.
 */
export class Migration20261203000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "bank_account" (
      "dossier_id" uuid not null primary key references "dossier" ("id") on update cascade on delete cascade,
      "iban" varchar(34) not null,
      "bic" varchar(11) null,
      "holder_name" varchar(140) null,
      "recorded_by" varchar(120) not null,
      "recorded_at" timestamptz not null default now());`);
    this.addSql(`insert into "bank_account" ("dossier_id", "iban", "bic", "recorded_by", "recorded_at")
      select "dossier_id", "iban", "bic", "recorded_by", "recorded_at" from "remuneration_dossier";`);
    this.addSql(`alter table "remuneration_dossier" drop column "iban", drop column "bic";`);
  }
}

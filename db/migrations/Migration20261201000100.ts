import { Migration } from '@mikro-orm/migrations';

/**
 * The payment ledger and the paying agent's files (docs/PAIEMENTS.md).
 *
 * - `payment`: one row per payment decided, keyed by its reference (domain/paiements/reference.ts), which is
 *   a function of (case, period, kind): the primary key and the unique (dossier_id, period, kind) make a
 *   retried or replayed activity find its earlier row instead of paying twice. Amount 0 is allowed (a month
 *   fully absent is settled, with nothing to transfer).
 * - `overpayment` (indu) and `overpayment_recovery` (how it is recovered: a deduction from a later payment,
 *   retenue, or a repayment order, ordre de reversement).
 * - `payment_file`: each file handed to the paying agent, with its exact bytes; a payment points at the file
 *   that carried it, so it is never listed twice.
 */
export class Migration20261201000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "payment_file" (
      "id" varchar(20) not null,
      "created_at" timestamptz not null default now(),
      "created_by" varchar(120) not null,
      "execution_date" date not null,
      "line_count" int not null check ("line_count" > 0),
      "total_cents" bigint not null check ("total_cents" > 0),
      "message_id" varchar(35) not null,
      "csv" text not null,
      "xml" text not null,
      constraint "payment_file_pkey" primary key ("id"),
      constraint "payment_file_message_id_unique" unique ("message_id"));`);
    this.addSql(`create table "payment" (
      "reference" varchar(35) not null,
      "dossier_id" uuid not null,
      "period" char(7) not null check ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      "kind" varchar(20) not null check ("kind" in ('AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'SOLDE')),
      "amount_cents" bigint not null check ("amount_cents" >= 0),
      "breakdown" jsonb not null,
      "issued_at" timestamptz not null default now(),
      "payment_file_id" varchar(20) null,
      constraint "payment_pkey" primary key ("reference"),
      constraint "payment_dossier_period_kind_unique" unique ("dossier_id", "period", "kind"),
      constraint "payment_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade,
      constraint "payment_payment_file_id_foreign" foreign key ("payment_file_id") references "payment_file" ("id") on update cascade);`);
    // What the next file will carry: small, since filed payments leave it.
    this.addSql(`create index "payment_pending_index" on "payment" ("reference") where "payment_file_id" is null and "amount_cents" > 0;`);
    this.addSql(`create index "payment_payment_file_id_index" on "payment" ("payment_file_id");`);
    this.addSql(`create table "overpayment" (
      "reference" varchar(35) not null,
      "dossier_id" uuid not null,
      "period" char(7) not null check ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      "amount_cents" bigint not null check ("amount_cents" > 0),
      "reason" varchar(500) not null,
      "status" varchar(20) not null default 'a_recouvrer' check ("status" in ('a_recouvrer', 'recouvre')),
      "created_at" timestamptz not null default now(),
      constraint "overpayment_pkey" primary key ("reference"),
      constraint "overpayment_dossier_period_unique" unique ("dossier_id", "period"),
      constraint "overpayment_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade);`);
    this.addSql(`create table "overpayment_recovery" (
      "id" bigserial not null,
      "overpayment_reference" varchar(35) not null,
      "amount_cents" bigint not null check ("amount_cents" > 0),
      "method" varchar(30) not null check ("method" in ('retenue', 'ordre_de_reversement')),
      "created_at" timestamptz not null default now(),
      constraint "overpayment_recovery_pkey" primary key ("id"),
      constraint "overpayment_recovery_overpayment_reference_foreign" foreign key ("overpayment_reference")
        references "overpayment" ("reference") on update cascade);`);
    this.addSql(`create index "overpayment_recovery_overpayment_reference_index" on "overpayment_recovery" ("overpayment_reference");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "overpayment_recovery";`);
    this.addSql(`drop table if exists "overpayment";`);
    this.addSql(`drop table if exists "payment";`);
    this.addSql(`drop table if exists "payment_file";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Part 2 of the trainee journey: the case's pay file (dossier de rémunération), attendance statements,
 * and the projection columns of entry, exit and follow-up that the indicators read.
 */
export class Migration20261201000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "dossier"
      add column "entry_date" date null,
      add column "exit_kind" varchar(20) null,
      add column "exit_date" date null,
      add column "certification" varchar(20) null,
      add column "outcome_3m" varchar(30) null,
      add column "outcome_6m" varchar(30) null;`);
    this.addSql(`create table "remuneration_dossier" (
      "dossier_id" uuid not null primary key references "dossier" ("id") on delete cascade,
      "iban" varchar(34) not null,
      "bic" varchar(11) null,
      "rythme" varchar(20) not null,
      "profile" jsonb not null,
      "bareme" jsonb null,
      "recorded_by" varchar(120) not null,
      "recorded_at" timestamptz not null default now());`);
    this.addSql(`create table "attendance_statement" (
      "dossier_id" uuid not null references "dossier" ("id") on delete cascade,
      "period" char(7) not null,
      "scheduled_minutes" int not null check ("scheduled_minutes" >= 0),
      "unjustified_absence_minutes" int not null check ("unjustified_absence_minutes" >= 0),
      "ij_cents" bigint not null default 0 check ("ij_cents" >= 0),
      "certified_by" varchar(120) not null,
      "certified_at" timestamptz not null,
      "version" int not null,
      primary key ("dossier_id", "period"));`);
    this.addSql(`create index "dossier_entry_date_index" on "dossier" ("entry_date");`);
    this.addSql(`create index "dossier_exit_date_index" on "dossier" ("exit_date");`);
  }
}

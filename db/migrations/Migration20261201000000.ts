import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_REMUNERATION_PARAMETERS as D } from '../../domain/remuneration/parameters';

/**
 * Part 2 of the trainee journey: the dated parameter tables of trainee pay (seeded with décret 2021-522;
 * each 1 April uprating is a new row), the case's pay file (dossier de rémunération), attendance statements,
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
    this.parameterTables();
    this.addSql(`create index "dossier_exit_date_index" on "dossier" ("exit_date");`);
  }

  private parameterTables(): void {
    this.addSql(`create table "remuneration_rate" ("category" varchar(40) not null, "effective_from" date not null,
      "monthly_cents" int not null check ("monthly_cents" > 0), primary key ("category", "effective_from"));`);
    this.addSql(`create table "rqth_salary_bounds" ("effective_from" date not null primary key,
      "min_cents" int not null, "max_cents" int not null check ("max_cents" >= "min_cents"));`);
    this.addSql(`create table "aid_amount" ("kind" varchar(40) not null, "effective_from" date not null,
      "amount_cents" int not null check ("amount_cents" > 0), "unit" varchar(20) not null, primary key ("kind", "effective_from"));`);
    this.addSql(`create table "remuneration_setting" ("key" varchar(60) not null, "effective_from" date not null,
      "value" int not null, primary key ("key", "effective_from"));`);
    // The rows of décret 2021-522 only: later upratings are Migration20261205000200's, whatever the defaults hold now.
    const initial = <T extends { effectiveFrom: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.effectiveFrom < '2023-01-01');
    for (const r of initial(D.rates)) this.addSql(`insert into "remuneration_rate" values ('${r.category}', '${r.effectiveFrom}', ${r.monthlyCents});`);
    for (const b of initial(D.rqthSalaryBounds)) this.addSql(`insert into "rqth_salary_bounds" values ('${b.effectiveFrom}', ${b.minCents}, ${b.maxCents});`);
    for (const a of D.aids) this.addSql(`insert into "aid_amount" values ('${a.kind}', '${a.effectiveFrom}', ${a.amountCents}, '${a.unit}');`);
    const settings: [string, number][] = [
      ['part_time_divisor_hundredths_of_hour', D.partTimeDivisorHundredthsOfHour],
      ['prior_work_min_months_in_12', D.priorWork.minMonthsInLast12],
      ['prior_work_min_months_in_24', D.priorWork.minMonthsInLast24],
      // [REG] The avance paid in the first days: a share of the first month's full-time amount (assumption, a parameter).
      ['avance_percent', 50],
    ];
    for (const [key, value] of settings) this.addSql(`insert into "remuneration_setting" values ('${key}', '2021-05-01', ${value});`);
  }
}

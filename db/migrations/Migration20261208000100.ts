import { Migration } from '@mikro-orm/migrations';

/**
 * Finance is told once of a 1 April uprating not entered yet (domain/remuneration/etat-parametres.ts): each
 * notice, by its stable key, is shown on GET /parametres/remuneration until a finance user marks it read;
 * then it is never shown again, even if the row is still missing.
 */
export class Migration20261208000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "parameter_notice" (
      "key" varchar(120) not null primary key,
      "message" text not null,
      "first_shown_at" timestamptz not null default now(),
      "read_by" varchar(120) null,
      "read_at" timestamptz null,
      constraint "parameter_notice_read" check (("read_by" is null) = ("read_at" is null)));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "parameter_notice";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Open Badges "La Normandie badge les compétences": the assertions awarded on cases, served publicly at
 * /badges/assertions/:id (hosted verification). One row per (case, badge); a revoked one answers 410.
 */
export class Migration20261201000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "badge_assertion" (
      "id" uuid not null,
      "dossier_id" uuid not null,
      "badge_key" varchar(40) not null,
      "level" varchar(20) null,
      "salt" varchar(64) not null,
      "issued_on" timestamptz not null,
      "awarded_by" varchar(120) not null,
      "revoked" boolean not null default false,
      constraint "badge_assertion_pkey" primary key ("id"),
      constraint "badge_assertion_dossier_badge_unique" unique ("dossier_id", "badge_key"));`);
    this.addSql(`alter table "badge_assertion" add constraint "badge_assertion_dossier_id_foreign" foreign key ("dossier_id")
      references "dossier" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "badge_assertion";`);
  }
}

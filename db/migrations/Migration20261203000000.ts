import { Migration } from '@mikro-orm/migrations';

/**
 * The case core: `dossier` becomes process-neutral (person, process kind, stage, referent, open/closed, and a
 * duplicate key), and what only a trainee journey has moves to its satellite `parcours_dossier`, rows copied
 * as they are. "One open case per person and session" becomes "one open case per person, process and key".
 */
export class Migration20261203000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "dossier" add column "process_kind" varchar(30) not null default 'parcours',
      add column "dedup_key" varchar(100) null;`);
    this.addSql(`create table "parcours_dossier" (
      "dossier_id" uuid not null primary key references "dossier" ("id") on update cascade on delete cascade,
      "session_id" uuid not null references "formation_session" ("id") on update cascade,
      "prescripteur_id" uuid null references "organisation" ("id") on update cascade on delete set null,
      "prescripteur_reference" varchar(100) null,
      "entry_date" date null,
      "exit_kind" varchar(20) null,
      "exit_date" date null,
      "certification" varchar(20) null,
      "outcome_3m" varchar(30) null,
      "outcome_6m" varchar(30) null,
      constraint "parcours_dossier_prescription_unique" unique ("prescripteur_id", "prescripteur_reference"));`);
    this.addSql(`insert into "parcours_dossier" select "id", "session_id", "prescripteur_id", "prescripteur_reference", "entry_date",
      "exit_kind", "exit_date", "certification", "outcome_3m", "outcome_6m" from "dossier";`);
    this.addSql(`update "dossier" set "dedup_key" = "session_id"::text;`);
    this.addSql(`drop index "dossier_person_session_open_unique";`);
    this.addSql(`alter table "dossier" drop constraint "dossier_prescription_unique";`);
    this.addSql(`alter table "dossier" drop column "session_id", drop column "prescripteur_id", drop column "prescripteur_reference",
      drop column "entry_date", drop column "exit_kind", drop column "exit_date", drop column "certification",
      drop column "outcome_3m", drop column "outcome_6m";`);
    this.addSql(`alter table "dossier" alter column "process_kind" drop default, alter column "stage" drop default;`);
    this.addSql(`create unique index "dossier_person_process_key_open_unique" on "dossier" ("person_id", "process_kind", "dedup_key")
      where "open" and "dedup_key" is not null;`);
    this.addSql(`create index "dossier_process_kind_stage_index" on "dossier" ("process_kind", "stage");`);
    this.addSql(`create index "parcours_dossier_session_id_index" on "parcours_dossier" ("session_id");`);
    this.addSql(`create index "parcours_dossier_prescripteur_id_index" on "parcours_dossier" ("prescripteur_id");`);
    this.addSql(`create index "parcours_dossier_entry_date_index" on "parcours_dossier" ("entry_date");`);
    this.addSql(`create index "parcours_dossier_exit_date_index" on "parcours_dossier" ("exit_date");`);
  }
}

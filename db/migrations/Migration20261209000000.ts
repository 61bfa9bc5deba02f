import { Migration } from '@mikro-orm/migrations';

/**
 * The caseworkers' console (docs/CONSOLE.md):
 * - `console_session`: a signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
 *   copy of this table opens no session. The principal is the one the API's tokens carry (api/auth.ts).
 * - `dossier.assigned_to` (the caseworker working the case, "caseworker:<sub>"), `dossier.echeance_at/kind`
 *   (the pending deadline of the case, projected by the workflow kernel: workflows/case/deadlines.ts): the work
 *   queue sorts and filters on them without asking each workflow.
 * - `dossier_suivi`: who follows which case (a caseworker may follow cases they are not assigned).
 * - Indexes for the work queue at 100,000 cases: open cases by deadline, by assignee, name and birth-date search.
 */
export class Migration20261209000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "console_session" (
      "id" char(64) not null primary key,
      "principal" jsonb not null,
      "csrf" varchar(64) not null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null);`);
    this.addSql(`create index "console_session_expires_at_index" on "console_session" ("expires_at");`);
    this.addSql(`alter table "dossier" add column "assigned_to" varchar(120) null, add column "echeance_at" timestamptz null,
      add column "echeance_kind" varchar(40) null;`);
    this.addSql(`create table "dossier_suivi" (
      "dossier_id" uuid not null references "dossier" ("id") on delete cascade,
      "actor" varchar(120) not null,
      "created_at" timestamptz not null default now(),
      primary key ("dossier_id", "actor"));`);
    this.addSql(`create index "dossier_suivi_actor_index" on "dossier_suivi" ("actor");`);
    // The queue: open cases, nearest deadline first (nulls last), then the newest.
    this.addSql(`create index "dossier_queue_index" on "dossier" ("echeance_at" asc nulls last, "created_at" desc, "id") where "open";`);
    this.addSql(`create index "dossier_assigned_queue_index" on "dossier" ("assigned_to", "echeance_at" asc nulls last, "created_at" desc) where "open";`);
    this.addSql(`create index "dossier_stage_queue_index" on "dossier" ("stage", "echeance_at" asc nulls last, "created_at" desc) where "open";`);
    this.addSql(`create index "person_last_name_search_index" on "person" (lower("last_name") text_pattern_ops);`);
    this.addSql(`create index "person_birth_date_index" on "person" ("birth_date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "person_birth_date_index";`);
    this.addSql(`drop index if exists "person_last_name_search_index";`);
    this.addSql(`drop table if exists "dossier_suivi";`);
    this.addSql(`alter table "dossier" drop column "assigned_to", drop column "echeance_at", drop column "echeance_kind";`);
    this.addSql(`drop table if exists "console_session";`);
  }
}

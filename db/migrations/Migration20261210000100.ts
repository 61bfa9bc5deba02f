import { Migration } from '@mikro-orm/migrations';

/**
 * The statements' inbox (issue 9 §3, api/parcours/etats-presence-inbox.ts): a provider's statement, checked by
 * the API against the case's read model, is accepted here in one insert (its answer: 202) and handed to the
 * case's workflow by the relay at the workers' pace. `status`: recu (waiting), en_cours (with the relay until
 * `claimed_until`), then the workflow's outcome (enregistre, corrige, inchange) or refuse (code, motif), or
 * remplace (a later statement of the same month arrived before it was handed over).
 */
export class Migration20261210000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "statement_inbox" (
      "id" bigserial primary key,
      "dossier_id" uuid not null references "dossier" ("id") on delete cascade,
      "period" char(7) not null,
      "statement" jsonb not null,
      "actor" varchar(120) not null,
      "received_at" timestamptz not null default now(),
      "status" varchar(12) not null default 'recu',
      "claimed_until" timestamptz null,
      "attempts" int not null default 0,
      "code" varchar(40) null,
      "motif" varchar(400) null,
      "seq" int null,
      "done_at" timestamptz null);`);
    this.addSql(`create index "statement_inbox_waiting_index" on "statement_inbox" ("id") where "status" in ('recu', 'en_cours');`);
    this.addSql(`create index "statement_inbox_case_index" on "statement_inbox" ("dossier_id", "period", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "statement_inbox";`);
  }
}

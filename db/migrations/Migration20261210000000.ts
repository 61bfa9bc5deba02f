import { Migration } from '@mikro-orm/migrations';

/**
 * The case page's read model (issue 9 §3, docs/SCALE.md): the state of each case's workflow as of its last
 * change, written by the workflow's own activities (activities/case/snapshot.ts), read by `GET /cases/{id}`
 * instead of a query of the workflow (which replays an evicted case and evicts another from the worker's cache).
 * `seq`: the journal's length in that state (stale when lower than `dossier.stage_seq`); `at`: the workflow's
 * time of the change (a late or retried write of an older state never overwrites a newer one).
 */
export class Migration20261210000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "case_snapshot" (
      "dossier_id" uuid not null primary key references "dossier" ("id") on delete cascade,
      "seq" int not null,
      "at" timestamptz not null,
      "state" jsonb not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_snapshot";`);
  }
}

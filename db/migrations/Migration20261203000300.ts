import { Migration } from '@mikro-orm/migrations';

/** Incidents of cases (an activity that keeps failing): projected on the case row for its page, lists and health. */
export class Migration20261203000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "dossier" add column "incident_since" timestamptz null, add column "incident_workflow_id" varchar(200) null,
      add column "incident_detail" varchar(400) null;`);
    this.addSql(`create index "dossier_incident_index" on "dossier" ("incident_since") where "incident_since" is not null;`);
  }
}

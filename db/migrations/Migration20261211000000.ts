import { Migration } from '@mikro-orm/migrations';

/**
 * The read model for every process (issue 9 §3): `complete` says the snapshot comes from a workflow run that
 * projects every change of its state (workflows/case/kernel.ts `ownChanges`); the API trusts only those
 * (api/case/state.ts). The trainee journey's snapshots were complete by construction since the read model began
 * (its changes all go with the kernel's activities): they are marked so. A bursary, an aid or an order started
 * before `case-read-model-2026` keeps `false` (its waits set deadlines no activity carried): its page queries it.
 */
export class Migration20261211000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "case_snapshot" add column "complete" boolean not null default false;`);
    this.addSql(`update "case_snapshot" s set "complete" = true from "dossier" d where d."id" = s."dossier_id" and d."process_kind" = 'parcours';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "case_snapshot" drop column "complete";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** The adviser's name beside their mailbox: mails to a person name who follows them and how to reach them. */
export class Migration20261203000400 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "dossier" add column "referent_name" varchar(200) null;`);
  }
}

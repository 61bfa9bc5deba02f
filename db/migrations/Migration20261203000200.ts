import { Migration } from '@mikro-orm/migrations';

/**
 * The ledger pays every process: bursary instalments, emergency aids and providers' services join trainee pay.
 * Organisations get their SIRET (companies ordering sur-mesure trainings, providers), unique when known.
 */
export class Migration20261203000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "payment" drop constraint "payment_kind_check";`);
    this.addSql(`alter table "payment" add constraint "payment_kind_check" check ("kind" in
      ('AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'SOLDE', 'BOURSE', 'AIDE_URGENCE', 'PRESTATION'));`);
    this.addSql(`alter table "organisation" add column "siret" varchar(14) null, add constraint "organisation_siret_unique" unique ("siret");`);
  }
}

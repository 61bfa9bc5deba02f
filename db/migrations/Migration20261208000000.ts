import { Migration } from '@mikro-orm/migrations';

/**
 * The ledger holds payments that repeat within one (case, period, kind), and the life of overpayments
 * (docs/PAIEMENTS.md, domain/remuneration/README.md).
 *
 * payment:
 * - kind COMPLEMENT (code CO): what a late correction adds to a month already paid;
 * - `aid_kind` (aid grants) and `seq` (the grant's number per case and aid kind, or the complement's number in
 *   its month): part of the reference (domain/paiements/reference.ts) and of the unique key, which becomes
 *   (case, period, kind, aid kind, number). A row without number keeps the reference without discriminator:
 *   aids granted before this migration are such rows; their aid kind is read back from their breakdown
 *   (`Aide (<kind>) : …`, the only text the old activity wrote);
 * - `decision_key`: the workflow's key of the decision that made the payment (a grant, a correction), so a
 *   retried activity finds its row instead of deciding again.
 * overpayment: `seq` (number in the month: a second lowering of a month is a second indu), `plan` (how it is
 * recovered now: retenue or ordre de reversement), `decision_key`, and the statuses of its life.
 * overpayment_recovery: `entry_type` tells a plan entry (the recovery method decided, for the amount left;
 * every row written before this migration is one) from a movement (money recovered by retenue or after a
 * repayment order, or remitted: remise), with its date, actor, reason and the payment a retenue came from.
 */
export class Migration20261208000000 extends Migration {
  override async up(): Promise<void> {
    this.payment();
    this.overpayment();
    this.recovery();
  }

  private payment(): void {
    this.addSql(`alter table "payment" drop constraint "payment_kind_check";`);
    this.addSql(`alter table "payment" add constraint "payment_kind_check" check ("kind" in
      ('AVANCE', 'MENSUEL', 'AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'SOLDE', 'BOURSE', 'AIDE_URGENCE', 'PRESTATION', 'COMPLEMENT'));`);
    this.addSql(`alter table "payment" add column "aid_kind" varchar(30) null, add column "seq" int null check ("seq" >= 1),
      add column "decision_key" varchar(80) null;`);
    this.addSql(`update "payment" set "aid_kind" = 'equipement' where "kind" = 'AIDE_EQUIPEMENT';`);
    this.addSql(`update "payment" set "aid_kind" = substring("breakdown"->'lines'->>0 from 'Aide \\((mobilite_[a-z]+)\\)')
      where "kind" = 'AIDE_MOBILITE';`);
    this.addSql(`alter table "payment" add constraint "payment_aid_kind_check" check ("aid_kind" is null or
      ("kind" = 'AIDE_EQUIPEMENT' and "aid_kind" = 'equipement') or
      ("kind" = 'AIDE_MOBILITE' and "aid_kind" in ('mobilite_transport', 'mobilite_hebergement', 'mobilite_restauration')));`);
    this.addSql(`alter table "payment" add constraint "payment_seq_kind_check" check (("kind" = 'COMPLEMENT') <= ("seq" is not null)
      and ("seq" is null or "kind" in ('AIDE_EQUIPEMENT', 'AIDE_MOBILITE', 'COMPLEMENT')));`);
    this.addSql(`alter table "payment" drop constraint "payment_dossier_period_kind_unique";`);
    this.addSql(`create unique index "payment_dossier_period_kind_seq_unique" on "payment"
      ("dossier_id", "period", "kind", coalesce("aid_kind", ''), coalesce("seq", 0));`);
    this.addSql(`create unique index "payment_dossier_decision_key_unique" on "payment" ("dossier_id", "decision_key")
      where "decision_key" is not null;`);
  }

  private overpayment(): void {
    this.addSql(`alter table "overpayment" add column "seq" int not null default 1 check ("seq" >= 1),
      add column "plan" varchar(30) not null default 'ordre_de_reversement' check ("plan" in ('retenue', 'ordre_de_reversement')),
      add column "decision_key" varchar(80) null;`);
    this.addSql(`update "overpayment" o set "plan" = r."method" from (select distinct on ("overpayment_reference") "overpayment_reference", "method"
      from "overpayment_recovery" order by "overpayment_reference", "id") r where r."overpayment_reference" = o."reference";`);
    this.addSql(`alter table "overpayment" drop constraint "overpayment_dossier_period_unique";`);
    this.addSql(`alter table "overpayment" add constraint "overpayment_dossier_period_seq_unique" unique ("dossier_id", "period", "seq");`);
    this.addSql(`create unique index "overpayment_dossier_decision_key_unique" on "overpayment" ("dossier_id", "decision_key")
      where "decision_key" is not null;`);
    this.addSql(`alter table "overpayment" drop constraint "overpayment_status_check", alter column "status" type varchar(30);`);
    this.addSql(`alter table "overpayment" add constraint "overpayment_status_check" check ("status" in
      ('a_recouvrer', 'recouvre_partiellement', 'recouvre', 'remis'));`);
  }

  private recovery(): void {
    this.addSql(`alter table "overpayment_recovery" add column "entry_type" varchar(10) not null default 'plan'
      check ("entry_type" in ('plan', 'movement')),
      add column "date" date null, add column "actor" varchar(120) null, add column "reason" text null,
      add column "payment_reference" varchar(35) null references "payment" ("reference") on update cascade;`);
    // Every row so far is the plan written with its overpayment; a new row says what it is.
    this.addSql(`alter table "overpayment_recovery" alter column "entry_type" drop default;`);
    this.addSql(`alter table "overpayment_recovery" drop constraint "overpayment_recovery_method_check";`);
    this.addSql(`alter table "overpayment_recovery" add constraint "overpayment_recovery_method_check" check ("method" in
      ('retenue', 'ordre_de_reversement', 'remise'));`);
    this.addSql(`alter table "overpayment_recovery" add constraint "overpayment_recovery_movement_check" check (
      ("entry_type" = 'plan' and "method" <> 'remise' and "payment_reference" is null)
      or ("entry_type" = 'movement' and "date" is not null and "actor" is not null
        and ("method" <> 'remise' or "reason" is not null) and (("method" = 'retenue') = ("payment_reference" is not null))));`);
    // A payment withholds from an overpayment once: a retried pay activity finds its movement.
    this.addSql(`create unique index "overpayment_recovery_retenue_unique" on "overpayment_recovery" ("overpayment_reference", "payment_reference")
      where "payment_reference" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "overpayment_recovery_retenue_unique";`);
    this.addSql(`alter table "overpayment_recovery" drop constraint if exists "overpayment_recovery_movement_check",
      drop column "entry_type", drop column "date", drop column "actor", drop column "reason", drop column "payment_reference";`);
    this.addSql(`drop index if exists "overpayment_dossier_decision_key_unique";`);
    this.addSql(`alter table "overpayment" drop constraint "overpayment_dossier_period_seq_unique",
      add constraint "overpayment_dossier_period_unique" unique ("dossier_id", "period"), drop column "seq", drop column "plan", drop column "decision_key";`);
    this.addSql(`drop index if exists "payment_dossier_decision_key_unique";`);
    this.addSql(`drop index if exists "payment_dossier_period_kind_seq_unique";`);
    this.addSql(`alter table "payment" drop constraint "payment_aid_kind_check", drop constraint "payment_seq_kind_check",
      drop column "aid_kind", drop column "seq", drop column "decision_key",
      add constraint "payment_dossier_period_kind_unique" unique ("dossier_id", "period", "kind");`);
  }
}

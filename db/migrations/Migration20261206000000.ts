import { Migration } from '@mikro-orm/migrations';

/**
 * The bursary process (bourses FSS) and its emergency aids, on the case core: the satellite `bourse_dossier`
 * (DSE number unique per academic year, institute, programme, training months, échelon computation and
 * decision), the application's income and points elements apart in `bourse_demande` (caseworkers only), the
 * remissions granted on bursary overpayments, and `aide_urgence_dossier` (one case per aid, linked to the
 * student's bursary case; an anonymous number for the commission).
 */
export class Migration20261206000000 extends Migration {
  override async up(): Promise<void> {
    const fk = (column: string, table = 'dossier', onDelete = 'cascade') =>
      `"${column}" uuid not null references "${table}" ("id") on update cascade on delete ${onDelete}`;
    this.addSql(`create table "bourse_dossier" (
      ${fk('dossier_id')} primary key,
      "dse" varchar(20) not null,
      "annee" varchar(9) not null check ("annee" ~ '^[0-9]{4}-[0-9]{4}$'),
      "institut_id" uuid not null references "organisation" ("id") on update cascade,
      "crous_id" uuid null references "organisation" ("id") on update cascade on delete set null,
      "formation" varchar(60) not null,
      "premier_mois" char(7) not null check ("premier_mois" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      "nombre_mois" int not null check ("nombre_mois" between 1 and 12),
      "source" varchar(10) not null check ("source" in ('crous', 'agent')),
      "echelon" varchar(4) null check ("echelon" in ('0bis', '1', '2', '3', '4', '5', '6', '7')),
      "points" int null,
      "plafond_euros" int null,
      "annuel_cents" bigint null,
      "mensualite_cents" bigint null,
      "calcul" jsonb null,
      "calcul_erreur" varchar(500) null,
      "decision" varchar(20) null check ("decision" in ('attribuee', 'refusee')),
      "motif_refus" varchar(40) null,
      "decided_at" timestamptz null,
      "decided_by" varchar(120) null,
      "etat_versements" varchar(20) null,
      "evenement_date" date null,
      "precedent_id" uuid null references "dossier" ("id") on update cascade on delete set null,
      constraint "bourse_dossier_dse_annee_unique" unique ("dse", "annee"));`);
    this.addSql(`create index "bourse_dossier_annee_index" on "bourse_dossier" ("annee");`);
    this.addSql(`create index "bourse_dossier_institut_id_index" on "bourse_dossier" ("institut_id");`);
    this.addSql(`create index "bourse_dossier_crous_id_index" on "bourse_dossier" ("crous_id");`);
    this.addSql(`create table "bourse_demande" (
      ${fk('dossier_id')} primary key,
      "revenu_brut_global_euros" int not null check ("revenu_brut_global_euros" >= 0),
      "distance_km" int not null check ("distance_km" >= 0),
      "enfants_a_charge" int not null check ("enfants_a_charge" >= 0),
      "enfants_enseignement_superieur" int not null check ("enfants_enseignement_superieur" >= 0),
      "handicap_reconnu_cdaph" boolean not null,
      "proches_aides" int not null check ("proches_aides" >= 0),
      "points_details" jsonb null,
      "updated_by" varchar(120) not null,
      "updated_at" timestamptz not null default now());`);
    this.addSql(`create table "bourse_remise" (
      "overpayment_reference" varchar(35) not null primary key references "overpayment" ("reference") on update cascade,
      ${fk('dossier_id')},
      "amount_cents" bigint not null check ("amount_cents" > 0),
      "decided_by" varchar(120) not null,
      "decided_at" timestamptz not null default now());`);
    this.addSql(`create index "bourse_remise_dossier_id_index" on "bourse_remise" ("dossier_id");`);
    this.aides();
  }

  private aides(): void {
    this.addSql(`create sequence "aide_urgence_numero_seq";`);
    this.addSql(`create table "aide_urgence_dossier" (
      "dossier_id" uuid not null primary key references "dossier" ("id") on update cascade on delete cascade,
      "bourse_id" uuid not null references "dossier" ("id") on update cascade,
      "annee" varchar(9) not null check ("annee" ~ '^[0-9]{4}-[0-9]{4}$'),
      "numero" varchar(20) not null default ('AU-' || lpad(nextval('aide_urgence_numero_seq')::text, 6, '0')),
      "montant_demande_cents" bigint not null check ("montant_demande_cents" > 0),
      "avance" boolean not null default false,
      "situation" text not null,
      "evaluation" text null,
      "montant_accorde_cents" bigint null check ("montant_accorde_cents" > 0),
      "decision" varchar(20) null check ("decision" in ('accordee', 'refusee')),
      "motif_refus" varchar(40) null,
      "decided_at" timestamptz null,
      "decided_by" varchar(120) null,
      "date_limite_versement" date null,
      constraint "aide_urgence_dossier_numero_unique" unique ("numero"));`);
    this.addSql(`create index "aide_urgence_dossier_bourse_id_index" on "aide_urgence_dossier" ("bourse_id");`);
  }

  override async down(): Promise<void> {
    for (const table of ['aide_urgence_dossier', 'bourse_remise', 'bourse_demande', 'bourse_dossier']) this.addSql(`drop table if exists "${table}";`);
    this.addSql(`drop sequence if exists "aide_urgence_numero_seq";`);
  }
}

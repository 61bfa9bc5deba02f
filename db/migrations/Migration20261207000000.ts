import { Migration } from '@mikro-orm/migrations';

/**
 * Sur-mesure orders (commandes): the case's satellite with the company, the need, the design and the
 * commitment; its posts; the partners asked to recruit; the candidates they refer; the link to each
 * trainee's journey with its hiring check; the companies' breaches. The case's person of an order is the
 * company's contact: a person known by name and contact only, so birth date, gender and postal code
 * become optional (every trainee still has them: the API requires them).
 */
export class Migration20261207000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "person" alter column "birth_date" drop not null, alter column "gender" drop not null,
      alter column "postal_code" drop not null;`);
    this.addSql(`create table "sur_mesure_commande" (
      "dossier_id" uuid not null primary key references "dossier" ("id") on update cascade on delete cascade,
      "entreprise_id" uuid not null references "organisation" ("id") on update cascade,
      "organisme_id" uuid null references "organisation" ("id") on update cascade,
      "naf_code" varchar(6) not null,
      "naf_section" varchar(1) not null,
      "site_adresse" varchar(300) not null,
      "site_code_postal" varchar(5) not null,
      "bassin" varchar(60) not null,
      "order_date" date not null,
      "postes_total" int not null check ("postes_total" > 0),
      "ecart_competences" text null,
      "certification_code" varchar(12) null,
      "certification_level" int null,
      "programme" text null,
      "heures_centre" int null,
      "heures_entreprise" int null,
      "date_debut" date null,
      "date_fin" date null,
      "devis_cents" bigint null,
      "psychotechnique" boolean not null default false,
      "afest" jsonb null,
      "derogation_reference" varchar(100) null,
      "engagement_reference" varchar(60) null,
      "engagement_cents" bigint null,
      "engagement_at" timestamptz null,
      "session_id" uuid null references "formation_session" ("id") on update cascade,
      "reunion_at" timestamptz null,
      "reunion_lieu" varchar(300) null);`);
    this.addSql(`create index "sur_mesure_commande_entreprise_id_index" on "sur_mesure_commande" ("entreprise_id");`);
    this.addSql(`create index "sur_mesure_commande_organisme_id_index" on "sur_mesure_commande" ("organisme_id");`);
    this.addSql(`create table "sur_mesure_poste" (
      "dossier_id" uuid not null references "sur_mesure_commande" ("dossier_id") on update cascade on delete cascade,
      "rang" int not null,
      "intitule" varchar(200) not null,
      "rome_code" varchar(5) not null,
      "nombre" int not null check ("nombre" > 0),
      "contrat_type" varchar(40) not null,
      "duree_mois" int null,
      "heures_hebdo" double precision not null,
      "date_embauche_prevue" date not null,
      "tuteur" varchar(200) null,
      constraint "sur_mesure_poste_pkey" primary key ("dossier_id", "rang"));`);
    this.addSql(`create table "sur_mesure_partenaire" (
      "dossier_id" uuid not null references "sur_mesure_commande" ("dossier_id") on update cascade on delete cascade,
      "organisation_id" uuid not null references "organisation" ("id") on update cascade,
      constraint "sur_mesure_partenaire_pkey" primary key ("dossier_id", "organisation_id"));`);
    this.addSql(`create index "sur_mesure_partenaire_organisation_id_index" on "sur_mesure_partenaire" ("organisation_id");`);
    this.addSql(`create table "sur_mesure_candidat" (
      "id" uuid not null primary key,
      "dossier_id" uuid not null references "sur_mesure_commande" ("dossier_id") on update cascade on delete cascade,
      "person_id" uuid not null references "person" ("id") on update cascade,
      "partenaire_id" uuid not null references "organisation" ("id") on update cascade,
      "reference" varchar(100) not null,
      "proposed_at" timestamptz not null default now(),
      "avis" varchar(20) null,
      "psychotechnique" varchar(10) null,
      "commentaire" text null,
      "choix" varchar(20) null,
      "poste" int null,
      "parcours_dossier_id" uuid null references "dossier" ("id") on update cascade,
      constraint "sur_mesure_candidat_person_unique" unique ("dossier_id", "person_id"),
      constraint "sur_mesure_candidat_reference_unique" unique ("dossier_id", "partenaire_id", "reference"));`);
    this.addSql(`create index "sur_mesure_candidat_dossier_id_index" on "sur_mesure_candidat" ("dossier_id");`);
    this.addSql(`create table "sur_mesure_stagiaire" (
      "parcours_dossier_id" uuid not null primary key references "dossier" ("id") on update cascade on delete cascade,
      "commande_id" uuid not null references "sur_mesure_commande" ("dossier_id") on update cascade,
      "candidat_id" uuid not null references "sur_mesure_candidat" ("id") on update cascade,
      "poste" int not null,
      "embauche_outcome" varchar(40) null,
      "embauche_contrat" jsonb null,
      "embauche_raisons" jsonb null,
      "embauche_at" timestamptz null,
      "suivi_6m_due" date null,
      "suivi_6m_statut" varchar(10) null,
      "suivi_6m_raison" varchar(300) null,
      "suivi_6m_at" timestamptz null,
      constraint "sur_mesure_stagiaire_candidat_unique" unique ("candidat_id"));`);
    this.addSql(`create index "sur_mesure_stagiaire_commande_id_index" on "sur_mesure_stagiaire" ("commande_id");`);
    this.addSql(`create table "sur_mesure_manquement" (
      "id" bigserial primary key,
      "entreprise_id" uuid not null references "organisation" ("id") on update cascade,
      "commande_id" uuid not null references "sur_mesure_commande" ("dossier_id") on update cascade,
      "stagiaire_id" uuid null references "dossier" ("id") on update cascade,
      "date" date not null,
      "outcome" varchar(40) not null,
      constraint "sur_mesure_manquement_unique" unique nulls not distinct ("commande_id", "stagiaire_id", "outcome"));`);
    this.addSql(`create index "sur_mesure_manquement_entreprise_id_index" on "sur_mesure_manquement" ("entreprise_id");`);
  }

  override async down(): Promise<void> {
    for (const table of ['sur_mesure_manquement', 'sur_mesure_stagiaire', 'sur_mesure_candidat', 'sur_mesure_partenaire', 'sur_mesure_poste', 'sur_mesure_commande']) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Part 1 of the trainee journey: organisations, sessions, persons, cases, positionnement, contract, seats, audit, mails, partner events. */
export class Migration20261129000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" bigserial primary key, "dossier_id" uuid null, "seq" int null, "actor" varchar(120) not null, "action" varchar(80) not null, "detail" jsonb not null, "at" timestamptz not null);`);
    this.addSql(`create index "audit_entry_dossier_id_index" on "audit_entry" ("dossier_id");`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_transition_unique" unique ("dossier_id", "seq");`);
    this.addSql(`create table "organisation" ("id" uuid not null, "kind" varchar(40) not null, "name" varchar(200) not null, "contact_email" varchar(320) not null, "webhook_url" varchar(2000) null, "webhook_secret" varchar(200) null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`create table "formation_session" ("id" uuid not null, "title" varchar(300) not null, "organisme_id" uuid not null, "dispositif" varchar(40) not null, "bassin" varchar(60) not null, "start_date" date not null, "end_date" date not null, "total_hours" int not null, "hours_per_week" int not null, "seats" int not null, constraint "formation_session_pkey" primary key ("id"));`);
    this.addSql(`create index "formation_session_organisme_id_index" on "formation_session" ("organisme_id");`);
    this.addSql(`create table "partner_event" ("event_id" uuid not null, "organisation_id" uuid not null, "dossier_id" uuid not null, "type" varchar(80) not null, "version" int not null, "payload" jsonb not null, "status" varchar(20) not null default 'pending', "attempts" int not null default 0, "last_error" varchar(500) null, "created_at" timestamptz not null, "acknowledged_at" timestamptz null, constraint "partner_event_pkey" primary key ("event_id"));`);
    this.addSql(`create index "partner_event_organisation_id_index" on "partner_event" ("organisation_id");`);
    this.addSql(`create index "partner_event_dossier_id_index" on "partner_event" ("dossier_id");`);
    this.addSql(`create table "person" ("id" uuid not null, "person_key" varchar(64) not null, "last_name" varchar(200) not null, "first_name" varchar(200) not null, "birth_date" date not null, "gender" varchar(1) not null, "email" varchar(320) not null, "phone" varchar(30) null, "postal_code" varchar(5) not null, constraint "person_pkey" primary key ("id"));`);
    this.addSql(`alter table "person" add constraint "person_person_key_unique" unique ("person_key");`);
    this.addSql(`create table "dossier" ("id" uuid not null, "person_id" uuid not null, "session_id" uuid not null, "prescripteur_id" uuid null, "prescripteur_reference" varchar(100) null, "referent_email" varchar(320) not null, "created_by" varchar(120) not null, "stage" varchar(30) not null default 'reperage', "stage_seq" int not null default 0, "open" boolean not null default true, "closed_reason" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "dossier_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_person_id_index" on "dossier" ("person_id");`);
    this.addSql(`create index "dossier_session_id_index" on "dossier" ("session_id");`);
    this.addSql(`create index "dossier_prescripteur_id_index" on "dossier" ("prescripteur_id");`);
    this.addSql(`create index "dossier_stage_index" on "dossier" ("stage");`);
    this.addSql(`alter table "dossier" add constraint "dossier_prescription_unique" unique ("prescripteur_id", "prescripteur_reference");`);
    this.addSql(`create table "contrat_engagement" ("dossier_id" uuid not null, "text_version" varchar(20) not null, "signed_at" timestamptz not null, "entry_date" date not null, "confirmed_by" varchar(120) not null, constraint "contrat_engagement_pkey" primary key ("dossier_id"));`);
    this.addSql(`create table "person_sensitive" ("person_id" uuid not null, "rqth" boolean not null default false, "rsa" boolean not null default false, "sous_main_de_justice" boolean not null default false, "illettrisme" boolean not null default false, constraint "person_sensitive_pkey" primary key ("person_id"));`);
    this.addSql(`create table "positionnement" ("dossier_id" uuid not null, "scheduled_at" timestamptz null, "results" jsonb null, "outcome" varchar(20) null, "outcome_detail" jsonb null, "decided_by" varchar(120) null, "decided_at" timestamptz null, constraint "positionnement_pkey" primary key ("dossier_id"));`);
    this.addSql(`create table "seat_reservation" ("dossier_id" uuid not null, "session_id" uuid not null, "reserved_at" timestamptz not null, constraint "seat_reservation_pkey" primary key ("dossier_id"));`);
    this.addSql(`create index "seat_reservation_session_id_index" on "seat_reservation" ("session_id");`);
    this.addSql(`create table "sent_mail" ("idempotency_key" varchar(200) not null, "dossier_id" uuid null, "template" varchar(60) not null, "recipient" varchar(320) not null, "message_id" varchar(300) not null, "status" varchar(10) not null default 'sending', "sent_at" timestamptz null, constraint "sent_mail_pkey" primary key ("idempotency_key"));`);
    this.addSql(`create index "sent_mail_dossier_id_index" on "sent_mail" ("dossier_id");`);
    this.addSql(`alter table "formation_session" add constraint "formation_session_organisme_id_foreign" foreign key ("organisme_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "partner_event" add constraint "partner_event_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "dossier" add constraint "dossier_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "dossier" add constraint "dossier_session_id_foreign" foreign key ("session_id") references "formation_session" ("id") on update cascade;`);
    this.addSql(`alter table "dossier" add constraint "dossier_prescripteur_id_foreign" foreign key ("prescripteur_id") references "organisation" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "contrat_engagement" add constraint "contrat_engagement_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "person_sensitive" add constraint "person_sensitive_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "positionnement" add constraint "positionnement_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "seat_reservation" add constraint "seat_reservation_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "seat_reservation" add constraint "seat_reservation_session_id_foreign" foreign key ("session_id") references "formation_session" ("id") on update cascade;`);
    // One open case per person and session: a second referral of the same person to the same session is a duplicate.
    this.addSql(`create unique index "dossier_person_session_open_unique" on "dossier" ("person_id", "session_id") where "open";`);
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Migration } from '@mikro-orm/migrations';
import { bourseTablesFromCsv, checkBourseTables, type BourseTables } from '../../domain/bourse';

/** The CSV files of the barème: read from the sources, as tsx, jest and the Docker image all run them. */
const DATA_DIR = join(__dirname, '..', 'data', 'bourses');

/**
 * Years and parameter dates this migration loads. A later year added to the CSV files is loaded by a later
 * migration: this one must insert the same rows whenever it runs.
 */
const ANNEES = ['2022-2023', '2023-2024', '2024-2025', '2025-2026'];
const PARAMETRES_DU = ['2022-09-01', '2023-09-01'];

function loadTables(): BourseTables {
  const read = (file: string): string => readFileSync(join(DATA_DIR, file), 'utf8');
  const all = bourseTablesFromCsv(read('sources.csv'), read('parametres.csv'), read);
  const problems = checkBourseTables(all);
  if (problems.length > 0) throw new Error(`db/data/bourses: ${problems.join('; ')}`);
  return {
    plafonds: all.plafonds.filter((r) => ANNEES.includes(r.annee)),
    montants: all.montants.filter((r) => ANNEES.includes(r.annee)),
    parametres: all.parametres.filter((r) => PARAMETRES_DU.includes(r.effectiveFrom)),
  };
}

/**
 * Bursaries of health & social training (bourses FSS): the dated tables of the national higher-education
 * scale, keyed by academic year, loaded from db/data/bourses. Each row carries its `source` and whether it
 * was `verified` against the published text (the amounts and ceilings are; the emergency-aid limits and the
 * delays are assumptions). `annuel_cents` is a bigint: the pg driver returns it as a string.
 */
export class Migration20261205000000 extends Migration {
  override async up(): Promise<void> {
    const echelons = `('0bis', '1', '2', '3', '4', '5', '6', '7')`;
    const annee = `varchar(9) not null check ("annee" ~ '^[0-9]{4}-[0-9]{4}$')`;
    this.addSql(`create table "bourse_plafond" (
      "annee" ${annee},
      "points" int not null check ("points" between 0 and 17),
      "echelon" varchar(4) not null check ("echelon" in ${echelons}),
      "plafond_euros" int not null check ("plafond_euros" >= 0),
      "source" text not null,
      "verified" boolean not null default false,
      constraint "bourse_plafond_pkey" primary key ("annee", "points", "echelon"));`);
    this.addSql(`create table "bourse_montant" (
      "annee" ${annee},
      "echelon" varchar(4) not null check ("echelon" in ${echelons}),
      "annuel_cents" bigint not null check ("annuel_cents" > 0),
      "source" text not null,
      "verified" boolean not null default false,
      constraint "bourse_montant_pkey" primary key ("annee", "echelon"));`);
    this.addSql(`create table "bourse_parametre" (
      "key" varchar(60) not null,
      "effective_from" date not null,
      "value" int not null check ("value" >= 0),
      "source" text not null,
      "verified" boolean not null default false,
      constraint "bourse_parametre_pkey" primary key ("key", "effective_from"));`);
    this.insertRows(loadTables());
  }

  private insertRows(t: BourseTables): void {
    const knex = this.getKnex();
    this.addSql(knex.insert(t.plafonds.map((r) => ({
      annee: r.annee, points: r.points, echelon: r.echelon, plafond_euros: r.plafondEuros, source: r.source, verified: r.verified,
    }))).into('bourse_plafond'));
    this.addSql(knex.insert(t.montants.map((r) => ({
      annee: r.annee, echelon: r.echelon, annuel_cents: r.annuelCents, source: r.source, verified: r.verified,
    }))).into('bourse_montant'));
    this.addSql(knex.insert(t.parametres.map((r) => ({
      key: r.key, effective_from: r.effectiveFrom, value: r.value, source: r.source, verified: r.verified,
    }))).into('bourse_parametre'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bourse_parametre";`);
    this.addSql(`drop table if exists "bourse_montant";`);
    this.addSql(`drop table if exists "bourse_plafond";`);
  }
}

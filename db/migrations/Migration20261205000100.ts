import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_SUR_MESURE_PARAMETERS as D } from '../../domain/sur-mesure/parametres';

/** A SQL string literal: sources are French text with apostrophes. */
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Dated parameters of sur-mesure orders ("Une formation, un emploi"): one row per key and start date, the
 * value as JSON (numbers, lists, policy names), with its source and whether that source was checked.
 * Seeded with the defaults of domain/sur-mesure/parametres.ts; unverified rows are assumptions to replace
 * by a new dated row once the Région confirms a figure. Read back through `toParameterRow`.
 */
export class Migration20261205000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sur_mesure_parametre" (
      "key" varchar(60) not null,
      "effective_from" date not null,
      "value" jsonb not null,
      "source" text not null,
      "verified" boolean not null default false,
      constraint "sur_mesure_parametre_pkey" primary key ("key", "effective_from"));`);
    for (const r of D) {
      this.addSql(`insert into "sur_mesure_parametre" ("key", "effective_from", "value", "source", "verified") values (${literal(r.key)}, ${literal(r.effectiveFrom)}, ${literal(JSON.stringify(r.value))}::jsonb, ${literal(r.source)}, ${r.verified});`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sur_mesure_parametre";`);
  }
}

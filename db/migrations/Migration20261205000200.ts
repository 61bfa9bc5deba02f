import { Migration } from '@mikro-orm/migrations';

/**
 * Trainee pay parameters, part 2: where each figure comes from, the 1 April upratings, the ASS and the
 * four-eyes proposals (domain/remuneration/README.md).
 *
 * - `source` (text) and `verified` (boolean) on remuneration_rate, rqth_salary_bounds, aid_amount and
 *   remuneration_setting. Existing rows are labelled only when their figure is the one this migration knows
 *   (décret 2021-522, the example aids, the settings); any other row, entered by hand before, gets
 *   "origine inconnue" and verified = false rather than a label it may not deserve.
 * - The uprating rows of 1 April 2023, 2024 and 2025 (scale and RQTH bounds), and the ASS daily amounts.
 *   Figures are FROZEN here (a migration must not change when code changes); a unit test checks they equal
 *   DEFAULT_REMUNERATION_PARAMETERS. On a database created after those rows were added to the defaults,
 *   Migration20261201000000 (which reads the defaults) inserted them already: the insert then only labels them.
 * - `ass_amount` and `parameter_proposal` (proposed → approved by another finance user, or rejected).
 */
export class Migration20261205000200 extends Migration {
  override async up(): Promise<void> {
    for (const table of PROVENANCE_TABLES) {
      this.addSql(`alter table "${table}" add column "source" text null, add column "verified" boolean not null default false;`);
    }
    this.labelExistingRows();
    this.insertUpratings();
    for (const table of PROVENANCE_TABLES) {
      this.addSql(`update "${table}" set "source" = ${q(UNKNOWN_SOURCE)}, "verified" = false where "source" is null;`);
      this.addSql(`alter table "${table}" alter column "source" set not null;`);
    }
    this.assTable();
    this.proposalTable();
  }

  private labelExistingRows(): void {
    const rates = DECRET_RATES.map(([category, cents]) => `(${q(category)}, ${cents})`).join(', ');
    this.addSql(`update "remuneration_rate" set "source" = ${q(DECRET.source)}, "verified" = true
      where "effective_from" = '${DECRET.from}' and ("category", "monthly_cents") in (${rates});`);
    this.addSql(`update "rqth_salary_bounds" set "source" = ${q(DECRET.source)}, "verified" = true
      where "effective_from" = '${DECRET.from}' and "min_cents" = 68500 and "max_cents" = 193252;`);
    const aids = EXAMPLE_AIDS.map(([kind, cents, unit]) => `(${q(kind)}, ${cents}, ${q(unit)})`).join(', ');
    this.addSql(`update "aid_amount" set "source" = ${q(EXAMPLE_AID_SOURCE)}, "verified" = false
      where "effective_from" = '${DECRET.from}' and ("kind", "amount_cents", "unit") in (${aids});`);
    for (const [key, value, source, verified] of SETTINGS) {
      this.addSql(`update "remuneration_setting" set "source" = ${q(source)}, "verified" = ${verified}
        where "key" = ${q(key)} and "effective_from" = '${DECRET.from}' and "value" = ${value};`);
    }
  }

  /** Insert, or label the same figure already there; never overwrite a different figure. */
  private insertUpratings(): void {
    const rates = UPRATING_RATE_ROWS.map((r) => `(${q(r.category)}, '${r.effectiveFrom}', ${r.monthlyCents}, ${q(r.source)}, ${r.verified})`);
    this.addSql(`insert into "remuneration_rate" ("category", "effective_from", "monthly_cents", "source", "verified") values ${rates.join(', ')}
      on conflict ("category", "effective_from") do update set "source" = excluded."source", "verified" = excluded."verified"
      where "remuneration_rate"."source" is null and "remuneration_rate"."monthly_cents" = excluded."monthly_cents";`);
    const bounds = UPRATING_BOUNDS_ROWS.map((b) => `('${b.effectiveFrom}', ${b.minCents}, ${b.maxCents}, ${q(b.source)}, ${b.verified})`);
    this.addSql(`insert into "rqth_salary_bounds" ("effective_from", "min_cents", "max_cents", "source", "verified") values ${bounds.join(', ')}
      on conflict ("effective_from") do update set "source" = excluded."source", "verified" = excluded."verified"
      where "rqth_salary_bounds"."source" is null and "rqth_salary_bounds"."min_cents" = excluded."min_cents"
        and "rqth_salary_bounds"."max_cents" = excluded."max_cents";`);
  }

  private assTable(): void {
    this.addSql(`create table "ass_amount" ("effective_from" date not null primary key,
      "daily_cents" int not null check ("daily_cents" > 0), "source" text not null, "verified" boolean not null default false);`);
    const rows = ASS_AMOUNT_ROWS.map((a) => `('${a.effectiveFrom}', ${a.dailyCents}, ${q(a.source)}, ${a.verified})`);
    this.addSql(`insert into "ass_amount" ("effective_from", "daily_cents", "source", "verified") values ${rows.join(', ')};`);
  }

  private proposalTable(): void {
    const tables = [...PROVENANCE_TABLES, 'ass_amount'].map(q).join(', ');
    this.addSql(`create table "parameter_proposal" (
      "id" uuid not null default gen_random_uuid(),
      "table_name" varchar(40) not null check ("table_name" in (${tables})),
      "row" jsonb not null,
      "proposed_by" varchar(120) not null,
      "proposed_at" timestamptz not null default now(),
      "approved_by" varchar(120) null,
      "approved_at" timestamptz null,
      "status" varchar(20) not null default 'proposee' check ("status" in ('proposee', 'approuvee', 'rejetee')),
      "reason" text null,
      constraint "parameter_proposal_pkey" primary key ("id"),
      constraint "parameter_proposal_decided" check (("status" = 'proposee') = ("approved_by" is null and "approved_at" is null)),
      constraint "parameter_proposal_four_eyes" check ("status" <> 'approuvee' or lower("approved_by") <> lower("proposed_by")),
      constraint "parameter_proposal_rejection_reason" check ("status" <> 'rejetee' or "reason" is not null));`);
    // Finance's list of proposals awaiting a second pair of eyes.
    this.addSql(`create index "parameter_proposal_open_index" on "parameter_proposal" ("proposed_at") where "status" = 'proposee';`);
  }

  /** Drops what this migration created; the uprating rows stay (data: a re-run labels them again). */
  override async down(): Promise<void> {
    this.addSql(`drop table if exists "parameter_proposal";`);
    this.addSql(`drop table if exists "ass_amount";`);
    for (const table of PROVENANCE_TABLES) this.addSql(`alter table "${table}" drop column if exists "source", drop column if exists "verified";`);
  }
}

const q = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const PROVENANCE_TABLES = ['remuneration_rate', 'rqth_salary_bounds', 'aid_amount', 'remuneration_setting'] as const;
const UNKNOWN_SOURCE = 'origine inconnue : ligne saisie avant le suivi des sources';
const DECRET = { from: '2021-05-01', source: 'décret 2021-522' } as const;
const EXAMPLE_AID_SOURCE = 'exemple, montants de la Région inconnus';

const ADULT_AMOUNT = ['adulte_26_plus', 'jeune_activite_anterieure', 'jeune_situation_familiale', 'rqth'] as const;
const DECRET_RATES: [string, number][] = [['mineur_16_17', 20000], ['jeune_18_25', 50000], ...ADULT_AMOUNT.map((c): [string, number] => [c, 68500])];

const EXAMPLE_AIDS: [string, number, string][] = [
  ['equipement', 30000, 'par_parcours'], ['mobilite_transport', 10000, 'par_mois'],
  ['mobilite_hebergement', 2000, 'par_nuit'], ['mobilite_restauration', 350, 'par_repas'],
];

const SETTINGS: [string, number, string, boolean][] = [
  ['part_time_divisor_hundredths_of_hour', 15167, 'D6341-24-1 (151,67 heures)', true],
  ['prior_work_min_months_in_12', 6, DECRET.source, true],
  ['prior_work_min_months_in_24', 12, DECRET.source, true],
  ['avance_percent', 50, 'hypothèse : part de l\'avance fixée par la Région, non trouvée', false],
];

interface Provenanced { effectiveFrom: string; source: string; verified: boolean }

const UPRATINGS: (Provenanced & { mineur: number; jeune: number; adulte: number })[] = [
  { effectiveFrom: '2023-04-01', mineur: 21120, jeune: 52800, adulte: 72336, verified: false,
    source: 'R6341-24-8 (décret 2022-477), ×1,056 déduit des montants 2024 ; aucun barème publié trouvé' },
  { effectiveFrom: '2024-04-01', mineur: 22092, jeune: 55229, adulte: 75663, verified: true,
    source: 'R6341-24-8, ×1,046 ; barème publié (Centre-Val de Loire, janvier 2025)' },
  { effectiveFrom: '2025-04-01', mineur: 22468, jeune: 56168, adulte: 76949, verified: false,
    source: 'R6341-24-8, ×1,017 ; aucun barème publié trouvé, arrondi incertain' },
];

/** Frozen copies, exported for the unit test that compares them with the defaults. */
export const UPRATING_RATE_ROWS: (Provenanced & { category: string; monthlyCents: number })[] = UPRATINGS.flatMap(({ mineur, jeune, adulte, ...p }) => [
  { ...p, category: 'mineur_16_17', monthlyCents: mineur },
  { ...p, category: 'jeune_18_25', monthlyCents: jeune },
  ...ADULT_AMOUNT.map((category) => ({ ...p, category, monthlyCents: adulte })),
]);

export const UPRATING_BOUNDS_ROWS: (Provenanced & { minCents: number; maxCents: number })[] = [
  { effectiveFrom: '2023-04-01', minCents: 72336, maxCents: 204074, verified: false,
    source: 'minimum = montant 685 € revalorisé ; maximum = 1 932,52 × 1,056 (calculé, arrondi au centime)' },
  { effectiveFrom: '2024-04-01', minCents: 75663, maxCents: 213461, verified: false,
    source: 'minimum publié (756,63) ; maximum = 2 040,74 × 1,046 (calculé, arrondi au centime, non publié)' },
  { effectiveFrom: '2025-04-01', minCents: 76949, maxCents: 217090, verified: false,
    source: 'minimum = montant 685 € revalorisé ; maximum = 2 134,61 × 1,017 (calculé, arrondi au centime)' },
];

export const ASS_AMOUNT_ROWS: (Provenanced & { dailyCents: number })[] = [
  { effectiveFrom: '2021-04-01', dailyCents: 1691, verified: false,
    source: 'revalorisation 2021 de +0,1 % (16,89 × 1,001) ; montant calculé, décret non consulté' },
  { effectiveFrom: '2022-04-01', dailyCents: 1721, verified: false,
    source: 'décret 2022-493 du 6 avril 2022, +1,8 % ; montant calculé, décret non consulté' },
  { effectiveFrom: '2022-07-01', dailyCents: 1790, verified: false,
    source: 'revalorisation anticipée de 4 % au 1er juillet 2022 ; 17,90 € selon une publication syndicale' },
  { effectiveFrom: '2023-04-01', dailyCents: 1817, verified: true, source: 'décret 2023-301 du 22 avril 2023 (montant relevé dans la presse juridique)' },
  { effectiveFrom: '2024-04-01', dailyCents: 1901, verified: true, source: 'décret 2024-341 du 12 avril 2024 (montant relevé dans la presse juridique)' },
  { effectiveFrom: '2025-04-01', dailyCents: 1933, verified: true, source: 'décret 2025-302 du 31 mars 2025 (montant relevé dans la presse juridique)' },
];

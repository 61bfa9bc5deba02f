/**
 * What finance must know about the parameter rows on a given date: every row in force with its source and
 * verified flag, and the 1 April upratings not entered yet. An unknown row is not an error: the latest known
 * row applies (DOMAIN.md) and finance is told, once, by the notice's stable key.
 */
import { assertIsoDate, formatDateFr } from '../dates';
import type { Dated, IsoDate, RemunerationParameters, SettingRow } from './parameters';
import { rowInForce } from './parameters';

export type ParameterTable = 'remuneration_rate' | 'rqth_salary_bounds' | 'ass_amount' | 'aid_amount' | 'remuneration_setting';

export interface RowStatus {
  table: ParameterTable;
  /** The series inside the table: category, aid kind or setting key; '' for tables with one series. */
  key: string;
  effectiveFrom: IsoDate;
  /** The row's figures, by column (cents, or the setting's value). */
  values: Record<string, number>;
  source: string | null;
  /** A row without the flag counts as not verified. */
  verified: boolean;
}

export interface UpratingNotice {
  /** Stable, e.g. 'revalorisation-2026-04-01-remuneration_rate': the caller tells finance once per key. */
  key: string;
  table: ParameterTable;
  expectedFrom: IsoDate;
  /** The oldest row still applying instead. */
  appliedFrom: IsoDate;
  /** Series without the new row ('' for one-series tables). */
  seriesMissing: string[];
  messageFr: string;
}

export interface ParameterStatusView {
  date: IsoDate;
  rows: RowStatus[];
  missingUpratings: UpratingNotice[];
  /** Missing upratings, then unverified rows in force, one sentence each. */
  messagesFr: string[];
}

/** Upratings every 1 April: the scale and the RQTH bounds since 2023 (R6341-24-8); the ASS every year. */
const UPRATED_SINCE: Partial<Record<ParameterTable, IsoDate>> = {
  remuneration_rate: '2023-04-01',
  rqth_salary_bounds: '2023-04-01',
  ass_amount: '2021-04-01',
};

const LABELS: Record<ParameterTable, string> = {
  remuneration_rate: 'le barème',
  rqth_salary_bounds: 'les bornes de la rémunération RQTH sur salaire antérieur',
  ass_amount: "le montant de l'ASS",
  aid_amount: "le montant d'aide",
  remuneration_setting: 'le réglage',
};

/** A row reduced to what the view shows. */
interface ViewRow extends Dated { values: Record<string, number> }
interface Series { table: ParameterTable; key: string; rows: readonly ViewRow[] }

function seriesOf(params: RemunerationParameters, settings: readonly SettingRow[]): Series[] {
  const by = <T extends Dated>(table: ParameterTable, rows: readonly T[], keyOf: (r: T) => string, values: (r: T) => Record<string, number>): Series[] =>
    [...new Set(rows.map(keyOf))].sort().map((key) => ({
      table, key,
      rows: rows.filter((r) => keyOf(r) === key).map((r) => ({ effectiveFrom: r.effectiveFrom, source: r.source, verified: r.verified, values: values(r) })),
    }));
  return [
    ...by('remuneration_rate', params.rates, (r) => r.category, (r) => ({ monthlyCents: r.monthlyCents })),
    ...by('rqth_salary_bounds', params.rqthSalaryBounds, () => '', (r) => ({ minCents: r.minCents, maxCents: r.maxCents })),
    ...by('ass_amount', params.ass ?? [], () => '', (r) => ({ dailyCents: r.dailyCents })),
    ...by('aid_amount', params.aids, (r) => r.kind, (r) => ({ amountCents: r.amountCents })),
    ...by('remuneration_setting', settings, (r) => r.key, (r) => ({ value: r.value })),
  ];
}

/** The row of a series in force on `date`, or null if the series starts later. */
function statusOf(series: Series, date: IsoDate): RowStatus | null {
  if (!series.rows.some((r) => r.effectiveFrom <= date)) return null;
  const row = rowInForce(series.rows, date, `${series.table} ${series.key}`);
  return {
    table: series.table, key: series.key, effectiveFrom: row.effectiveFrom, values: row.values,
    source: row.source ?? null, verified: row.verified === true,
  };
}

/** The latest 1 April on or before `date`. */
export function latestFirstOfApril(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  return date >= `${year}-04-01` ? `${year}-04-01` : `${year - 1}-04-01`;
}

function missingMessage(table: ParameterTable, expected: IsoDate, applied: IsoDate, partial: string[]): string {
  const upr = `la revalorisation du ${formatDateFr(expected)}`;
  const from = formatDateFr(applied);
  if (partial.length > 0) return `${upr} n'est saisie que pour une partie du barème : pour ${partial.join(', ')}, le barème du ${from} s'applique`;
  if (table === 'remuneration_rate') return `${upr} n'est pas encore saisie : le barème du ${from} s'applique`;
  if (table === 'rqth_salary_bounds') return `${upr} des bornes de la rémunération RQTH sur salaire antérieur n'est pas encore saisie : les bornes du ${from} s'appliquent`;
  return `${upr} de l'ASS n'est pas encore saisie : le montant du ${from} s'applique`;
}

function missingUprating(table: ParameterTable, rows: readonly RowStatus[], date: IsoDate): UpratingNotice | null {
  const expected = latestFirstOfApril(date);
  const since = UPRATED_SINCE[table];
  if (!since || expected < since) return null;
  const inTable = rows.filter((r) => r.table === table);
  const late = inTable.filter((r) => r.effectiveFrom < expected);
  if (late.length === 0) return null;
  const applied = late.map((r) => r.effectiveFrom).sort()[0];
  const partial = late.length < inTable.length ? late.map((r) => r.key) : [];
  return {
    key: `revalorisation-${expected}-${table}`, table, expectedFrom: expected, appliedFrom: applied,
    seriesMissing: late.map((r) => r.key), messageFr: missingMessage(table, expected, applied, partial),
  };
}

/** One sentence per (table, date) of unverified rows in force. */
function unverifiedMessages(rows: readonly RowStatus[]): string[] {
  const groups = new Map<string, RowStatus>();
  for (const r of rows.filter((x) => !x.verified)) groups.set(`${r.table}|${r.effectiveFrom}|${r.source}`, r);
  return [...groups.values()].map((r) =>
    `ligne non vérifiée : ${LABELS[r.table]} du ${formatDateFr(r.effectiveFrom)} (source : ${r.source ?? 'inconnue'})`);
}

/** Every row in force on `date`, with its source and flag, and the 1 April upratings still missing. */
export function parameterStatus(params: RemunerationParameters, date: IsoDate, settings: readonly SettingRow[] = []): ParameterStatusView {
  assertIsoDate(date);
  const rows = seriesOf(params, settings).map((s) => statusOf(s, date)).filter((r): r is RowStatus => r !== null);
  const missingUpratings = (['remuneration_rate', 'rqth_salary_bounds', 'ass_amount'] as const)
    .map((t) => missingUprating(t, rows, date)).filter((n): n is UpratingNotice => n !== null);
  return { date, rows, missingUpratings, messagesFr: [...missingUpratings.map((n) => n.messageFr), ...unverifiedMessages(rows)] };
}

/**
 * Loads the dated parameter tables of trainee pay from PostgreSQL into the shape the pure rules take, every
 * row with its source and verified flag (finance sees which figures are still guesses). Reads through the
 * given EntityManager, so inside a transaction they see what the transaction sees.
 */
import type { AnyEntity, EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  parameterStatus, rowInForce, type AidKind, type AidUnit, type ParameterStatusView, type RateCategory, type RemunerationParameters,
  type SettingKey, type SettingRow,
} from '../../../domain/remuneration';

export interface PayParameters extends RemunerationParameters {
  avancePercent: number;
}

export interface ParameterRows {
  params: RemunerationParameters;
  settings: SettingRow[];
}

const day = (column: string): string => `to_char(${column}, 'YYYY-MM-DD') as effective_from`;
const PROVENANCE = `${day('effective_from')}, source, verified`;

type Row = EntityData<AnyEntity>;
const provenance = (r: Row) => ({ effectiveFrom: r.effective_from as string, source: r.source as string, verified: r.verified === true });

/** Every row of every table, whatever its date. */
export async function loadParameterRows(em: EntityManager): Promise<ParameterRows> {
  const rates: Row[] = await em.execute(`select category, monthly_cents, ${PROVENANCE} from remuneration_rate`);
  const bounds: Row[] = await em.execute(`select min_cents, max_cents, ${PROVENANCE} from rqth_salary_bounds`);
  const aids: Row[] = await em.execute(`select kind, amount_cents, unit, ${PROVENANCE} from aid_amount`);
  const ass: Row[] = await em.execute(`select daily_cents, ${PROVENANCE} from ass_amount`);
  const settings: Row[] = await em.execute(`select key, value, ${PROVENANCE} from remuneration_setting`);
  const settingRows: SettingRow[] = settings.map((s) => ({ ...provenance(s), key: s.key as SettingKey, value: s.value }));
  const inForceToday = (key: SettingKey): number => Number(rowInForce(settingRows.filter((s) => s.key === key), '9999-12-31', key).value);
  return {
    params: {
      rates: rates.map((r) => ({ ...provenance(r), category: r.category as RateCategory, monthlyCents: r.monthly_cents })),
      rqthSalaryBounds: bounds.map((b) => ({ ...provenance(b), minCents: b.min_cents, maxCents: b.max_cents })),
      aids: aids.map((a) => ({ ...provenance(a), kind: a.kind as AidKind, amountCents: a.amount_cents, unit: a.unit as AidUnit })),
      ass: ass.map((a) => ({ ...provenance(a), dailyCents: a.daily_cents })),
      // Replaced by the rows in force on the date by loadPayParameters; the latest here, for the status view.
      partTimeDivisorHundredthsOfHour: inForceToday('part_time_divisor_hundredths_of_hour'),
      priorWork: { minMonthsInLast12: inForceToday('prior_work_min_months_in_12'), minMonthsInLast24: inForceToday('prior_work_min_months_in_24') },
    },
    settings: settingRows,
  };
}

/** The tables, with the settings in force on `date` (a missing one: RemunerationInputError, not retried). */
export async function loadPayParameters(em: EntityManager, date: string): Promise<PayParameters> {
  const { params, settings } = await loadParameterRows(em);
  const setting = (key: SettingKey): number => Number(rowInForce(settings.filter((s) => s.key === key), date, key).value);
  return {
    ...params,
    partTimeDivisorHundredthsOfHour: setting('part_time_divisor_hundredths_of_hour'),
    priorWork: { minMonthsInLast12: setting('prior_work_min_months_in_12'), minMonthsInLast24: setting('prior_work_min_months_in_24') },
    avancePercent: setting('avance_percent'),
  };
}

/** What finance must know on `date`: rows in force with source and flag, upratings missing. */
export async function loadParameterStatus(em: EntityManager, date: string): Promise<ParameterStatusView> {
  const { params, settings } = await loadParameterRows(em);
  return parameterStatus(params, date, settings);
}

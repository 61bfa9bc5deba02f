/** Loads the dated parameter tables of trainee pay from PostgreSQL into the shape the pure rules take. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AidKind, AidUnit, RateCategory, RemunerationParameters } from '../../../domain/remuneration';

export interface PayParameters extends RemunerationParameters {
  avancePercent: number;
}

const day = (column: string): string => `to_char(${column}, 'YYYY-MM-DD') as effective_from`;

/** Settings are dated too: the value in force on `date`. */
async function setting(em: EntityManager, key: string, date: string): Promise<number> {
  const [row] = await em.getConnection().execute(
    `select value from remuneration_setting where key = ? and effective_from <= ? order by effective_from desc limit 1`, [key, date]);
  if (!row) throw new Error(`paramètre de rémunération manquant : ${key} au ${date}`);
  return row.value;
}

export async function loadPayParameters(em: EntityManager, date: string): Promise<PayParameters> {
  const conn = em.getConnection();
  const [rates, bounds, aids] = await Promise.all([
    conn.execute(`select category, ${day('effective_from')}, monthly_cents from remuneration_rate`),
    conn.execute(`select ${day('effective_from')}, min_cents, max_cents from rqth_salary_bounds`),
    conn.execute(`select kind, ${day('effective_from')}, amount_cents, unit from aid_amount`),
  ]);
  return {
    rates: rates.map((r) => ({ category: r.category as RateCategory, effectiveFrom: r.effective_from, monthlyCents: r.monthly_cents })),
    rqthSalaryBounds: bounds.map((b) => ({ effectiveFrom: b.effective_from, minCents: b.min_cents, maxCents: b.max_cents })),
    aids: aids.map((a) => ({ kind: a.kind as AidKind, effectiveFrom: a.effective_from, amountCents: a.amount_cents, unit: a.unit as AidUnit })),
    partTimeDivisorHundredthsOfHour: await setting(em, 'part_time_divisor_hundredths_of_hour', date),
    priorWork: {
      minMonthsInLast12: await setting(em, 'prior_work_min_months_in_12', date),
      minMonthsInLast24: await setting(em, 'prior_work_min_months_in_24', date),
    },
    avancePercent: await setting(em, 'avance_percent', date),
  };
}

/** Loads the dated parameter rows of sur-mesure orders (sur_mesure_parametre) and checks each one. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessFailure } from '../../domain/case/failures';
import { SurMesureInputError, toParameterRow, type AnyParameterRow } from '../../domain/sur-mesure';

export async function loadParameterRows(em: EntityManager): Promise<AnyParameterRow[]> {
  const rows = await em.execute(
    `select key, to_char(effective_from, 'YYYY-MM-DD') as effective_from, value, source, verified from sur_mesure_parametre order by key, effective_from`);
  return rows.map((r) => toParameterRow({ key: r.key, effectiveFrom: r.effective_from, value: r.value, source: r.source, verified: r.verified }));
}

/** The pure rules refuse malformed input with SurMesureInputError: a retry never fixes it. */
export async function pure<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SurMesureInputError) throw businessFailure('InvalidArgument', err.message);
    throw err;
  }
}

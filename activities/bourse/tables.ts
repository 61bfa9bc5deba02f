/** Loads the dated bursary tables (bourse_plafond, bourse_montant, bourse_parametre) into the shape the pure rules take. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BourseTables, CleParametre, Echelon, MontantRow, ParametreRow, PlafondRow } from '../../domain/bourse';

/** The barème of one academic year (empty arrays when not loaded: the rule then says which table is missing). */
export async function loadBareme(em: EntityManager, annee: string): Promise<Pick<BourseTables, 'plafonds' | 'montants'>> {
  const [plafonds, montants] = await Promise.all([
    em.execute(`select annee, points, echelon, plafond_euros, source, verified from bourse_plafond where annee = ?`, [annee]),
    em.execute(`select annee, echelon, annuel_cents, source, verified from bourse_montant where annee = ?`, [annee]),
  ]);
  return {
    plafonds: plafonds.map((r): PlafondRow => ({ annee: r.annee, points: r.points, echelon: r.echelon as Echelon, plafondEuros: r.plafond_euros,
      source: r.source, verified: r.verified })),
    montants: montants.map((r): MontantRow => ({ annee: r.annee, echelon: r.echelon as Echelon, annuelCents: Number(r.annuel_cents),
      source: r.source, verified: r.verified })),
  };
}

/** Every dated parameter row (a handful): the rule picks the one in force on its date. */
export async function loadParametres(em: EntityManager): Promise<ParametreRow[]> {
  const rows = await em.execute(`select key, to_char(effective_from, 'YYYY-MM-DD') as effective_from, value, source, verified from bourse_parametre`);
  return rows.map((r) => ({ key: r.key as CleParametre, effectiveFrom: r.effective_from, value: r.value, source: r.source, verified: r.verified }));
}

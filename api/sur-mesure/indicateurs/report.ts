/**
 * The sur-mesure indicators of a period: orders, posts committed, trainees, hired as committed (count and
 * rate), in total and by NAF section and bassin, under the statistical secrecy of the Région's other
 * indicators (domain/statistics/secrecy.ts): a cell about 1 to 4 companies (orders, posts) or persons
 * (trainees, checks) is hidden, and so is a second cell wherever a sum would reveal it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { applySecrecy, publish, publishRate, SECRECY_THRESHOLD, type PublishedCell, type StatCell, type Sum } from '../../../domain/statistics/secrecy';
import { countIndicators, DIMENSIONS, LABELS, type CountRow, type Dimension, type Label } from './sql';

export const DEFINITIONS: Readonly<Record<Label | 'tauxEmbaucheConforme', string>> = {
  commandes: 'Besoins d’entreprise enregistrés dans la période (secret jugé sur le nombre d’entreprises).',
  postesEngages: 'Postes des commandes dont le financement a été engagé dans la période (secret jugé sur le nombre d’entreprises).',
  stagiaires: 'Stagiaires des commandes entrés en formation dans la période.',
  controles: 'Contrôles d’embauche enregistrés dans la période (déclarés, constatés ou sans déclaration).',
  embauchesConformes: 'Parmi eux, stagiaires embauchés comme l’entreprise s’y était engagée.',
  tauxEmbaucheConforme: 'embauchesConformes / controles, 3 décimales.',
};

type RowRef = { dim: 'all' | Dimension; key: string };
const ALL: RowRef = { dim: 'all', key: 'all' };
const id = (r: RowRef, label: string): string => `${r.dim}\u0000${r.key}\u0000${label}`;

export async function indicateursReport(em: EntityManager, from: string, to: string) {
  const rows: CountRow[] = await countIndicators(em, from, to);
  const cells = new Map<string, StatCell>();
  const keys: Record<Dimension, Set<string>> = { nafSection: new Set(), bassin: new Set() };
  for (const r of rows) {
    cells.set(id(r, r.label), { n: r.n, persons: r.units, secret: false });
    if (r.dim !== 'all') keys[r.dim].add(r.key);
  }
  const cell = (r: RowRef, label: string): StatCell => {
    if (!cells.has(id(r, label))) cells.set(id(r, label), { n: 0, persons: 0, secret: false });
    return cells.get(id(r, label))!;
  };
  const rowsOf = (dim: Dimension): RowRef[] => [...keys[dim]].sort().map((key) => ({ dim, key }));
  // Each breakdown partitions the orders: its rows add up to the total, label by label.
  const sums: Sum[] = DIMENSIONS.flatMap((dim) => LABELS.map((label) => ({ total: cell(ALL, label), parts: rowsOf(dim).map((r) => cell(r, label)) })));
  for (const r of [ALL, ...DIMENSIONS.flatMap(rowsOf)]) LABELS.forEach((l) => cell(r, l));
  applySecrecy(cells.values(), sums);
  const figures = (r: RowRef) => ({
    ...(Object.fromEntries(LABELS.map((l) => [l, publish(cell(r, l))])) as Record<Label, PublishedCell>),
    tauxEmbaucheConforme: publishRate(cell(r, 'embauchesConformes'), cell(r, 'controles')),
  });
  return {
    period: { from, to },
    secrecy: { threshold: SECRECY_THRESHOLD },
    definitions: DEFINITIONS,
    ...figures(ALL),
    breakdowns: Object.fromEntries(DIMENSIONS.map((dim) => [dim, rowsOf(dim).map((r) => ({ key: r.key, ...figures(r) }))])) as
      Record<Dimension, ({ key: string } & ReturnType<typeof figures>)[]>,
  };
}

/**
 * The indicators of a period, as the Région reports them: entries, exits by kind, outcomes 6 months after
 * exit, each for the whole population and broken down by dispositif, bassin, gender and priority public.
 * Counts only, after statistical secrecy (see ./secrecy).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { applySecrecy, publish, publishRate, SECRECY_THRESHOLD, type PublishedCell, type StatCell, type Sum } from '../../../domain/statistics/secrecy';
import {
  countSection, DIMENSIONS, EMPLOI_OUTCOMES, EXIT_KINDS, OTHER_ANSWERED_OUTCOMES, OTHER_EXIT_KIND, OUTCOMES, PARTITION_DIMENSIONS,
  PRIORITY_PUBLICS, UNANSWERED, type CountRow, type Dimension, type Section,
} from './sql';

export const SECRECY_RULE = `Secret statistique : toute case comptant de 1 à ${SECRECY_THRESHOLD - 1} personnes est masquée `
  + '(value: null, secret: true). Secret secondaire : dans toute somme publiée (un total et sa ventilation) où une seule case '
  + 'serait masquée, la plus petite autre case non nulle l’est aussi, pour qu’aucune ne se déduise par soustraction. '
  + 'Les publics prioritaires se recoupent : ils ne forment pas de somme. Un taux est masqué si son numérateur ou son dénominateur l’est.';

export const DEFINITIONS = {
  entries: 'Dossiers dont la date d’entrée en formation est dans la période.',
  exits: 'Dossiers dont la date de sortie est dans la période, par motif de sortie.',
  outcomes6m: 'Dossiers dont la date de sortie + 6 mois est dans la période, par situation à 6 mois. Taux d’emploi à 6 mois = '
    + '(emploi d’au moins 1 mois + contrat aidé + création d’entreprise) / situations renseignées (non_renseigne exclu).',
  jeune: 'Moins de 26 ans à la date d’entrée en formation.',
};

type RowRef = { dim: 'all'; key: 'all' } | { dim: Dimension; key: string };
const ALL: RowRef = { dim: 'all', key: 'all' };

/** The counts of one section, as cells that the secrecy rule can mark; a missing count is a zero cell. */
class Grid {
  private readonly cells = new Map<string, StatCell>();
  private readonly keys = new Map<string, Set<string>>();

  constructor(rows: readonly CountRow[]) {
    for (const r of rows) {
      this.cells.set(Grid.id(r, r.label), { n: r.n, persons: r.persons, secret: false });
      if (!this.keys.has(r.dim)) this.keys.set(r.dim, new Set());
      this.keys.get(r.dim)?.add(r.key);
    }
  }

  private static id(row: { dim: string; key: string }, label: string): string {
    return `${row.dim}\u0000${row.key}\u0000${label}`;
  }

  cell(row: RowRef, label: string): StatCell {
    const id = Grid.id(row, label);
    let cell = this.cells.get(id);
    if (!cell) this.cells.set(id, (cell = { n: 0, persons: 0, secret: false }));
    return cell;
  }

  all(): Iterable<StatCell> {
    return this.cells.values();
  }

  hasLabel(label: string): boolean {
    return [...this.cells.entries()].some(([id, c]) => id.endsWith(`\u0000${label}`) && c.n > 0);
  }

  /** The rows of a breakdown: every priority public and every gender always, other keys as they occur. */
  rows(dim: Dimension): RowRef[] {
    const present = [...(this.keys.get(dim) ?? [])].sort((a, b) => a.localeCompare(b, 'fr'));
    const fixed: readonly string[] = dim === 'public' ? PRIORITY_PUBLICS : dim === 'gender' ? ['F', 'M', 'X'] : [];
    return [...fixed, ...present.filter((k) => !fixed.includes(k))].map((key) => ({ dim, key }));
  }
}

/** The sums a section publishes inside one row: a total and its parts. */
type Shape = { labels: string[]; sums: [total: string, parts: string[]][] };

function secure(grid: Grid, shape: Shape): void {
  const rows = [ALL, ...DIMENSIONS.flatMap((d) => grid.rows(d))];
  const sums: Sum[] = rows.flatMap((row) => shape.sums.map(([total, parts]) => ({ total: grid.cell(row, total), parts: parts.map((p) => grid.cell(row, p)) })));
  // The rows of a breakdown that partitions the population add up to the whole, label by label.
  for (const dim of PARTITION_DIMENSIONS) {
    for (const label of shape.labels) sums.push({ total: grid.cell(ALL, label), parts: grid.rows(dim).map((row) => grid.cell(row, label)) });
  }
  applySecrecy(grid.all(), sums);
}

function section<G>(grid: Grid, shape: Shape, group: (row: RowRef) => G) {
  secure(grid, shape);
  return {
    ...group(ALL),
    breakdowns: Object.fromEntries(DIMENSIONS.map((dim) => [dim, grid.rows(dim).map((row) => ({ key: row.key, ...group(row) }))])) as Record<Dimension, (G & { key: string })[]>,
  };
}

const byLabel = (grid: Grid, row: RowRef, labels: readonly string[]): Record<string, PublishedCell> =>
  Object.fromEntries(labels.map((l) => [l, publish(grid.cell(row, l))]));

export async function indicatorsReport(em: EntityManager, from: string, to: string) {
  const count = (s: Section) => countSection(em, s, from, to);
  const [entryRows, exitRows, outcomeRows] = await Promise.all([count('entries'), count('exits'), count('outcomes6m')]);

  const entries = new Grid(entryRows);
  const exits = new Grid(exitRows);
  const kinds: string[] = [...EXIT_KINDS, ...(exits.hasLabel(OTHER_EXIT_KIND) ? [OTHER_EXIT_KIND] : [])];
  const outcomes = new Grid(outcomeRows);

  return {
    period: { from, to },
    secrecy: { threshold: SECRECY_THRESHOLD, rule: SECRECY_RULE },
    definitions: DEFINITIONS,
    entries: section(entries, { labels: ['total'], sums: [] }, (row) => ({ total: publish(entries.cell(row, 'total')) })),
    exits: section(exits, { labels: ['total', ...kinds], sums: [['total', kinds]] }, (row) => ({
      total: publish(exits.cell(row, 'total')),
      byKind: byLabel(exits, row, kinds),
    })),
    outcomes6m: section(outcomes, {
      labels: ['total', 'answered', 'emploi', ...OUTCOMES],
      sums: [['total', ['answered', UNANSWERED]], ['answered', ['emploi', ...OTHER_ANSWERED_OUTCOMES]], ['emploi', [...EMPLOI_OUTCOMES]]],
    }, (row) => ({
      total: publish(outcomes.cell(row, 'total')),
      answered: publish(outcomes.cell(row, 'answered')),
      emploi: publish(outcomes.cell(row, 'emploi')),
      emploiRate: publishRate(outcomes.cell(row, 'emploi'), outcomes.cell(row, 'answered')),
      byOutcome: byLabel(outcomes, row, OUTCOMES),
    })),
  };
}

export type IndicatorsReport = Awaited<ReturnType<typeof indicatorsReport>>;
